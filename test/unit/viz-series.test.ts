import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachTotalRow, parseSeriesNumber, splitCsvLine, type TotalRow } from '../../viz/seriesCsv';

// Reading series.csv for the report: RFC 4180 fields, NA/Inf numbers, total rows only.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-viz-series-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const HEADER = 'date,district,country,market,echelon,channel,buyer,origin,size,metric,value,lo,hi';

async function totals(lines: string[]): Promise<TotalRow[]> {
  const file = path.join(tmp, `s${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const rows: TotalRow[] = [];
  await forEachTotalRow(file, (r) => rows.push(r));
  return rows;
}

describe('splitCsvLine', () => {
  it('splits plain and quoted fields', () => {
    expect(splitCsvLine('a,b,,c')).toEqual(['a', 'b', '', 'c']);
    expect(splitCsvLine('"a,1","say ""hi""",x,')).toEqual(['a,1', 'say "hi"', 'x', '']);
    expect(splitCsvLine('"",b')).toEqual(['', 'b']);
  });

  it('rejects an unclosed quote', () => {
    expect(() => splitCsvLine('"abc,d')).toThrow(/unclosed quote/);
  });
});

describe('parseSeriesNumber', () => {
  it('reads numbers, NA and infinities as written by series.csv', () => {
    expect(parseSeriesNumber('12.5')).toBe(12.5);
    expect(parseSeriesNumber('1e-7')).toBe(1e-7);
    expect(parseSeriesNumber('')).toBeNaN();
    expect(parseSeriesNumber('Inf')).toBe(Infinity);
    expect(parseSeriesNumber('-Inf')).toBe(-Infinity);
  });
});

describe('forEachTotalRow', () => {
  it('passes total rows and skips every breakdown', async () => {
    const rows = await totals([
      HEADER,
      '2010-01,be-antwerpen,BE,cannabis,production,,,,,volume_kg,10,8,12',
      '2010-01,be-antwerpen,BE,cannabis,production,,,NL,,volume_kg,4,3,5',
      '2010-01,be-antwerpen,BE,cannabis,production,,,,small,active_sites,4,3,5',
      '2010-01,nl-limburg,NL,cannabis,retail,coffee-shop,,,,volume_kg,4,3,5',
      '2010-01,nl-limburg,NL,cannabis,retail,,BE,,,volume_kg,4,3,5',
      '2010-01,nl-limburg,NL,cannabis,retail,,,,,volume_kg,7,,Inf',
    ]);
    expect(rows).toEqual([
      { date: '2010-01', district: 'be-antwerpen', country: 'BE', market: 'cannabis', echelon: 'production', metric: 'volume_kg', value: 10, lo: 8, hi: 12 },
      { date: '2010-01', district: 'nl-limburg', country: 'NL', market: 'cannabis', echelon: 'retail', metric: 'volume_kg', value: 7, lo: NaN, hi: Infinity },
    ]);
  });

  it('refuses a file that is not series.csv', async () => {
    await expect(totals(['date,district,value', '2010-01,x,1'])).rejects.toThrow(/unexpected header/);
    await expect(totals([''])).rejects.toThrow(/empty/);
  });
});

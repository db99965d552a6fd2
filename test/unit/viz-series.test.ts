import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNTRY_TOTAL, type KeySeries } from '../../sim/metrics/aggregate';
import type { SeriesKey } from '../../sim/metrics/series';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetBytes, type ColumnSource } from '../../sim/io/parquet';
import { seriesColumns, writeSeriesParquet } from '../../sim/io/seriesParquet';
import { parseCsvNumber, splitCsvLine } from '../../viz/csvFields';
import { MissingResultsError } from '../../viz/inputs';
import { forEachTotalRow, readSeriesColumns } from '../../viz/seriesParquet';
import type { TotalRow } from '../../viz/totals';

// Reading the series for the report: series.parquet's total rows, column by column; and the CSV
// fields of the small files (flows.csv, the seats).

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-viz-series-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MONTHS = ['2010-01', '2010-02'];
const key = (district: string, breakdown: Partial<SeriesKey> = {}): SeriesKey => ({
  district, country: district === COUNTRY_TOTAL ? 'NL' : (district.slice(0, 2).toUpperCase() as 'BE' | 'NL'), market: 'cannabis', echelon: 'retail',
  channel: '', buyer: '', origin: '', size: '', metric: 'volume_kg', ...breakdown,
});
const keySeries = (k: SeriesKey, value: number[], lo = value, hi = value): KeySeries => ({ key: k, months: MONTHS, value: Float64Array.from(value), lo: Float64Array.from(lo), hi: Float64Array.from(hi) });

const SERIES = [
  keySeries(key('be-antwerpen'), [10, 20], [8, 18], [12, 22]),
  keySeries(key('be-antwerpen', { channel: 'dealer' }), [4, 4]),
  keySeries(key('nl-limburg', { buyer: 'BE' }), [4, 4]),
  keySeries(key('nl-limburg', { origin: 'NL' }), [4, 4]),
  keySeries(key('nl-limburg', { size: 'small', metric: 'active_sites' }), [4, 4]),
  keySeries(key('nl-limburg'), [7, 0.1], [NaN, 0.05], [Infinity, 0.15]),
  keySeries(key(COUNTRY_TOTAL), [7, 0.1], [6, 0.05], [8, 0.15]),
];

async function totals(file: string): Promise<TotalRow[]> {
  const rows: TotalRow[] = [];
  forEachTotalRow(await readSeriesColumns(file), (r) => rows.push({ ...r }));
  return rows;
}

const total = (district: string, country: string, date: string, value: number, lo: number, hi: number): TotalRow => ({ date, district, country, market: 'cannabis', echelon: 'retail', metric: 'volume_kg', value, lo, hi });
const EXPECTED = [
  total('be-antwerpen', 'BE', '2010-01', 10, 8, 12),
  total('be-antwerpen', 'BE', '2010-02', 20, 18, 22),
  total('nl-limburg', 'NL', '2010-01', 7, NaN, Infinity),
  total('nl-limburg', 'NL', '2010-02', Math.fround(0.1), Math.fround(0.05), Math.fround(0.15)),
  total('', 'NL', '2010-01', 7, 6, 8),
  total('', 'NL', '2010-02', Math.fround(0.1), Math.fround(0.05), Math.fround(0.15)),
];

describe('forEachTotalRow (series.parquet)', () => {
  it('passes the district and country-total rows and skips every breakdown', async () => {
    const file = path.join(tmp, 'series.parquet');
    await writeSeriesParquet(file, SERIES, {});
    expect(await totals(file)).toEqual(EXPECTED);
  });

  it('reads the same rows from the columns the writer hands over as from the file', async () => {
    const columns = await writeSeriesParquet(path.join(tmp, 'handed.parquet'), SERIES, {});
    const rows: TotalRow[] = [];
    forEachTotalRow(columns, (r) => rows.push({ ...r }));
    expect(rows).toEqual(EXPECTED);
    expect(() => forEachTotalRow({ ...columns, metric: undefined as never }, () => {})).toThrow(/no metric/);
  });

  it('joins the row groups and pages of a file (as another writer may make them) in row order', async () => {
    const file = path.join(tmp, 'groups.parquet');
    const columnData = seriesColumns(SERIES).map((c): ColumnSource => ('codes' in c ? { name: c.name, type: 'STRING', data: Array.from(c.codes, (i) => c.dictionary[i]) } : c));
    fs.writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 3, pageSize: 8 })));
    expect(await totals(file)).toEqual(EXPECTED);
  });

  it('refuses, as a user-fixable error, a file that is not series.parquet', async () => {
    const text = path.join(tmp, 'text.parquet');
    fs.writeFileSync(text, 'date,district\n2010-01,x\n');
    await expect(totals(text)).rejects.toThrow(MissingResultsError);
    await expect(totals(text)).rejects.toThrow(/text\.parquet: not a readable series\.parquet/);
    const other = path.join(tmp, 'other.parquet');
    fs.writeFileSync(other, parquetBytes([{ name: 'date', type: 'STRING', data: ['2010-01'] }], {}));
    await expect(totals(other)).rejects.toThrow(/other\.parquet: no column district/);
  });
});

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

describe('parseCsvNumber', () => {
  it('reads numbers, NA and infinities as waterbed writes them', () => {
    expect(parseCsvNumber('12.5')).toBe(12.5);
    expect(parseCsvNumber('1e-7')).toBe(1e-7);
    expect(parseCsvNumber('')).toBeNaN();
    expect(parseCsvNumber('Inf')).toBe(Infinity);
    expect(parseCsvNumber('-Inf')).toBe(-Infinity);
  });
});

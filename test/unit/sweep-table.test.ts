import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { tableParquet } from '../../sim/sweep/parquet';
import { exactNumber, parseCsv, tableCsv, type SweepTable } from '../../sim/sweep/table';

// The table's two encodings: CSV with exact numbers, and typed Parquet that reads back the same.

const table: SweepTable = {
  columns: [
    { name: 'point', type: 'text' },
    { name: 'scenario', type: 'text' },
    { name: 'replicate', type: 'integer' },
    { name: 'seed', type: 'seed' },
    { name: 'policy:short-blows.intensity', type: 'number' },
    { name: 'status', type: 'text' },
    { name: 'error', type: 'text' },
    { name: 'verdict_cannabis_retail', type: 'text' },
    { name: 'delta_be_cannabis_retail', type: 'number' },
  ],
  rows: [
    ['pa', 'base', 0, 281474976710655, 0.1 + 0.2, 'ok', null, 'shift', -1.5e-7],
    ['pa', 'base', 1, 12345, 1 / 3, 'failed', 'went wrong, "badly"\nat line 2', null, null],
  ],
};

describe('sweep table', () => {
  it('writes numbers so they read back as the same doubles', () => {
    for (const x of [0.1 + 0.2, 1 / 3, 1e-7, 123456789.123, 2 ** 48 - 1, -0]) expect(Number(exactNumber(x))).toBe(x === 0 ? 0 : x);
    expect(exactNumber(-0)).toBe('0');
    expect(exactNumber(NaN)).toBe('');
  });

  it('CSV: header, RFC 4180 quoting, one line per row, NA empty', () => {
    const csv = tableCsv(table);
    const lines = csv.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('point,scenario,replicate,seed,policy:short-blows.intensity,status,error,verdict_cannabis_retail,delta_be_cannabis_retail');
    expect(lines[1]).toBe('pa,base,0,281474976710655,0.30000000000000004,ok,,shift,-1.5e-7');
    expect(lines[2]).toBe('pa,base,1,12345,0.3333333333333333,failed,"went wrong, ""badly"" at line 2",,');
    const parsed = parseCsv(csv);
    expect(parsed[2][6]).toBe('went wrong, "badly" at line 2');
    expect(Number(parsed[1][4])).toBe(0.1 + 0.2);
  });

  it('Parquet: typed columns with nulls and metadata, readable by hyparquet', async () => {
    const bytes = tableParquet(table, { 'waterbed.version': '0.1.0', 'waterbed.sweep.fileHash': 'abc' });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      point: 'pa', scenario: 'base', replicate: 0, seed: 281474976710655n, 'policy:short-blows.intensity': 0.1 + 0.2,
      status: 'ok', error: null, verdict_cannabis_retail: 'shift', delta_be_cannabis_retail: -1.5e-7,
    });
    expect(rows[1].error).toBe('went wrong, "badly"\nat line 2');
    expect(rows[1].delta_be_cannabis_retail).toBeNull();
    // The same table gives the same bytes.
    expect(Buffer.from(tableParquet(table, { 'waterbed.version': '0.1.0', 'waterbed.sweep.fileHash': 'abc' })).equals(Buffer.from(bytes))).toBe(true);
  });
});

import fs from 'node:fs';
import { SERIES_COLUMNS, type KeySeries } from '../metrics/aggregate';
import { roundSignificant } from './csv';
import { parquetBytes, type ColumnSource } from './parquet';

// series.parquet: the series as a typed, compressed table that R's arrow and pandas read directly
// (docs/OUTPUTS.md). The nine text columns repeat one value per key for hundreds of months, so they
// are dictionary-encoded and take almost no room; the numbers are most of the file. They hold the
// same 6 significant digits as series.csv: a 6-digit decimal survives a round trip through a 32-bit
// float (FLT_DIG = 6), so floats store exactly what the CSV shows in half the bytes of doubles.

type SeriesColumn = (typeof SERIES_COLUMNS)[number];
type Column = Exclude<SeriesColumn, 'value' | 'lo' | 'hi'>;
const TEXT_COLUMNS = SERIES_COLUMNS.slice(0, 10) as readonly Column[];

/** Parquet type of each column: UTF-8 text, and 32-bit floats for the numbers (doubles only for a value a float cannot hold). */
export const SERIES_PARQUET_TYPES: Readonly<Record<SeriesColumn, 'STRING' | 'FLOAT'>> = {
  date: 'STRING', district: 'STRING', country: 'STRING', market: 'STRING', echelon: 'STRING',
  channel: 'STRING', buyer: 'STRING', origin: 'STRING', size: 'STRING', metric: 'STRING',
  value: 'FLOAT', lo: 'FLOAT', hi: 'FLOAT',
};

/**
 * All rows in one row group (up to 2 million) and each column in one page: larger groups compress
 * better, a reader gets each column in one piece, and readers take any size.
 */
const LAYOUT = { rowGroupSize: 1 << 21, pageSize: 0 };

/** The smallest positive normal float; below it a float keeps fewer than 6 digits. */
const FLOAT_MIN_NORMAL = 2 ** -126;
const FLOAT_MAX = (2 - 2 ** -23) * 2 ** 127;

/** Whether a 32-bit float holds x's 6 significant digits: zero, not a number, infinite, or in the normal range. */
function fitsFloat(x: number): boolean {
  const a = Math.abs(x);
  return a === 0 || !Number.isFinite(a) || (a >= FLOAT_MIN_NORMAL && a <= FLOAT_MAX);
}

/** The columns of series.parquet for `series` (one row per key and month, in the given order). */
export function seriesColumns(series: readonly KeySeries[]): ColumnSource[] {
  let rows = 0;
  for (const s of series) rows += s.months.length;
  // Preallocated and filled key by key: far faster than pushing a million values one by one.
  const text = TEXT_COLUMNS.map(() => new Array<string>(rows));
  const numbers = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  let asFloat = true;
  let at = 0;
  for (const s of series) {
    const n = s.months.length;
    for (let m = 0; m < n; m++) text[0][at + m] = s.months[m];
    for (let c = 1; c < TEXT_COLUMNS.length; c++) text[c].fill(s.key[TEXT_COLUMNS[c] as Exclude<Column, 'date'>], at, at + n);
    [s.value, s.lo, s.hi].forEach((from, c) => {
      const into = numbers[c];
      for (let m = 0; m < n; m++) {
        const x = roundSignificant(from[m]);
        into[at + m] = x;
        if (asFloat && !fitsFloat(x)) asFloat = false;
      }
    });
    at += n;
  }
  return [
    ...TEXT_COLUMNS.map((name, c): ColumnSource => ({ name, type: 'STRING', data: text[c], nullable: false, encoding: 'RLE_DICTIONARY', statistics: false })),
    ...(['value', 'lo', 'hi'] as const).map((name, c): ColumnSource => ({
      name,
      type: asFloat ? 'FLOAT' : 'DOUBLE',
      data: asFloat ? Float32Array.from(numbers[c]) : numbers[c],
      nullable: false,
      encoding: 'BYTE_STREAM_SPLIT',
      statistics: false,
    })),
  ];
}

/** The columns of a series file by name, as written. */
export type WrittenColumns = Record<string, ArrayLike<unknown>>;

/**
 * Writes series.parquet and returns its columns (a report built next need not read them back);
 * `metadata` goes into the file's key-value metadata (no clock, so equal results give equal bytes).
 */
export async function writeSeriesParquet(file: string, series: readonly KeySeries[], metadata: Record<string, string>): Promise<WrittenColumns> {
  const columns = seriesColumns(series);
  await fs.promises.writeFile(file, parquetBytes(columns, metadata, LAYOUT));
  return Object.fromEntries(columns.map((c) => [c.name, c.data]));
}

import { SERIES_COLUMNS, type KeySeries } from '../metrics/aggregate';
import { roundSignificant } from './numbers';
import type { CodedColumn, ColumnSource } from './parquet';

// The columns of series.parquet (seriesParquet.ts writes them): the text columns dictionary-encoded,
// the numbers rounded to the 6 significant digits of series.csv, as 32-bit floats where a float
// holds them. Pure, so the explorer hands its report the numbers the CLI's report reads.

type SeriesColumn = (typeof SERIES_COLUMNS)[number];
type Column = Exclude<SeriesColumn, 'value' | 'lo' | 'hi'>;
const TEXT_COLUMNS = SERIES_COLUMNS.slice(0, 10) as readonly Column[];

/** Parquet type of each column: UTF-8 text, and 32-bit floats for the numbers (doubles only for a value a float cannot hold). */
export const SERIES_PARQUET_TYPES: Readonly<Record<SeriesColumn, 'STRING' | 'FLOAT'>> = {
  date: 'STRING', district: 'STRING', country: 'STRING', market: 'STRING', echelon: 'STRING',
  channel: 'STRING', buyer: 'STRING', origin: 'STRING', size: 'STRING', metric: 'STRING',
  value: 'FLOAT', lo: 'FLOAT', hi: 'FLOAT',
};

/** The smallest positive normal float; below it a float keeps fewer than 6 digits. */
const FLOAT_MIN_NORMAL = 2 ** -126;
const FLOAT_MAX = (2 - 2 ** -23) * 2 ** 127;

/** Whether a 32-bit float holds x's 6 significant digits: zero, not a number, infinite, or in the normal range. */
function fitsFloat(x: number): boolean {
  const a = Math.abs(x);
  return a === 0 || !Number.isFinite(a) || (a >= FLOAT_MIN_NORMAL && a <= FLOAT_MAX);
}

/** The columns of series.parquet for `series` (one row per key and month, in the given order). */
export function seriesColumns(series: readonly KeySeries[]): (CodedColumn | ColumnSource)[] {
  let rows = 0;
  for (const s of series) rows += s.months.length;
  // Text as codes: a key's values are looked up once, then filled over its months.
  const text = TEXT_COLUMNS.map((name) => ({ name, dictionary: [] as string[], index: new Map<string, number>() }));
  const code = (c: number, value: string): number => {
    const column = text[c];
    let i = column.index.get(value);
    if (i === undefined) column.index.set(value, (i = column.dictionary.push(value) - 1));
    return i;
  };
  // Every key has the run's months (one array for all of them): their codes are worked out once.
  const monthCodes = new Map<readonly string[], number[]>();
  const keyCodes = series.map((s) => {
    if (!monthCodes.has(s.months)) monthCodes.set(s.months, s.months.map((m) => code(0, m)));
    return TEXT_COLUMNS.map((name, c) => (c === 0 ? 0 : code(c, s.key[name as Exclude<Column, 'date'>])));
  });
  // The codes in the narrowest array that holds them: a byte or two per code rather than four, over
  // the series' 1.3 million rows × 10 columns, is tens of megabytes less to allocate and fill.
  const codes = text.map(({ dictionary }) => new (codeArray(dictionary.length))(rows));
  let at = 0;
  series.forEach((s, k) => {
    const n = s.months.length;
    codes[0].set(monthCodes.get(s.months)!, at);
    for (let c = 1; c < TEXT_COLUMNS.length; c++) codes[c].fill(keyCodes[k][c], at, at + n);
    at += n;
  });
  // Floats, unless a value needs a double (then the numbers are rounded again into doubles).
  const numbers = storedNumbers(series, rows, Float32Array) ?? storedNumbers(series, rows, Float64Array)!;
  return [
    ...text.map(({ name, dictionary }, c): CodedColumn => ({ name, dictionary, codes: codes[c] })),
    ...(['value', 'lo', 'hi'] as const).map((name, c): ColumnSource => ({
      name,
      type: numbers[c] instanceof Float32Array ? 'FLOAT' : 'DOUBLE',
      data: numbers[c],
      nullable: false,
      encoding: 'BYTE_STREAM_SPLIT',
      statistics: false,
    })),
  ];
}

/** The narrowest unsigned array for codes into a dictionary of `size` values. */
function codeArray(size: number): Uint8ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor {
  return size <= 2 ** 8 ? Uint8Array : size <= 2 ** 16 ? Uint16Array : Int32Array;
}

/** value, lo and hi of every row rounded to 6 significant digits into `Typed` arrays; null if a float cannot hold one of them. */
function storedNumbers<T extends Float32Array | Float64Array>(series: readonly KeySeries[], rows: number, Typed: { new (n: number): T }): T[] | null {
  const numbers = [new Typed(rows), new Typed(rows), new Typed(rows)];
  const check = Typed === (Float32Array as unknown);
  let at = 0;
  for (const s of series) {
    const from = [s.value, s.lo, s.hi];
    for (let c = 0; c < 3; c++) {
      const into = numbers[c];
      const source = from[c];
      for (let m = 0; m < source.length; m++) {
        const x = roundSignificant(source[m]);
        if (check && !fitsFloat(x)) return null;
        into[at + m] = x;
      }
    }
    at += s.months.length;
  }
  return numbers;
}

/** The columns of a series file by name, as written: text as a dictionary and codes, numbers as an array. */
export type WrittenColumns = Record<string, ArrayLike<number> | { dictionary: readonly string[]; codes: ArrayLike<number> }>;

/** The columns by name, as the report reads them (viz/seriesRows.ts). */
export function writtenColumns(columns: readonly (CodedColumn | ColumnSource)[]): WrittenColumns {
  return Object.fromEntries(columns.map((c) => [c.name, 'codes' in c ? { dictionary: c.dictionary, codes: c.codes } : (c.data as ArrayLike<number>)]));
}

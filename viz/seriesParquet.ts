import fs from 'node:fs';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { MissingResultsError } from './inputs';
import type { TotalRow } from './totals';

// The total rows of series.parquet (docs/OUTPUTS.md), column by column: the default job's file has
// ~1.2 M rows, so no object is made per row, and breakdown rows are skipped at once, since the
// report shows totals only (adding breakdowns to totals would count things twice). The columns come
// from the file, or, right after a run, from the writer, which hands over what it wrote.

/** The columns the report reads, as series.parquet names them. */
const COLUMNS = ['date', 'district', 'country', 'market', 'echelon', 'channel', 'buyer', 'origin', 'size', 'metric', 'value', 'lo', 'hi'] as const;
type Column = (typeof COLUMNS)[number];
/** A text column: one string per row (as read), or a dictionary and each row's index into it (as written). */
export type TextColumn = ArrayLike<string> | { dictionary: readonly string[]; codes: ArrayLike<number> };
/** The columns of series.parquet by name: text columns, and numbers for value, lo and hi. */
export type SeriesColumns = Readonly<Record<string, TextColumn | ArrayLike<number>>>;

/** Every column of series.parquet whole, its row groups' chunks joined in row order. */
export async function readSeriesColumns(file: string): Promise<SeriesColumns> {
  const bytes = await fs.promises.readFile(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const unreadable = (err: unknown) =>
    new MissingResultsError(`${file}: not a readable series.parquet (${err instanceof Error ? err.message : String(err)}). Rerun \`waterbed run\` to write it again.`);
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw unreadable(err);
  }
  const present = new Set(metadata.schema.map((c) => c.name));
  const missing = COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0) throw new MissingResultsError(`${file}: no column ${missing.join(', ')}; expected the columns ${COLUMNS.join(', ')}.`);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(COLUMNS.map((c) => [c, []]));
  try {
    await parquetRead({ file: buffer, metadata, columns: [...COLUMNS], onChunk: ({ columnName, columnData, rowStart }) => chunks.get(columnName)!.push({ rowStart, data: columnData }) });
  } catch (err) {
    throw unreadable(err);
  }
  return Object.fromEntries(COLUMNS.map((name) => [name, joined(chunks.get(name)!) as ArrayLike<string> | ArrayLike<number>]));
}

/** A column's chunks (one per data page) as one array, in row order. */
function joined(chunks: { rowStart: number; data: ArrayLike<unknown> }[]): ArrayLike<unknown> {
  if (chunks.length === 1) return chunks[0].data;
  chunks.sort((a, b) => a.rowStart - b.rowStart);
  const first = chunks[0].data;
  if (ArrayBuffer.isView(first)) {
    const Typed = first.constructor as Float32ArrayConstructor;
    const out = new Typed(chunks.reduce((n, c) => n + c.data.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c.data as Float32Array, at);
      at += c.data.length;
    }
    return out;
  }
  const out: unknown[] = [];
  for (const c of chunks) for (let i = 0; i < c.data.length; i++) out.push(c.data[i]);
  return out;
}

/** Row i's text of a column, whichever form it has. */
function textAt(column: TextColumn): (i: number) => string {
  if ('codes' in column) {
    const { dictionary, codes } = column;
    return (i) => dictionary[codes[i]];
  }
  return (i) => column[i];
}

/** Calls `onRow` for every total row (channel, buyer, origin and size all empty), in file order; the row object is reused. */
export function forEachTotalRow(c: SeriesColumns, onRow: (row: TotalRow) => void): void {
  const missing = COLUMNS.filter((name) => !c[name]);
  if (missing.length > 0) throw new Error(`series columns: no ${missing.join(', ')}`);
  const text = (name: Column) => textAt(c[name] as TextColumn);
  const number = (name: Column) => c[name] as ArrayLike<number>;
  const [channel, buyer, origin, size] = [text('channel'), text('buyer'), text('origin'), text('size')];
  const [date, district, country, market, echelon, metric] = [text('date'), text('district'), text('country'), text('market'), text('echelon'), text('metric')];
  const [value, lo, hi] = [number('value'), number('lo'), number('hi')];
  const row: TotalRow = { date: '', district: '', country: '', market: '', echelon: '', metric: '', value: 0, lo: 0, hi: 0 };
  for (let i = 0; i < value.length; i++) {
    if (channel(i) !== '' || buyer(i) !== '' || origin(i) !== '' || size(i) !== '') continue;
    row.date = date(i);
    row.district = district(i);
    row.country = country(i);
    row.market = market(i);
    row.echelon = echelon(i);
    row.metric = metric(i);
    row.value = value[i];
    row.lo = lo[i];
    row.hi = hi[i];
    onRow(row);
  }
}

import fs from 'node:fs';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { MissingResultsError } from './inputs';
import type { TotalRow } from './totals';

// Reads the total rows of series.parquet (docs/OUTPUTS.md) column by column: the default job's file
// has ~1.2 M rows, so no object is made per row, and breakdown rows are skipped at once, since the
// report shows totals only (adding breakdowns to totals would count things twice).

/** The columns the report reads, as series.parquet names them. */
const COLUMNS = ['date', 'district', 'country', 'market', 'echelon', 'channel', 'buyer', 'origin', 'size', 'metric', 'value', 'lo', 'hi'] as const;
type Column = (typeof COLUMNS)[number];
type SeriesColumns = Record<Column, ArrayLike<unknown>>;

/** Every column of the file whole, its row groups' chunks joined in row order. */
async function readColumns(file: string): Promise<SeriesColumns> {
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
  const columns = {} as SeriesColumns;
  for (const name of COLUMNS) {
    const list = chunks.get(name)!.sort((a, b) => a.rowStart - b.rowStart);
    columns[name] = list.length === 1 ? list[0].data : list.flatMap((c) => Array.from(c.data));
  }
  return columns;
}

/** Calls `onRow` for every total row (channel, buyer, origin and size all empty), in file order; the row object is reused. */
export async function forEachTotalRow(file: string, onRow: (row: TotalRow) => void): Promise<void> {
  const c = await readColumns(file);
  const [channel, buyer, origin, size] = [c.channel, c.buyer, c.origin, c.size] as ArrayLike<string>[];
  const text = (name: Column) => c[name] as ArrayLike<string>;
  const number = (name: Column) => c[name] as ArrayLike<number>;
  const [date, district, country, market, echelon, metric] = [text('date'), text('district'), text('country'), text('market'), text('echelon'), text('metric')];
  const [value, lo, hi] = [number('value'), number('lo'), number('hi')];
  const row: TotalRow = { date: '', district: '', country: '', market: '', echelon: '', metric: '', value: 0, lo: 0, hi: 0 };
  for (let i = 0; i < date.length; i++) {
    if (channel[i] !== '' || buyer[i] !== '' || origin[i] !== '' || size[i] !== '') continue;
    row.date = date[i];
    row.district = district[i];
    row.country = country[i];
    row.market = market[i];
    row.echelon = echelon[i];
    row.metric = metric[i];
    row.value = value[i];
    row.lo = lo[i];
    row.hi = hi[i];
    onRow(row);
  }
}

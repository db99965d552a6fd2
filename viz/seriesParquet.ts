import fs from 'node:fs';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { MissingResultsError } from './inputs';
import { COLUMNS, type SeriesColumns } from './seriesRows';

// Reads the columns of series.parquet (docs/OUTPUTS.md) whole; seriesRows.ts takes the total rows
// from them. Right after a run the writer hands over what it wrote instead.

export { forEachTotalRow, type SeriesColumns, type TextColumn } from './seriesRows';

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

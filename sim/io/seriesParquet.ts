import fs from 'node:fs';
import type { KeySeries } from '../metrics/aggregate';
import { parquetBytes } from './parquet';
import { seriesColumns, writtenColumns, type WrittenColumns } from './seriesColumns';

// series.parquet: the series as a typed, compressed table that R's arrow and pandas read directly
// (docs/OUTPUTS.md). The text columns repeat one value per key for hundreds of months, so they are
// dictionary-encoded (handed to the writer as codes) and take almost no room; the numbers are most
// of the file. They hold the same 6 significant digits as series.csv: a 6-digit decimal survives a
// round trip through a 32-bit float (FLT_DIG = 6), so floats store exactly what the CSV shows in
// half the bytes of doubles.

export { SERIES_PARQUET_TYPES, seriesColumns, type WrittenColumns } from './seriesColumns';

/**
 * Writes series.parquet and returns its columns (a report built next need not read them back);
 * `metadata` goes into the file's key-value metadata (no clock, so equal results give equal bytes).
 */
export async function writeSeriesParquet(file: string, series: readonly KeySeries[], metadata: Record<string, string>): Promise<WrittenColumns> {
  const columns = seriesColumns(series);
  await fs.promises.writeFile(file, parquetBytes(columns, metadata));
  return writtenColumns(columns);
}

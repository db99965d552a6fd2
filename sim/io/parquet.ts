import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer/src/types';

// The one way waterbed writes Parquet (series.parquet, a sweep's table.parquet): hyparquet-writer,
// plain JavaScript with no native build, whose files R's arrow and pandas read. The bytes depend
// only on the columns and the metadata given (no clock, no host), so equal results give equal files.

export type { ColumnSource };

export interface ParquetLayout {
  /** rows per row group; hyparquet-writer's default (1,000, then 100,000) when absent */
  rowGroupSize?: number;
  /** bytes of a data page before compression; 0: one page per column chunk; hyparquet-writer's default (1 MB) when absent */
  pageSize?: number;
}

/** A Parquet file of `columns`, with `metadata` as key-value metadata and `waterbed <version>` as its writer. */
export function parquetBytes(columns: ColumnSource[], metadata: Record<string, string>, layout: ParquetLayout = {}): Uint8Array {
  const entries = Object.entries(metadata).map(([key, value]) => ({ key, value }));
  // No metadata is no list: hyparquet-writer writes an empty list with an element type that the
  // Arrow Rust reader (parquet-wasm) refuses ("Expected list element type of Struct but got Byte").
  const kvMetadata = entries.length > 0 ? entries : undefined;
  return new Uint8Array(
    parquetWriteBuffer({ columnData: columns, kvMetadata, createdBy: `waterbed ${metadata['waterbed.version'] ?? ''}`.trim(), ...layout }),
  );
}

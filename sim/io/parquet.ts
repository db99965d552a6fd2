import { ByteWriter, schemaFromColumnData } from 'hyparquet-writer';
import { writeColumn } from 'hyparquet-writer/src/column.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeDictionaryPage } from 'hyparquet-writer/src/dictionary.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import type { ColumnEncoder, ColumnSource, PageData } from 'hyparquet-writer/src/types';
import { byteStreamSplit, rleDictionaryCodes, type SplitNumbers } from './parquetPages';
import { snappyCompress } from './snappy';

// The one way waterbed writes Parquet (series.parquet, agents.parquet, a sweep's table.parquet):
// hyparquet-writer, plain JavaScript with no native build, whose files R's arrow and pandas read. A
// file is one row group (agents.parquet: one per replicate), each column one page per row group,
// snappy-compressed. The bytes depend only on the columns and the
// metadata given (no clock, no host), so equal results give equal files.
//
// The file is put together here from hyparquet-writer's page and metadata writers (its modules
// `hyparquet-writer/src/*.js`, exported by its package.json) rather than by its ParquetWriter, for
// one reason: a text column given as codes. ParquetWriter takes text as one string per row and
// looks each one up in a map to dictionary-encode it, which for the series' ten key columns of a
// million rows each was most of the time spent writing results; a CodedColumn arrives encoded. Its
// codes, and required float columns split by byte (the series' numbers), are encoded into pages by
// parquetPages.ts, in the bytes hyparquet-writer would write but without its byte-at-a-time buffer.

export type { ColumnSource };
// hyparquet-writer's own types (it depends on its own copy of hyparquet, whose types may differ from ours)
type ColumnChunk = ReturnType<typeof writeColumn>['chunk'];
type SchemaElement = ReturnType<typeof schemaFromColumnData>[number];

/** A text column as its distinct values and, per row, the index of its value: written dictionary-encoded as it is. */
export interface CodedColumn {
  name: string;
  dictionary: readonly string[];
  codes: Int32Array | Uint16Array | Uint8Array;
}

const CODEC = 'SNAPPY';
const COMPRESSORS = { SNAPPY: snappyCompress };
const PARQUET_MAGIC = 0x31524150; // "PAR1"

const isCoded = (c: ColumnSource | CodedColumn): c is CodedColumn => 'codes' in c;

type Columns = readonly (ColumnSource | CodedColumn)[];

const rowsOf = (c: ColumnSource | CodedColumn): number => (isCoded(c) ? c.codes.length : c.data.length);

/** A Parquet file of `columns` (all of one length), with `metadata` as key-value metadata and `waterbed <version>` as its writer. */
export function parquetBytes(columns: Columns, metadata: Record<string, string>): Uint8Array {
  return parquetRowGroupsBytes(1, () => columns, metadata);
}

/**
 * A Parquet file of `count` row groups, group g given as its columns by `group(g)` (the same names and
 * types in every group; the schema is the first group's), with `metadata` as key-value metadata. Each
 * group's columns are asked for only as it is written, so they need not all be held at once.
 */
export function parquetRowGroupsBytes(count: number, group: (g: number) => Columns, metadata: Record<string, string>): Uint8Array {
  if (count < 1) throw new RangeError('parquet: no row group');
  let columns = group(0);
  const names = columns.map((c) => c.name).join();
  const schema = schemaFromColumnData({
    columnData: columns.map((c): ColumnSource => (isCoded(c) ? { name: c.name, type: 'STRING', data: [], nullable: false } : c)),
  });
  const writer = new ByteWriter(sizeGuess(columns, count));
  writer.appendUint32(PARQUET_MAGIC);
  const rowGroups = [];
  for (let g = 0; g < count; g++) {
    if (g > 0) columns = group(g);
    if (columns.map((c) => c.name).join() !== names) throw new RangeError(`parquet: row group ${g} has other columns than the first`);
    const rows = columns.length === 0 ? 0 : rowsOf(columns[0]);
    const chunks = rowGroupChunks(writer, schema, columns, rows);
    rowGroups.push({ columns: chunks, total_byte_size: chunks.reduce((sum, c) => sum + c.meta_data!.total_uncompressed_size, 0n), num_rows: BigInt(rows) });
  }
  const entries = Object.entries(metadata).map(([key, value]) => ({ key, value }));
  writeMetadata(writer, {
    version: 2,
    metadata_length: 0, // a reader's field, not written
    created_by: `waterbed ${metadata['waterbed.version'] ?? ''}`.trim(),
    schema,
    num_rows: rowGroups.reduce((sum, g) => sum + g.num_rows, 0n),
    row_groups: rowGroups,
    // No metadata is no list: an empty one is what the Arrow Rust reader (parquet-wasm) refuses.
    key_value_metadata: entries.length > 0 ? entries : undefined,
  });
  writer.appendUint32(PARQUET_MAGIC);
  return writer.getBytes(); // a view of the writer's buffer: no copy of the file
}

/**
 * Bytes to start the file's buffer with: the first group's numbers as they are (compression rarely
 * makes them larger) and little for codes, times the groups. The buffer doubles when the guess is
 * short; a guess near the mark saves copying a growing file several times over.
 */
function sizeGuess(columns: Columns, count: number): number {
  let bytes = 1 << 16;
  for (const c of columns) {
    if (isCoded(c)) bytes += c.codes.length / 4;
    else bytes += ArrayBuffer.isView(c.data) ? c.data.byteLength : 8 * c.data.length;
  }
  return Math.ceil(bytes * count);
}

/** Writes one row group's column chunks; returns their metadata. */
function rowGroupChunks(writer: ByteWriter, schema: SchemaElement[], columns: Columns, rows: number): ColumnChunk[] {
  return columns.map((c, i): ColumnChunk => {
    if (rowsOf(c) !== rows) throw new RangeError(`parquet: column ${c.name} has not ${rows} rows like the first`);
    const element = schema[i + 1];
    const encoder: ColumnEncoder = {
      columnName: c.name,
      element,
      schemaPath: [schema[0], element],
      codec: CODEC,
      compressors: COMPRESSORS,
      stats: isCoded(c) ? false : (c.statistics ?? true),
      pageSize: 0, // one page
      columnIndex: false,
      offsetIndex: false,
      encoding: isCoded(c) ? undefined : c.encoding,
    };
    if (isCoded(c)) return codedChunk(writer, encoder, c);
    if (isSplitFloats(c, element)) return splitChunk(writer, encoder, c.data);
    return writeColumn({ writer, column: encoder, pageData: pageData(c.data, element) }).chunk;
  });
}

/** A flat column's values with the definition levels of its nulls (none for a required column). */
function pageData(values: ColumnSource['data'], element: SchemaElement): PageData {
  if (element.repetition_type === 'REQUIRED') return { values, definitionLevels: [], repetitionLevels: [], maxDefinitionLevel: 0 };
  const definitionLevels = Array.from(values as ArrayLike<unknown>, (v) => (v === null || v === undefined ? 0 : 1));
  return { values, definitionLevels, repetitionLevels: [], maxDefinitionLevel: 1 };
}

/** A required FLOAT or DOUBLE column of typed numbers, BYTE_STREAM_SPLIT and without statistics: the series' numbers. */
function isSplitFloats(c: ColumnSource, element: SchemaElement): c is ColumnSource & { data: SplitNumbers } {
  return c.encoding === 'BYTE_STREAM_SPLIT' && c.statistics === false && element.repetition_type === 'REQUIRED'
    && ((element.type === 'FLOAT' && c.data instanceof Float32Array) || (element.type === 'DOUBLE' && c.data instanceof Float64Array));
}

/** A required float column as one BYTE_STREAM_SPLIT data page, as writeColumn writes it (no statistics). */
function splitChunk(writer: ByteWriter, encoder: ColumnEncoder, values: SplitNumbers): ColumnChunk {
  const start = writer.offset;
  const uncompressed = writeDataPage(writer, 'BYTE_STREAM_SPLIT', byteStreamSplit(values), values.length);
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: encoder.element.type!,
      encodings: ['BYTE_STREAM_SPLIT'],
      path_in_schema: [encoder.columnName],
      codec: CODEC,
      num_values: BigInt(values.length),
      total_compressed_size: BigInt(writer.offset - start),
      total_uncompressed_size: BigInt(uncompressed),
      data_page_offset: BigInt(start),
    },
  };
}

/**
 * A data page (v2) of a required, unnested column: its header, then `values` (the encoded values)
 * compressed. Returns the page's uncompressed size with its header, as writeDataPageV2 does.
 */
function writeDataPage(writer: ByteWriter, encoding: 'BYTE_STREAM_SPLIT' | 'RLE_DICTIONARY', values: Uint8Array, rows: number): number {
  const compressed = COMPRESSORS[CODEC](values);
  const headerStart = writer.offset;
  writePageHeader(writer, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: values.length,
    compressed_page_size: compressed.length,
    data_page_header_v2: {
      num_values: rows,
      num_nulls: 0,
      num_rows: rows,
      encoding,
      definition_levels_byte_length: 0,
      repetition_levels_byte_length: 0,
      is_compressed: true,
    },
  });
  const header = writer.offset - headerStart;
  writer.appendBytes(compressed);
  return header + values.length;
}

/** A coded text column: its dictionary page, then one data page of the codes (RLE_DICTIONARY). */
function codedChunk(writer: ByteWriter, encoder: ColumnEncoder, c: CodedColumn): ColumnChunk {
  const start = writer.offset;
  let uncompressed = writeDictionaryPage(writer, encoder, [...c.dictionary]);
  const dataStart = writer.offset;
  uncompressed += writeDataPage(writer, 'RLE_DICTIONARY', rleDictionaryCodes(c.codes), c.codes.length);
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: 'BYTE_ARRAY',
      encodings: ['PLAIN', 'RLE_DICTIONARY'],
      path_in_schema: [c.name],
      codec: CODEC,
      num_values: BigInt(c.codes.length),
      total_uncompressed_size: BigInt(uncompressed),
      total_compressed_size: BigInt(writer.offset - start),
      data_page_offset: BigInt(dataStart),
      dictionary_page_offset: BigInt(start),
    },
  };
}

import { parquetBytes, type ColumnSource } from '../io/parquet';
import type { SweepTable } from './table';

// table.parquet: the same table as table.csv, typed (text as UTF-8 strings, numbers as doubles,
// replicate as int32, seed as int64; NA as null), for R's arrow and pandas (sim/io/parquet.ts
// writes it). Key-value metadata record the tool version and the sweep file's hash, as the
// manifest does.

export function tableParquet(table: SweepTable, metadata: Record<string, string>): Uint8Array {
  const columnData: ColumnSource[] = table.columns.map((column, c) => {
    const values = table.rows.map((row) => row[c]);
    switch (column.type) {
      case 'text':
        return { name: column.name, type: 'STRING', data: values.map((v) => (v === null ? null : String(v))) };
      case 'integer':
        return { name: column.name, type: 'INT32', data: values.map((v) => (v === null ? null : Number(v))), nullable: false };
      case 'seed':
        return { name: column.name, type: 'INT64', data: values.map((v) => BigInt(v as number)), nullable: false };
      case 'number':
        return { name: column.name, type: 'DOUBLE', data: values.map((v) => (v === null || typeof v !== 'number' ? null : v)) };
    }
  });
  return parquetBytes(columnData, metadata);
}

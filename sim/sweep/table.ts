import { csvLine } from '../io/csv';
import type { DesignDocument } from './designFile';
import { listRuns, type PlannedRun } from './plan';
import type { RunRecord } from './store';

// The sweep's tidy table: one row per run, in table order (point as the design first names it, then
// scenario, then replicate), whatever order the runs were executed or stored in. It holds nothing
// that depends on the machine, the workers or the clock, so an interrupted-and-resumed or a sharded
// sweep gives the same bytes as an uninterrupted one.

export type CellType = 'text' | 'number' | 'integer' | 'seed';
export type Cell = string | number | null;

export interface TableColumn {
  name: string;
  type: CellType;
}

export interface SweepTable {
  columns: TableColumn[];
  rows: Cell[][];
}

/** The runs of a sweep, rebuilt from its design document alone (a merge has no sweep file to read). */
export function runsOfDesign(doc: DesignDocument): PlannedRun[] {
  return listRuns(doc.points, doc.factors, doc.scenarios, doc.replicates, doc.seed);
}

export function tableColumns(doc: DesignDocument): TableColumn[] {
  return [
    { name: 'point', type: 'text' },
    { name: 'scenario', type: 'text' },
    { name: 'replicate', type: 'integer' },
    { name: 'seed', type: 'seed' },
    ...doc.factors.map((f): TableColumn => ({ name: f.name, type: 'number' })),
    { name: 'status', type: 'text' },
    { name: 'error', type: 'text' },
    ...doc.outputs.map((c): TableColumn => ({ name: c.name, type: c.type === 'text' ? 'text' : 'number' })),
  ];
}

/** The table; throws if a run has no record (the caller reports missing runs before). */
export function buildTable(doc: DesignDocument, records: ReadonlyMap<string, RunRecord>): SweepTable {
  const rows = runsOfDesign(doc).map((run): Cell[] => {
    const record = records.get(run.id);
    if (!record) throw new Error(`run ${run.id} has no record`);
    const ok = record.status === 'ok';
    const outputs = ok ? record.outputs ?? [] : [];
    return [
      doc.points[run.point].id,
      doc.scenarios[run.variant],
      run.replicate,
      run.seed,
      ...doc.points[run.point].values,
      record.status,
      ok ? null : record.error ?? 'failed',
      ...doc.outputs.map((_, i) => (ok ? outputs[i] ?? null : null)),
    ];
  });
  return { columns: tableColumns(doc), rows };
}

/**
 * A number as the shortest text that reads back as the same double (JavaScript's own rule), so
 * factor values and seeds in the CSV are exact: a run can be repeated from its row. `0` for −0.
 */
export function exactNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return x === 0 ? '0' : String(x);
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return exactNumber(cell);
  // One line per row: an error message never breaks the table's lines.
  return cell.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** table.csv: UTF-8, `\n` line ends, a header, RFC 4180 quoting, an empty field for NA. */
export function tableCsv(table: SweepTable): string {
  const parts = [csvLine(table.columns.map((c) => c.name))];
  for (const row of table.rows) parts.push(csvLine(row.map(cellText)));
  return parts.join('');
}

export { parseCsv } from '../io/csv';

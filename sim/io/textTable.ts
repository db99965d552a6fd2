// Aligned plain-text tables for the terminal (verdicts, comparisons, benchmarks).

export type Cell = string | number | null | undefined;

export interface TableOptions {
  /** alignment per column; default: right for numbers and text that starts like one, left otherwise (decided by the first body row) */
  align?: ReadonlyArray<'left' | 'right'>;
  /** treat the first row as a header and underline it (default true) */
  header?: boolean;
  /** separator between columns (default two spaces) */
  gap?: string;
  /** text for null/undefined cells (default '') */
  empty?: string;
}

/**
 * Formats rows as aligned text lines (one string per line, no trailing newline): pass the lines to
 * a log callback, or join them with '\n'. Numbers are printed with String(); format them first for
 * fixed precision.
 */
export function formatTable(rows: ReadonlyArray<ReadonlyArray<Cell>>, options: TableOptions = {}): string[] {
  const { header = true, gap = '  ', empty = '' } = options;
  if (rows.length === 0) return [];
  const columns = Math.max(...rows.map((r) => r.length));
  const text = rows.map((r) => Array.from({ length: columns }, (_, c) => (r[c] === null || r[c] === undefined ? empty : String(r[c]))));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...text.map((r) => r[c].length)));
  const sample = rows[header && rows.length > 1 ? 1 : 0];
  const align = Array.from({ length: columns }, (_, c) =>
    options.align?.[c] ?? (typeof sample[c] === 'number' || /^[-+]?\.?\d/.test(String(sample[c] ?? '')) ? 'right' : 'left'));
  const line = (r: string[]) =>
    r.map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(gap).trimEnd();
  const out: string[] = [];
  text.forEach((r, i) => {
    out.push(line(r));
    if (header && i === 0 && rows.length > 1) out.push(widths.map((w) => '-'.repeat(w)).join(gap));
  });
  return out;
}

// Small helpers for benchmark reports: medians (and, re-exported, aligned text tables).

/** Median of a list of numbers (mean of the two middle values for an even count; NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export { formatTable, type Cell, type TableOptions } from '../io/textTable';

import { TABLE_ROWS, type AnalysisWindows, type Period, type RowKey } from '../core';
import { REFERENCE_TABLES } from '../metrics/study';
import { checkKeys, fail, isEmpty, mapEntries, readPeriod, readString, type Entry, type Field } from './fields';
import { collectProblems, type Problems } from './problems';
import { didYouMean } from './suggest';
import type { At } from './yamlText';

// Analysis windows: the "before" and "after" periods that the DISMARK table compares, for the
// whole scenario and optionally per table row. Defaults: the first and the last five years of the run.

export interface LocatedPeriod {
  period: Period;
  at: At;
}

export interface WindowsSpec {
  before?: LocatedPeriod;
  after?: LocatedPeriod;
}

export interface AnalysisSpec extends WindowsSpec {
  rows: Partial<Record<RowKey, WindowsSpec>>;
  /** a reference table to print beside the verdicts (sim/metrics/study.ts) */
  reference?: string;
}

export const ROW_KEYS: readonly RowKey[] = TABLE_ROWS.map((r) => `${r.market}/${r.echelon}` as RowKey);
const WINDOW_KEYS = ['before', 'after'];
const DEFAULT_YEARS = 5;

/**
 * Reads `analysis:` in part: its problems go to `problems`, and every window that is well written is
 * kept, so that it is still checked against the run when another window is not.
 */
export function readAnalysis(field: Field, problems: Problems): AnalysisSpec {
  const spec: AnalysisSpec = { rows: {} };
  if (isEmpty(field)) return spec;
  problems.check(() => {
    const entries = mapEntries(field, 'a mapping with before, after and rows');
    problems.check(() => checkKeys(entries, [...WINDOW_KEYS, 'rows', 'reference'], 'analysis keys'));
    for (const entry of entries) {
      if (entry.key === 'rows') problems.check(() => readRows(entry.value, spec, problems));
      else if (entry.key === 'reference') spec.reference = problems.check(() => readReference(entry.value));
      else if (WINDOW_KEYS.includes(entry.key)) readWindow(entry, spec, problems);
    }
  });
  return spec;
}

function readWindow(entry: Entry, windows: WindowsSpec, problems: Problems): void {
  const period = problems.check(() => readPeriod(entry.value));
  if (period) windows[entry.key as 'before' | 'after'] = { period, at: entry.value.at };
}

function readReference(field: Field): string {
  const known = Object.keys(REFERENCE_TABLES);
  const id = readString(field, `a reference table id (${known.join(', ')})`);
  if (!known.includes(id)) fail(field.at, `unknown reference table "${id}"`, `one of ${known.join(', ')}`, didYouMean(id, known));
  return id;
}

function readRows(field: Field, spec: AnalysisSpec, problems: Problems): void {
  if (isEmpty(field)) return;
  for (const row of mapEntries(field, `a mapping from table row (${ROW_KEYS.join(', ')}) to {before, after}`)) {
    problems.check(() => {
      if (!(ROW_KEYS as readonly string[]).includes(row.key)) {
        fail(row.keyAt, `unknown analysis row "${row.key}"`, `one of the table rows ${ROW_KEYS.join(', ')}`, didYouMean(row.key, ROW_KEYS));
      }
      const windows: WindowsSpec = {};
      const entries = mapEntries(row.value, 'a mapping with before and/or after, e.g. {before: [2005-01-01, 2009-12-31]}');
      problems.check(() => checkKeys(entries, WINDOW_KEYS, 'window keys'));
      for (const entry of entries) if (WINDOW_KEYS.includes(entry.key)) readWindow(entry, windows, problems);
      spec.rows[row.key as RowKey] = windows;
    });
  }
}

/** The child's windows replace the parent's one by one, so a child may change only `after`. */
export function mergeAnalysis(parent: AnalysisSpec, child: AnalysisSpec): AnalysisSpec {
  const rows: AnalysisSpec['rows'] = { ...parent.rows };
  for (const key of ROW_KEYS) {
    if (child.rows[key]) rows[key] = { ...parent.rows[key], ...child.rows[key] };
  }
  return { before: child.before ?? parent.before, after: child.after ?? parent.after, rows, reference: child.reference ?? parent.reference };
}

/** The windows of every table row, each checked to lie inside the run (all of them, not only the first that does not). */
export function resolveAnalysis(spec: AnalysisSpec, start: string, end: string): Record<RowKey, AnalysisWindows> {
  const defaults = defaultWindows(start, end);
  return collectProblems((problems) => {
    const pick = (which: 'before' | 'after', own?: LocatedPeriod): Period => {
      if (!own) return defaults[which];
      const [first, last] = own.period;
      if (first < start || last > end) {
        const side = first < start ? `starts (${first}) before the run starts (${start})` : `ends (${last}) after the run ends (${end})`;
        problems.check(() => fail(own.at, `the ${which} window ${side}`, `a window inside the run ${start} … ${end}`));
      }
      return [first, last];
    };
    const before = pick('before', spec.before);
    const after = pick('after', spec.after);
    const out = {} as Record<RowKey, AnalysisWindows>;
    for (const key of ROW_KEYS) {
      const row = spec.rows[key] ?? {};
      out[key] = {
        // Copies, so that a consumer changing one row's window does not change the others.
        before: row.before ? pick('before', row.before) : [...before],
        after: row.after ? pick('after', row.after) : [...after],
      };
    }
    return out;
  });
}

export function defaultWindows(start: string, end: string): AnalysisWindows {
  const firstYears = shiftYears(start, DEFAULT_YEARS, -1);
  const lastYears = shiftYears(end, -DEFAULT_YEARS, +1);
  // A run shorter than the default windows compares its whole length on both sides.
  return {
    before: [start, firstYears < end ? firstYears : end],
    after: [lastYears > start ? lastYears : start, end],
  };
}

function shiftYears(iso: string, years: number, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d + days)).toISOString().slice(0, 10);
}

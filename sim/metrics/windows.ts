import type { AnalysisWindows, Echelon, Market, Period, RowKey } from '../core/types';

// The analysis windows a comparison measures both runs on. A verdict depends on its windows as much
// as on the run, so the baseline and a scenario are only put side by side over the same ones: the
// scenario's own, or one before and/or after window given for every row.

/** Windows given for every row (e.g. on the command line); either may be left to the scenario. */
export interface WindowOverride {
  before?: Period;
  after?: Period;
}

/** Each row's windows: the override where given, else the scenario's own for that row. */
export function comparisonWindows(analysis: Readonly<Record<RowKey, AnalysisWindows>>, override: WindowOverride = {}): Record<RowKey, AnalysisWindows> {
  const out = {} as Record<RowKey, AnalysisWindows>;
  for (const key of Object.keys(analysis) as RowKey[]) {
    const own = analysis[key];
    out[key] = { before: [...(override.before ?? own.before)], after: [...(override.after ?? own.after)] };
  }
  return out;
}

/** Rows whose before window does not end before their after window starts. */
export function overlappingRows(windows: Readonly<Record<RowKey, AnalysisWindows>>): RowKey[] {
  return (Object.keys(windows) as RowKey[]).filter((key) => !(windows[key].before[1] < windows[key].after[0]));
}

/** A row's windows; cocaine import, which the study's table has no row for, takes the cocaine middle market's. */
export function rowWindows(windows: Readonly<Record<RowKey, AnalysisWindows>>, market: Market, echelon: Echelon): AnalysisWindows {
  return windows[(echelon === 'import' ? 'cocaine/middle' : `${market}/${echelon}`) as RowKey];
}

/** Whether two sets of windows are the same dates. */
export function sameWindows(a: AnalysisWindows, b: AnalysisWindows): boolean {
  return a.before[0] === b.before[0] && a.before[1] === b.before[1] && a.after[0] === b.after[0] && a.after[1] === b.after[1];
}

/** Rows grouped by identical windows, in the order of their first row: how to say which windows were used. */
export function windowGroups(windows: Readonly<Record<RowKey, AnalysisWindows>>): { rows: RowKey[]; windows: AnalysisWindows }[] {
  const groups: { rows: RowKey[]; windows: AnalysisWindows }[] = [];
  for (const key of Object.keys(windows) as RowKey[]) {
    const w = windows[key];
    const same = groups.find((g) => sameWindows(g.windows, w));
    if (same) same.rows.push(key);
    else groups.push({ rows: [key], windows: w });
  }
  return groups;
}

/** Months (indices into `months`, `YYYY-MM`) whose first day lies within [first, last]. */
export function monthsInPeriod(months: readonly string[], [first, last]: readonly [string, string]): number[] {
  const out: number[] = [];
  // ISO dates with four-digit years compare correctly as strings.
  for (let m = 0; m < months.length; m++) {
    const day = `${months[m]}-01`;
    if (day >= first && day <= last) out.push(m);
  }
  return out;
}

import { TABLE_ROWS, type AnalysisWindows, type Echelon, type Market, type RowKey } from '../core/types';
import { isTotal, type ReplicateSeries } from './series';
import { meanInterval } from './replicates';

// The shift/expansion verdict of a market × echelon row, defined once here and documented in
// docs/OUTPUTS.md. It reads true activity (volume_kg), never observed indicators, because observed
// counts follow police effort and would turn a change of enforcement into a false "displacement".

/** The metric whose country totals the verdict compares. */
export const VERDICT_METRIC = 'volume_kg';

/** Verdict classes, from a Belgian perspective (the DISMARK table), with their meaning. */
export const VERDICT_CLASSES = {
  shift: 'BE rose significantly and NL fell by at least half of BE\'s gain (D ≥ 0.5): activity moved, the total roughly stayed',
  expansion: 'BE rose significantly and NL fell by less than half of that (D < 0.5, including NL rising): the total grew',
  'shift-out': 'BE fell significantly and NL gained at least half of BE\'s loss (D ≥ 0.5): activity moved out of Belgium',
  contraction: 'BE fell significantly and NL did not gain half of that (D < 0.5): the total shrank',
  none: 'BE\'s change is not significant',
} as const;

export type Verdict = keyof typeof VERDICT_CLASSES;

export const VERDICTS = Object.keys(VERDICT_CLASSES) as Verdict[];

export interface VerdictRule {
  /** BE changed only if |ΔBE| ≥ minEffect × (BE + NL activity in the before window). */
  minEffect: number;
  /** The displacement ratio D at or above which the change counts as moved (shift / shift-out). */
  shiftRatio: number;
}

/**
 * Defaults: a 5% change of the combined BE+NL market is the smallest one worth a verdict; "at least
 * half" of the Belgian change mirrored in NL is where moving outweighs growing or shrinking.
 */
export const DEFAULT_RULE: Readonly<VerdictRule> = Object.freeze({ minEffect: 0.05, shiftRatio: 0.5 });

export interface RowDeltas {
  /** mean monthly BE activity after − before */
  deltaBE: number;
  /** mean monthly NL activity after − before */
  deltaNL: number;
  /** mean monthly BE + NL activity in the before window: the scale of "significant" */
  totalBefore: number;
}

/** D = −ΔNL/ΔBE: the share of Belgium's change mirrored (opposite sign) in the Netherlands. */
export function displacementRatio(deltaBE: number, deltaNL: number): number | null {
  return deltaBE === 0 ? null : -deltaNL / deltaBE;
}

/** The verdict of one set of deltas by the magnitude rule alone (one replicate). */
export function verdictOfDeltas(deltaBE: number, deltaNL: number, totalBefore: number, rule: VerdictRule = DEFAULT_RULE): Verdict {
  // deltaBE === 0 is never a change, even when the before window is empty (totalBefore = 0).
  if (deltaBE === 0 || !(Math.abs(deltaBE) >= rule.minEffect * totalBefore)) return 'none';
  // One ratio serves both directions: for a BE fall D = ΔNL/|ΔBE|, the share of the loss NL gained.
  const moved = (displacementRatio(deltaBE, deltaNL) as number) >= rule.shiftRatio;
  if (deltaBE > 0) return moved ? 'shift' : 'expansion';
  return moved ? 'shift-out' : 'contraction';
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

/** Sums of a metric's district totals per country over the before and after windows, and their months. */
interface WindowSums { beBefore: number; beAfter: number; nlBefore: number; nlAfter: number; nb: number; na: number }

function windowSums(series: ReplicateSeries, metric: string, market: Market, echelon: Echelon, windows: AnalysisWindows): WindowSums {
  const { months, keys, values } = series;
  const before = monthsInPeriod(months, windows.before);
  const after = monthsInPeriod(months, windows.after);
  const span = months.length === 0 ? 'no months' : `months ${months[0]}..${months[months.length - 1]}`;
  if (before.length === 0) throw new RangeError(`${market}/${echelon}: the before window ${windows.before.join('..')} contains no month of the run (${span})`);
  if (after.length === 0) throw new RangeError(`${market}/${echelon}: the after window ${windows.after.join('..')} contains no month of the run (${span})`);
  // Sums per country and window; keys in layout order, months ascending, so the bits are reproducible.
  let beBefore = 0, beAfter = 0, nlBefore = 0, nlAfter = 0;
  const stride = months.length;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key.metric !== metric || key.market !== market || key.echelon !== echelon || !isTotal(key)) continue;
    let b = 0, a = 0;
    for (const m of before) b += values[k * stride + m];
    for (const m of after) a += values[k * stride + m];
    if (key.country === 'BE') { beBefore += b; beAfter += a; }
    else { nlBefore += b; nlAfter += a; }
  }
  return { beBefore, beAfter, nlBefore, nlAfter, nb: before.length, na: after.length };
}

/** ΔBE, ΔNL and the before total of one replicate for one market × echelon row. */
export function rowDeltas(series: ReplicateSeries, market: Market, echelon: Echelon, windows: AnalysisWindows): RowDeltas {
  const { beBefore, beAfter, nlBefore, nlAfter, nb, na } = windowSums(series, VERDICT_METRIC, market, echelon, windows);
  return { deltaBE: beAfter / na - beBefore / nb, deltaNL: nlAfter / na - nlBefore / nb, totalBefore: (beBefore + nlBefore) / nb };
}

/** Belgian active sites of one row, and those with a Dutch link, monthly means in each window. */
export interface DutchLinkSites { sitesBefore: number; linkedBefore: number; sitesAfter: number; linkedAfter: number }

export function dutchLinkSites(series: ReplicateSeries, market: Market, echelon: Echelon, windows: AnalysisWindows): DutchLinkSites {
  const sites = windowSums(series, 'active_sites', market, echelon, windows);
  const linked = windowSums(series, 'dutch_link_sites', market, echelon, windows);
  const { nb, na } = sites;
  return { sitesBefore: sites.beBefore / nb, linkedBefore: linked.beBefore / nb, sitesAfter: sites.beAfter / na, linkedAfter: linked.beAfter / na };
}

export interface SummaryRow {
  market: Market;
  echelon: Echelon;
  /** pooled verdict: magnitude rule on the replicate means, and (n ≥ 2) the ΔBE interval excludes 0 */
  verdict: Verdict;
  /** share of replicates whose own (magnitude-only) verdict equals the pooled verdict */
  agreement: number;
  /** −mean ΔNL / mean ΔBE; null when mean ΔBE is 0 */
  displacementRatio: number | null;
  deltaBE: number;
  deltaNL: number;
  deltaBE_ci: [number, number];
  deltaNL_ci: [number, number];
  /** mean BE + NL monthly activity in the before window (the scale of the magnitude rule) */
  totalBefore: number;
  /**
   * Share of Belgian active sites with a Dutch link (Dutch organiser, supplies bought or output sold
   * in NL), before and after: the study's "who" beside the verdict's "how much". Null without sites.
   */
  dutchLinkBE: [number | null, number | null];
  replicates: number;
  before: [string, string];
  after: [string, string];
}

/** The verdict table over replicates, one row per TABLE_ROWS entry, in its order. */
export function summarise(replicates: readonly ReplicateSeries[], analysis: Record<RowKey, AnalysisWindows>, rule: VerdictRule = DEFAULT_RULE): SummaryRow[] {
  const n = replicates.length;
  if (n === 0) throw new RangeError('summarise: no replicates');
  return TABLE_ROWS.map(({ market, echelon }) => {
    const windows = analysis[`${market}/${echelon}`];
    if (!windows) throw new RangeError(`summarise: no analysis windows for ${market}/${echelon}`);
    const be = new Float64Array(n), nl = new Float64Array(n), total = new Float64Array(n);
    const link = { sitesBefore: 0, linkedBefore: 0, sitesAfter: 0, linkedAfter: 0 };
    for (let r = 0; r < n; r++) {
      const d = rowDeltas(replicates[r], market, echelon, windows);
      be[r] = d.deltaBE; nl[r] = d.deltaNL; total[r] = d.totalBefore;
      const l = dutchLinkSites(replicates[r], market, echelon, windows);
      link.sitesBefore += l.sitesBefore; link.linkedBefore += l.linkedBefore; link.sitesAfter += l.sitesAfter; link.linkedAfter += l.linkedAfter;
    }
    const share = (linked: number, sites: number) => (sites > 0 ? linked / sites : null);
    const beI = meanInterval(be), nlI = meanInterval(nl), totalBefore = meanInterval(total).mean;
    // With one replicate there is no spread to judge, so only the magnitude rule applies.
    const excludesZero = n === 1 || beI.lo > 0 || beI.hi < 0;
    const verdict = excludesZero ? verdictOfDeltas(beI.mean, nlI.mean, totalBefore, rule) : 'none';
    let agree = 0;
    for (let r = 0; r < n; r++) if (verdictOfDeltas(be[r], nl[r], total[r], rule) === verdict) agree++;
    return {
      market, echelon, verdict,
      agreement: agree / n,
      displacementRatio: displacementRatio(beI.mean, nlI.mean),
      deltaBE: beI.mean, deltaNL: nlI.mean,
      deltaBE_ci: [beI.lo, beI.hi], deltaNL_ci: [nlI.lo, nlI.hi],
      totalBefore,
      dutchLinkBE: [share(link.linkedBefore, link.sitesBefore), share(link.linkedAfter, link.sitesAfter)],
      replicates: n,
      before: [windows.before[0], windows.before[1]], after: [windows.after[0], windows.after[1]],
    };
  });
}

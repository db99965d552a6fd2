import { TABLE_ROWS, type AnalysisWindows, type Echelon, type Market, type RowKey } from '../core/types';
import { addCarriers, carriersOver, emptyCarriers, gainTotal, GAIN_PARTS, movedShare, type GainPart, type RowCarriers } from './carriers';
import { isTotal, type ReplicateSeries } from './series';
import { meanInterval } from './replicates';
import { monthsInPeriod } from './windows';

// The shift/expansion verdict of a market × echelon row, defined once here and documented in
// docs/OUTPUTS.md. It reads true activity (volume_kg), never observed indicators, because observed
// counts follow police effort and would turn a change of enforcement into a false "displacement".
//
// Two rules. The primary one is the study's: who carried Belgium's change (sim/metrics/carriers.ts) —
// a shift when at least half of Belgium's gain is activity its carriers moved out of NL, an expansion
// otherwise. The market-volume rule reads the national totals alone (D = −ΔNL/ΔBE); it stays beside
// the primary one, and is the primary one for series whose carriers are not known. Both take the
// significance and direction of Belgium's change from the same test.

/** The metric whose country totals the verdict compares. */
export const VERDICT_METRIC = 'volume_kg';

/** Verdict classes, from a Belgian perspective (the DISMARK table), with their meaning. */
export const VERDICT_CLASSES = {
  shift: 'BE rose significantly and at least half of its gain moved out of NL with its carriers (by market volume: NL fell by at least half of BE\'s gain, D ≥ 0.5)',
  expansion: 'BE rose significantly and less than half of its gain moved out of NL: it is carried by actors who kept their Dutch activity, or new or Belgian ones (by market volume: D < 0.5, the total grew)',
  'shift-out': 'BE fell significantly and at least half of its loss moved to NL with its carriers (by market volume: NL gained at least half of BE\'s loss, D ≥ 0.5)',
  contraction: 'BE fell significantly and less than half of its loss moved to NL (by market volume: D < 0.5, the total shrank)',
  none: 'BE\'s change is not significant',
} as const;

export type Verdict = keyof typeof VERDICT_CLASSES;

export const VERDICTS = Object.keys(VERDICT_CLASSES) as Verdict[];

export interface VerdictRule {
  /** BE changed only if |ΔBE| ≥ minEffect × (BE activity in the before window). */
  minEffect: number;
  /** The displacement ratio D at or above which the change counts as moved (shift / shift-out). */
  shiftRatio: number;
}

/**
 * Defaults: a 5% change of Belgium's own activity is the smallest one worth a verdict, because the
 * study judged "from a Belgian perspective, independent of evolutions that only occur with regard to
 * Dutch or other foreign actors" (so the scale is Belgium's market, not the Dutch one beside it);
 * "at least half" of the Belgian change mirrored in NL is where moving outweighs growing or shrinking.
 */
export const DEFAULT_RULE: Readonly<VerdictRule> = Object.freeze({ minEffect: 0.05, shiftRatio: 0.5 });

export interface RowDeltas {
  /** mean monthly BE activity after − before */
  deltaBE: number;
  /** mean monthly NL activity after − before */
  deltaNL: number;
  /** mean monthly BE activity in the before window: the scale of "significant" */
  beBefore: number;
}

/** D = −ΔNL/ΔBE: the share of Belgium's change mirrored (opposite sign) in the Netherlands. */
export function displacementRatio(deltaBE: number, deltaNL: number): number | null {
  return deltaBE === 0 ? null : -deltaNL / deltaBE;
}

/** The verdict of one set of deltas by the magnitude rule alone (one replicate). */
export function verdictOfDeltas(deltaBE: number, deltaNL: number, beBefore: number, rule: VerdictRule = DEFAULT_RULE): Verdict {
  // deltaBE === 0 is never a change; any other is when Belgium had none before (beBefore = 0).
  if (deltaBE === 0 || !(Math.abs(deltaBE) >= rule.minEffect * beBefore)) return 'none';
  // One ratio serves both directions: for a BE fall D = ΔNL/|ΔBE|, the share of the loss NL gained.
  const moved = (displacementRatio(deltaBE, deltaNL) as number) >= rule.shiftRatio;
  if (deltaBE > 0) return moved ? 'shift' : 'expansion';
  return moved ? 'shift-out' : 'contraction';
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
  return { deltaBE: beAfter / na - beBefore / nb, deltaNL: nlAfter / na - nlBefore / nb, beBefore: beBefore / nb };
}

/** Belgian active sites of one row, and those with a Dutch link, monthly means in each window. */
export interface DutchLinkSites { sitesBefore: number; linkedBefore: number; sitesAfter: number; linkedAfter: number }

export function dutchLinkSites(series: ReplicateSeries, market: Market, echelon: Echelon, windows: AnalysisWindows): DutchLinkSites {
  const sites = windowSums(series, 'active_sites', market, echelon, windows);
  const linked = windowSums(series, 'dutch_link_sites', market, echelon, windows);
  const { nb, na } = sites;
  return { sitesBefore: sites.beBefore / nb, linkedBefore: linked.beBefore / nb, sitesAfter: sites.beAfter / na, linkedAfter: linked.beAfter / na };
}

/** Which rule gave a row's primary verdict. */
export type VerdictRuleName = 'actors' | 'market-volume';

/**
 * The study's rule on one set of carriers (one replicate's, or the mean over replicates): whether
 * Belgium changed, and in which direction, as the market-volume rule says; then a shift when at least
 * `shiftRatio` of the Belgian gain moved out of NL with its carriers (a shift-out when that share of
 * the loss moved to NL), an expansion (a contraction) otherwise.
 */
export function actorVerdict(c: RowCarriers, beBefore: number, rule: VerdictRule = DEFAULT_RULE): Verdict {
  const national = verdictOfDeltas(c.deltaBE, c.deltaNL, beBefore, rule);
  if (national === 'none') return 'none';
  if (c.deltaBE > 0) {
    const gain = gainTotal(c);
    return gain > 0 && c.gain.moved >= rule.shiftRatio * gain ? 'shift' : 'expansion';
  }
  return c.loss > 0 && c.movedOut >= rule.shiftRatio * c.loss ? 'shift-out' : 'contraction';
}

/** A replicate's carriers of a row, if they were measured over these windows (else null). */
export function carriersOf(series: ReplicateSeries, market: Market, echelon: Echelon, windows: AnalysisWindows): RowCarriers | null {
  return carriersOver(series.carriers?.[`${market}/${echelon}`], windows);
}

/** One replicate's row: its deltas, its carriers, and its verdict by each rule. */
export interface ReplicateRow {
  deltas: RowDeltas;
  carriers: RowCarriers | null;
  /** the primary verdict: the actors' rule where the carriers are known */
  verdict: Verdict;
  marketVolume: Verdict;
}

export function replicateRow(series: ReplicateSeries, market: Market, echelon: Echelon, windows: AnalysisWindows, rule: VerdictRule = DEFAULT_RULE): ReplicateRow {
  const deltas = rowDeltas(series, market, echelon, windows);
  const carriers = carriersOf(series, market, echelon, windows);
  const marketVolume = verdictOfDeltas(deltas.deltaBE, deltas.deltaNL, deltas.beBefore, rule);
  return { deltas, carriers, verdict: carriers ? actorVerdict(carriers, deltas.beBefore, rule) : marketVolume, marketVolume };
}

/** The mean of the replicates' carriers (null unless every replicate has them). */
export function meanCarriers(rows: readonly ReplicateRow[]): RowCarriers | null {
  if (rows.length === 0 || rows.some((r) => r.carriers === null)) return null;
  const total = emptyCarriers(rows[0].carriers!);
  for (const r of rows) addCarriers(total, r.carriers!);
  const n = rows.length;
  total.deltaBE /= n;
  total.deltaNL /= n;
  for (const part of GAIN_PARTS) total.gain[part] /= n;
  total.movedDutchFall /= n;
  total.loss /= n;
  total.movedOut /= n;
  total.movedOutDutchGain /= n;
  return total;
}

/**
 * The verdict of several replicates taken together: each rule on the replicates' means and, with
 * `interval` (a row of summary.json), none unless the ΔBE interval excludes 0 (n ≥ 2). A robustness
 * point of check-history has too few replicates for an interval and is judged on its means alone.
 */
export function pooledVerdicts(rows: readonly ReplicateRow[], rule: VerdictRule = DEFAULT_RULE, interval = true): { verdict: Verdict; marketVolume: Verdict; carriers: RowCarriers | null } {
  const n = rows.length;
  const be = meanInterval(rows.map((r) => r.deltas.deltaBE));
  const nl = meanInterval(rows.map((r) => r.deltas.deltaNL)).mean;
  const beBefore = meanInterval(rows.map((r) => r.deltas.beBefore)).mean;
  const carriers = meanCarriers(rows);
  // With one replicate there is no spread to judge, so only the magnitude rule applies.
  if (interval && !(n === 1 || be.lo > 0 || be.hi < 0)) return { verdict: 'none', marketVolume: 'none', carriers };
  const marketVolume = verdictOfDeltas(be.mean, nl, beBefore, rule);
  return { verdict: carriers ? actorVerdict({ ...carriers, deltaBE: be.mean, deltaNL: nl }, beBefore, rule) : marketVolume, marketVolume, carriers };
}

/** Where Belgium's gain came from, and what moved out of it, in the row's unit per month (means over replicates). */
export interface CarriersSummary {
  /** Belgian activity gained by carriers whose Belgian activity rose, by who carried it */
  gain: Record<GainPart, number>;
  /** moved / all gain: the share the primary rule compares with 0.5 (null without gain) */
  movedShare: number | null;
  /** how much the Dutch activity fell of the carriers that moved some of their gain */
  movedDutchFall: number;
  /** Belgian activity lost by carriers whose Belgian activity fell */
  loss: number;
  /** of the loss, what moved to NL */
  movedOut: number;
  movedOutShare: number | null;
}

function carriersSummary(c: RowCarriers): CarriersSummary {
  return {
    gain: { ...c.gain },
    movedShare: movedShare(c),
    movedDutchFall: c.movedDutchFall,
    loss: c.loss,
    movedOut: c.movedOut,
    movedOutShare: c.loss > 0 ? c.movedOut / c.loss : null,
  };
}

export interface SummaryRow {
  market: Market;
  echelon: Echelon;
  /**
   * pooled primary verdict: the actors' rule where the carriers are known (verdictRule), else the
   * market-volume rule; none unless (n ≥ 2) the ΔBE interval excludes 0
   */
  verdict: Verdict;
  verdictRule: VerdictRuleName;
  /** share of replicates whose own primary verdict equals the pooled one */
  agreement: number;
  /** the market-volume rule (D on the national totals) beside it, pooled the same way */
  marketVolume: { verdict: Verdict; agreement: number };
  /** who carried Belgium's change (null where the carriers are not known) */
  carriers: CarriersSummary | null;
  /** −mean ΔNL / mean ΔBE; null when mean ΔBE is 0 */
  displacementRatio: number | null;
  deltaBE: number;
  deltaNL: number;
  deltaBE_ci: [number, number];
  deltaNL_ci: [number, number];
  /** mean BE monthly activity in the before window (the scale of the magnitude rule) */
  beBefore: number;
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
    const rows = replicates.map((s) => replicateRow(s, market, echelon, windows, rule));
    const link = { sitesBefore: 0, linkedBefore: 0, sitesAfter: 0, linkedAfter: 0 };
    for (const s of replicates) {
      const l = dutchLinkSites(s, market, echelon, windows);
      link.sitesBefore += l.sitesBefore; link.linkedBefore += l.linkedBefore; link.sitesAfter += l.sitesAfter; link.linkedAfter += l.linkedAfter;
    }
    const share = (linked: number, sites: number) => (sites > 0 ? linked / sites : null);
    const beI = meanInterval(rows.map((r) => r.deltas.deltaBE)), nlI = meanInterval(rows.map((r) => r.deltas.deltaNL));
    const beBefore = meanInterval(rows.map((r) => r.deltas.beBefore)).mean;
    const pooled = pooledVerdicts(rows, rule);
    const agreeing = (pick: (r: ReplicateRow) => Verdict, v: Verdict) => rows.filter((r) => pick(r) === v).length / n;
    return {
      market, echelon,
      verdict: pooled.verdict,
      verdictRule: pooled.carriers ? 'actors' : 'market-volume',
      agreement: agreeing((r) => r.verdict, pooled.verdict),
      marketVolume: { verdict: pooled.marketVolume, agreement: agreeing((r) => r.marketVolume, pooled.marketVolume) },
      carriers: pooled.carriers ? carriersSummary(pooled.carriers) : null,
      displacementRatio: displacementRatio(beI.mean, nlI.mean),
      deltaBE: beI.mean, deltaNL: nlI.mean,
      deltaBE_ci: [beI.lo, beI.hi], deltaNL_ci: [nlI.lo, nlI.hi],
      beBefore,
      dutchLinkBE: [share(link.linkedBefore, link.sitesBefore), share(link.linkedAfter, link.sitesAfter)],
      replicates: n,
      before: [windows.before[0], windows.before[1]], after: [windows.after[0], windows.after[1]],
    } satisfies SummaryRow;
  });
}

import { MARKET_ECHELONS, type AnalysisWindows, type Echelon, type Market, type PolicyEvent, type ResolvedScenario, type RowKey } from '../core/types';
import { rowsActedOn } from '../policies/reach';
import type { World } from '../world/world';
import { meanInterval, replicatesForPrecision, sampleSd } from './replicates';
import { isTotal, type ReplicateSeries } from './series';
import { summarise, VERDICT_METRIC, type SummaryRow } from './verdict';
import { comparisonWindows, monthsInPeriod, rowWindows, type WindowOverride } from './windows';

// A scenario against a baseline run with the same seeds (common random numbers): in replicate r of
// both, every actor draws the same keyed numbers unless its own situation differs (sim/core/keyed.ts),
// so the paired difference is the scenario's effect, with a 95% interval over the replicate pairs.
// Both runs are measured on the same windows. For a policy that targets districts, the Weighted
// Displacement Quotient (Bowers & Johnson 2003) also asks where displaced activity went, for the rows
// the policy acts on and where it changed the treatment area.

export interface Effect {
  market: Market;
  echelon: Echelon;
  /** 'BE', 'NL' or a district id */
  area: string;
  /** mean monthly volume_kg in the window, baseline and scenario (means over replicates) */
  baseline: number;
  scenario: number;
  /** scenario − baseline, mean of the replicate pairs, and its 95% interval */
  effect: number;
  effect_ci: [number, number];
  /** the interval excludes 0 (with at least two pairs): false means the effect is not told apart from noise */
  significant: boolean;
}

/** The paired effect of a scenario in the treatment area (its districts summed), after window. */
export interface TreatmentEffect {
  effect: number;
  effect_ci: [number, number];
  significant: boolean;
}

export interface Wdq {
  market: Market;
  echelon: Echelon;
  /** whether the scenario's new policies act on this row (their modules' `actsOn`) */
  actedOn: boolean;
  treatmentEffect: TreatmentEffect;
  /** A_a/C_a − A_b/C_b: change in the treatment area relative to control (negative: activity fell there) */
  successMeasure: number | null;
  /** B_a/C_a − B_b/C_b: change in the buffer relative to control */
  bufferMeasure: number | null;
  /**
   * bufferMeasure / successMeasure (Bowers & Johnson 2003). With a successful treatment (negative
   * success measure): < 0 displacement to the buffer (< −1: more displaced than prevented),
   * > 0 diffusion of benefits to the buffer. Null with a `reason`.
   */
  wdq: number | null;
  /** why `wdq` is null; null when it is given */
  reason: string | null;
}

/** Why a row has no WDQ. */
export const WDQ_REASONS = {
  notActedOn: "the scenario's new policies do not act on this market and echelon",
  notSignificant: 'no significant treatment effect',
  undefined: 'not defined: no control activity, or no change in the treatment area relative to control',
} as const;

/** How many replicate pairs a country effect needs for a chosen precision, from the pairs' spread. */
export interface PairsNeeded {
  market: Market;
  echelon: Echelon;
  area: 'BE' | 'NL';
  /** standard deviation of the paired differences (kg/month); null with one pair */
  sd: number | null;
  /** target half-width of the 95% interval, kg/month */
  precision: number;
  /** smallest n with t(0.975, n−1) · sd / √n ≤ precision; null with one pair, or when no n reaches it */
  pairs: number | null;
}

/**
 * Without a chosen precision, a row's target half-width is this share of its baseline BE + NL
 * activity: a fifth of the smallest change a verdict counts (DEFAULT_RULE.minEffect), because a
 * policy in a few districts moves a national market by far less than that.
 */
export const DEFAULT_PRECISION_SHARE = 0.01;

export interface ScenarioComparison {
  name: string;
  description: string;
  /** districts of the events the scenario has and the baseline has not */
  targetedDistricts: string[];
  areas: { treatment: string[]; buffer: string[]; control: string[] } | null;
  /** where the windows come from: the scenario's analysis windows, or the command line */
  windowsFrom: WindowsSource;
  /** per table row, the windows both runs are measured on (cocaine import uses cocaine middle's) */
  windows: Record<RowKey, AnalysisWindows>;
  effects: Effect[];
  districtEffects: Effect[];
  wdq: Wdq[];
  pairsNeeded: PairsNeeded[];
  /** the baseline's verdict table over `windows` */
  baselineVerdicts: SummaryRow[];
  /** the scenario's verdict table over `windows` */
  verdicts: SummaryRow[];
}

export type WindowsSource = 'scenario' | 'command line';

export interface CompareOptions {
  /** windows for every row; the scenario's own where absent */
  windows?: WindowOverride;
  /** target half-width of the 95% interval of the country effects, kg/month; default: DEFAULT_PRECISION_SHARE of the row's baseline BE + NL */
  precision?: number;
}

const sameEvent = (a: PolicyEvent, b: PolicyEvent) => JSON.stringify(a) === JSON.stringify(b);

/** Mean monthly volume per district over the months `picked`, for one row. */
function districtMeans(series: ReplicateSeries, world: World, market: Market, echelon: Echelon, picked: number[]): Float64Array {
  const out = new Float64Array(world.size);
  const stride = series.months.length;
  series.keys.forEach((key, k) => {
    if (key.metric !== VERDICT_METRIC || key.market !== market || key.echelon !== echelon || !isTotal(key)) return;
    let sum = 0;
    for (const m of picked) sum += series.values[k * stride + m];
    out[world.index(key.district)] += picked.length ? sum / picked.length : 0;
  });
  return out;
}

/** The mean of paired differences, its 95% interval and whether that excludes 0 (never with one pair: no spread to judge). */
function pairedDifference(base: readonly number[], scen: readonly number[]): TreatmentEffect {
  const d = meanInterval(differences(base, scen));
  return { effect: d.mean, effect_ci: [d.lo, d.hi], significant: base.length >= 2 && (d.lo > 0 || d.hi < 0) };
}

const differences = (base: readonly number[], scen: readonly number[]) => scen.map((v, r) => v - base[r]);

function pairedEffect(market: Market, echelon: Echelon, area: string, base: number[], scen: number[]): Effect {
  const { effect, effect_ci, significant } = pairedDifference(base, scen);
  return { market, echelon, area, baseline: meanInterval(base).mean, scenario: meanInterval(scen).mean, effect, effect_ci, significant };
}

/** Treatment = targeted districts, buffer = their land neighbours (across the border too), control = the rest. */
export function wdqAreas(world: World, targeted: readonly string[]): ScenarioComparison['areas'] {
  if (targeted.length === 0) return null;
  const A = new Set(targeted);
  const B = new Set<string>();
  for (const id of A) {
    const k = world.index(id);
    for (let j = 0; j < world.size; j++) if (world.adjacent[k * world.size + j] && !A.has(world.ids[j])) B.add(world.ids[j]);
  }
  const C = world.ids.filter((id) => !A.has(id) && !B.has(id));
  if (C.length === 0) return null;
  return { treatment: [...A], buffer: world.ids.filter((id) => B.has(id)), control: C };
}

/** WDQ = [(B_a/C_a) − (B_b/C_b)] / [(A_a/C_a) − (A_b/C_b)], b and a the scenario's before and after windows. */
export function weightedDisplacementQuotient(before: { A: number; B: number; C: number }, after: { A: number; B: number; C: number }) {
  if (before.C <= 0 || after.C <= 0) return { successMeasure: null, bufferMeasure: null, wdq: null };
  const successMeasure = after.A / after.C - before.A / before.C;
  const bufferMeasure = after.B / after.C - before.B / before.C;
  return { successMeasure, bufferMeasure, wdq: successMeasure !== 0 ? bufferMeasure / successMeasure : null };
}

export function compareScenario(
  world: World,
  baselineScenario: ResolvedScenario,
  baseline: readonly ReplicateSeries[],
  scenario: ResolvedScenario,
  runs: readonly ReplicateSeries[],
  options: CompareOptions = {},
): ScenarioComparison {
  if (baseline.length !== runs.length) throw new RangeError('compare: the baseline and the scenario need the same number of replicates');
  const added = scenario.policies.filter((e) => !baselineScenario.policies.some((b) => sameEvent(b, e)));
  const targeted = [...new Set(added.flatMap((e) => e.districts))];
  const actedOn = rowsActedOn(added);
  const areas = wdqAreas(world, world.ids.filter((id) => targeted.includes(id)));
  const override = options.windows ?? {};
  const windows = comparisonWindows(scenario.analysis, override);
  const effects: Effect[] = [];
  const districtEffects: Effect[] = [];
  const wdq: Wdq[] = [];
  const pairsNeeded: PairsNeeded[] = [];
  // The DISMARK table's six rows and cocaine import.
  for (const { market, echelon } of MARKET_ECHELONS) {
    const rw = rowWindows(windows, market, echelon);
    const after = monthsInPeriod(runs[0].months, rw.after);
    const base = baseline.map((s) => districtMeans(s, world, market, echelon, after));
    const scen = runs.map((s) => districtMeans(s, world, market, echelon, after));
    const countryEffects = (['BE', 'NL'] as const).map((country, c) => {
      const sum = (v: Float64Array) => v.reduce((acc, x, k) => (world.country[k] === c ? acc + x : acc), 0);
      const b = base.map(sum), sc = scen.map(sum);
      effects.push(pairedEffect(market, echelon, country, b, sc));
      return { country, sd: sampleSd(differences(b, sc)), baseline: meanInterval(b).mean };
    });
    const precision = options.precision ?? DEFAULT_PRECISION_SHARE * countryEffects.reduce((acc, e) => acc + e.baseline, 0);
    for (const { country, sd } of countryEffects) {
      pairsNeeded.push({ market, echelon, area: country, sd, precision, pairs: sd === null ? null : replicatesForPrecision(sd, precision) });
    }
    world.ids.forEach((id, k) => districtEffects.push(pairedEffect(market, echelon, id, base.map((v) => v[k]), scen.map((v) => v[k]))));
    if (areas) {
      const inTreatment = (v: Float64Array) => areas.treatment.reduce((acc, id) => acc + v[world.index(id)], 0);
      const treatmentEffect = pairedDifference(base.map(inTreatment), scen.map(inTreatment));
      const beforeMonths = monthsInPeriod(runs[0].months, rw.before);
      const areaSums = (months: number[]) => {
        const per = runs.map((s) => districtMeans(s, world, market, echelon, months));
        const total = (ids: string[]) => per.reduce((acc, v) => acc + ids.reduce((a, id) => a + v[world.index(id)], 0), 0) / per.length;
        return { A: total(areas.treatment), B: total(areas.buffer), C: total(areas.control) };
      };
      const measures = weightedDisplacementQuotient(areaSums(beforeMonths), areaSums(after));
      const acts = actedOn.has(`${market}/${echelon}`);
      // A quotient of noise is noise: only where the policy pushes and the treatment area moved.
      const reason = !acts ? WDQ_REASONS.notActedOn : !treatmentEffect.significant ? WDQ_REASONS.notSignificant : measures.wdq === null ? WDQ_REASONS.undefined : null;
      wdq.push({ market, echelon, actedOn: acts, treatmentEffect, ...measures, wdq: reason === null ? measures.wdq : null, reason });
    }
  }
  return {
    name: scenario.name,
    description: scenario.description,
    targetedDistricts: world.ids.filter((id) => targeted.includes(id)),
    areas,
    windowsFrom: override.before || override.after ? 'command line' : 'scenario',
    windows,
    effects,
    districtEffects,
    wdq,
    pairsNeeded,
    baselineVerdicts: summarise(baseline, windows),
    verdicts: summarise(runs, windows),
  };
}

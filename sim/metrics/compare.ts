import type { Echelon, Market, PolicyEvent, ResolvedScenario, RowKey } from '../core/types';
import type { World } from '../world/world';
import { meanInterval } from './replicates';
import { MARKET_ECHELONS } from '../core/types';
import { isTotal, type ReplicateSeries } from './series';
import { monthsInPeriod, summarise, VERDICT_METRIC, type SummaryRow } from './verdict';

// A scenario against a baseline run with the same seeds (common random numbers): replicate r of
// both shares every random stream, so the paired difference is the scenario's effect, with a 95%
// interval over the replicate pairs. For a policy that targets districts, the Weighted
// Displacement Quotient (Bowers & Johnson 2003) also asks where displaced activity went.


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
}

export interface Wdq {
  market: Market;
  echelon: Echelon;
  /** A_a/C_a − A_b/C_b: change in the treatment area relative to control (negative: activity fell there) */
  successMeasure: number | null;
  /** B_a/C_a − B_b/C_b: change in the buffer relative to control */
  bufferMeasure: number | null;
  /**
   * bufferMeasure / successMeasure (Bowers & Johnson 2003). With a successful treatment (negative
   * success measure): < 0 displacement to the buffer (< −1: more displaced than prevented),
   * > 0 diffusion of benefits to the buffer.
   */
  wdq: number | null;
}

export interface ScenarioComparison {
  name: string;
  description: string;
  /** districts of the events the scenario has and the baseline has not */
  targetedDistricts: string[];
  areas: { treatment: string[]; buffer: string[]; control: string[] } | null;
  window: Record<string, [string, string]>;
  effects: Effect[];
  districtEffects: Effect[];
  wdq: Wdq[];
  verdicts: SummaryRow[];
}

const sameEvent = (a: PolicyEvent, b: PolicyEvent) => JSON.stringify(a) === JSON.stringify(b);

/** The rows' windows: each table row's own `after` window; import uses the cocaine middle market's. */
function windowsOf(scenario: ResolvedScenario, market: Market, echelon: Echelon) {
  const key = (echelon === 'import' ? 'cocaine/middle' : `${market}/${echelon}`) as RowKey;
  return scenario.analysis[key];
}

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

function pairedEffect(market: Market, echelon: Echelon, area: string, base: number[], scen: number[]): Effect {
  const diff = scen.map((v, r) => v - base[r]);
  const d = meanInterval(diff);
  return {
    market, echelon, area,
    baseline: meanInterval(base).mean,
    scenario: meanInterval(scen).mean,
    effect: d.mean,
    effect_ci: [d.lo, d.hi],
  };
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
): ScenarioComparison {
  if (baseline.length !== runs.length) throw new RangeError('compare: the baseline and the scenario need the same number of replicates');
  const targeted = [...new Set(scenario.policies.filter((e) => !baselineScenario.policies.some((b) => sameEvent(b, e))).flatMap((e) => e.districts))];
  const areas = wdqAreas(world, world.ids.filter((id) => targeted.includes(id)));
  const effects: Effect[] = [];
  const districtEffects: Effect[] = [];
  const wdq: Wdq[] = [];
  const window: Record<string, [string, string]> = {};
  // The DISMARK table's six rows and cocaine import.
  for (const { market, echelon } of MARKET_ECHELONS) {
    const windows = windowsOf(scenario, market, echelon);
    window[`${market}/${echelon}`] = windows.after;
    const after = monthsInPeriod(runs[0].months, windows.after);
    const base = baseline.map((s) => districtMeans(s, world, market, echelon, after));
    const scen = runs.map((s) => districtMeans(s, world, market, echelon, after));
    for (const [c, country] of (['BE', 'NL'] as const).entries()) {
      const sum = (v: Float64Array) => v.reduce((acc, x, k) => (world.country[k] === c ? acc + x : acc), 0);
      effects.push(pairedEffect(market, echelon, country, base.map(sum), scen.map(sum)));
    }
    world.ids.forEach((id, k) => districtEffects.push(pairedEffect(market, echelon, id, base.map((v) => v[k]), scen.map((v) => v[k]))));
    if (areas) {
      const beforeMonths = monthsInPeriod(runs[0].months, windows.before);
      const areaSums = (months: number[]) => {
        const per = runs.map((s) => districtMeans(s, world, market, echelon, months));
        const total = (ids: string[]) => per.reduce((acc, v) => acc + ids.reduce((a, id) => a + v[world.index(id)], 0), 0) / per.length;
        return { A: total(areas.treatment), B: total(areas.buffer), C: total(areas.control) };
      };
      wdq.push({ market, echelon, ...weightedDisplacementQuotient(areaSums(beforeMonths), areaSums(after)) });
    }
  }
  return {
    name: scenario.name,
    description: scenario.description,
    targetedDistricts: world.ids.filter((id) => targeted.includes(id)),
    areas,
    window,
    effects,
    districtEffects,
    wdq,
    verdicts: summarise(runs, scenario.analysis),
  };
}

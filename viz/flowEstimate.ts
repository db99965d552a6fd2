import type { DistrictRecord } from './districtMap';
import type { Arrow, FlowData } from './flows';
import { periods, periodSums } from './months';
import { significant } from './scales';
import type { SeriesTotals } from './totals';

// Relocation arrows for results folders without flows.csv (written before it existed). The series
// have, per district, how many actors moved in (`relocations_in`) and out (`relocations_out`), but
// not where each came from or went to. The report then draws *estimated net* flows: districts that
// lost actors on balance send to districts that gained on balance, in proportion to each one's
// share of the losses and of the gains. This is the simplest allocation consistent with the
// margins; it is not the true origin–destination pattern, which flows.csv records (viz/flows.ts).

/** The estimate's threshold: pairs under this share of the year's net moves are left out, at most `ESTIMATE_MAX_ARROWS` kept. */
export const ESTIMATE_MIN_SHARE = 0.02;
export const ESTIMATE_MAX_ARROWS = 20;
const FLOW_METRICS = ['relocations_in', 'relocations_out'];

export interface Flow {
  from: string;
  to: string;
  /** net sites moved from `from` to `to` in the period (estimated, see above) */
  sites: number;
}

export interface PeriodFlows {
  /** gross relocations: the sum of all districts' moves in */
  gross: number;
  /** net relocations: what the districts that gained took in on balance */
  net: number;
  flows: Flow[];
}

/**
 * Net flows of one period from each district's moves in and out (both maps keyed by district).
 * Pairs smaller than `minShare` of the net total are left out (they would be hair-thin arrows),
 * and at most `maxFlows` of the largest are kept.
 */
export function netFlows(moveIn: ReadonlyMap<string, number>, moveOut: ReadonlyMap<string, number>, minShare = ESTIMATE_MIN_SHARE, maxFlows = ESTIMATE_MAX_ARROWS): PeriodFlows {
  const districts = [...new Set([...moveIn.keys(), ...moveOut.keys()])].sort();
  const losers: [string, number][] = [];
  const gainers: [string, number][] = [];
  let gross = 0;
  for (const d of districts) {
    const into = moveIn.get(d) ?? 0;
    gross += into;
    const net = into - (moveOut.get(d) ?? 0);
    if (net < 0) losers.push([d, -net]);
    else if (net > 0) gainers.push([d, net]);
  }
  const lost = losers.reduce((s, [, x]) => s + x, 0);
  const gained = gainers.reduce((s, [, x]) => s + x, 0);
  // In the model every move stays within the 22 districts, so losses and gains balance; rounding in
  // the series can leave them a little apart, and the smaller of the two is what certainly moved.
  const net = Math.min(lost, gained);
  const flows: Flow[] = [];
  if (net > 0) {
    for (const [from, loss] of losers) {
      for (const [to, gain] of gainers) {
        const sites = net * (loss / lost) * (gain / gained);
        if (sites >= minShare * net) flows.push({ from, to, sites });
      }
    }
  }
  flows.sort((a, b) => b.sites - a.sites || (a.from + a.to < b.from + b.to ? -1 : 1));
  return { gross, net, flows: flows.slice(0, maxFlows) };
}

/** Estimated net arrows per market × echelon and calendar year, from the series' moves in and out. */
export function estimatedFlowData(totals: SeriesTotals, rows: readonly { key: string; metrics: string[] }[], districts: readonly DistrictRecord[], months: readonly string[]): FlowData {
  const ps = periods(months, 'year');
  const index = new Map(districts.map((d, i) => [d.id, i]));
  const values: FlowData['values'] = {};
  for (const row of rows) {
    if (!FLOW_METRICS.some((m) => row.metrics.includes(m))) continue;
    const yearly = (metric: string) => districts.map((d) => periodSums(totals.district(row.key, metric, d.id), ps));
    const into = yearly('relocations_in');
    const out = yearly('relocations_out');
    const byPeriod = ps.map((_, p) => {
      const f = netFlows(new Map(districts.map((d, i) => [d.id, into[i][p]])), new Map(districts.map((d, i) => [d.id, out[i][p]])));
      return {
        moved: significant(f.gross, 4),
        pairs: null,
        beToNl: null,
        nlToBe: null,
        net: significant(f.net, 4),
        arrows: f.flows.map((x): Arrow => [index.get(x.from)!, index.get(x.to)!, significant(x.sites, 3), null, null]),
      };
    });
    values[row.key] = { top: Math.max(0, ...byPeriod.flatMap((p) => p.arrows.map((a) => a[2]))), byPeriod };
  }
  return { source: 'estimate', periods: ps, maxArrows: ESTIMATE_MAX_ARROWS, minShare: ESTIMATE_MIN_SHARE, values };
}

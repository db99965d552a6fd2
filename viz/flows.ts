import type { MeanFlow } from '../sim/metrics/flows';
import type { DistrictRecord } from './districtMap';
import { periods, type Period } from './months';
import { significant } from './scales';
import { rowKey } from './totals';

// Relocation arrows from flows.csv: the actors that really moved from one district to another,
// per market × echelon and calendar year. The default job has 25–450 pairs of districts a year per
// market × echelon, most of them a few actors; the map draws the largest (the threshold below) and
// the page says how much of the year's moves they carry.

/** A row of flows.csv (docs/OUTPUTS.md): actors that moved from one district to another in a year, mean over replicates with its 95% interval. */
export type FlowRow = MeanFlow;

/** At most this many arrows a year; a tie at the cut is drawn all or none, so equal flows are treated alike. */
export const FLOW_MAX_ARROWS = 20;
/** Nor arrows under this share of the widest arrow of the run (the width scale's top): hairlines. */
export const FLOW_MIN_SHARE = 0.1;
const DIGITS = 3;
const TOTAL_DIGITS = 4;

/** [from, to, actors, lo, hi]: districts as indices into the report's district list; lo and hi null for an estimate. */
export type Arrow = [number, number, number, number | null, number | null];

export interface YearFlows {
  /** actors that moved between districts in the year, drawn or not (the estimate: gross moves in) */
  moved: number;
  /** pairs of districts with any move; null for the estimate */
  pairs: number | null;
  /** moves from Belgium to the Netherlands and back; null for the estimate */
  beToNl: number | null;
  nlToBe: number | null;
  /** the estimate's net moves; null for true flows */
  net: number | null;
  arrows: Arrow[];
}

export interface FlowData {
  /** `flows.csv`: true origin → destination flows; `estimate`: net flows estimated from the series (folders without flows.csv) */
  source: 'flows.csv' | 'estimate';
  /** the run's calendar years */
  periods: Period[];
  /** the threshold: at most `maxArrows` a year, each at least `minShare` of the run's widest arrow (estimate: of the year's net moves) */
  maxArrows: number;
  minShare: number;
  /** [row] → the widest arrow of the run (a fixed width scale) and the flows of each year */
  values: Record<string, { top: number; byPeriod: YearFlows[] }>;
}

interface Pair {
  from: number;
  to: number;
  value: number;
  lo: number;
  hi: number;
}

/**
 * The pairs drawn: those of at least `min` actors, the largest first, at most `max` of them. When
 * the cut falls inside a group of equal flows, the whole group is left out (so a pair is drawn
 * when fewer than `max` pairs moved as many actors or more, in effect).
 */
export function largestPairs<T extends { value: number }>(pairs: readonly T[], max: number, min: number): T[] {
  const sorted = pairs.filter((p) => p.value > 0 && p.value >= min).sort((a, b) => b.value - a.value);
  if (sorted.length <= max) return sorted;
  const cut = sorted[max].value;
  return sorted.filter((p) => p.value > cut);
}

const finiteOr = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);

/** Arrows per market × echelon and year from the rows of flows.csv. Rows of unknown districts or years count in the totals only. */
export function trueFlowData(rows: readonly FlowRow[], districts: readonly DistrictRecord[], months: readonly string[], maxArrows = FLOW_MAX_ARROWS, minShare = FLOW_MIN_SHARE): FlowData {
  const ps = periods(months, 'year');
  const yearIndex = new Map(ps.map((p, i) => [p.label, i]));
  const index = new Map(districts.map((d, i) => [d.id, i]));
  const years = new Map<string, { moved: number; pairs: number; beToNl: number; nlToBe: number; drawable: Pair[] }[]>();
  for (const r of rows) {
    const y = yearIndex.get(r.year);
    const value = finiteOr(r.value, 0);
    if (y === undefined || !(value > 0)) continue;
    const key = rowKey(r.market, r.echelon);
    let byYear = years.get(key);
    if (!byYear) years.set(key, (byYear = ps.map(() => ({ moved: 0, pairs: 0, beToNl: 0, nlToBe: 0, drawable: [] }))));
    const year = byYear[y];
    year.moved += value;
    year.pairs += 1;
    if (r.fromCountry === 'BE' && r.toCountry === 'NL') year.beToNl += value;
    if (r.fromCountry === 'NL' && r.toCountry === 'BE') year.nlToBe += value;
    const from = index.get(r.from);
    const to = index.get(r.to);
    // The interval's lower end can fall below 0 (a t interval of counts); no fewer than 0 actors moved.
    if (from !== undefined && to !== undefined && from !== to) year.drawable.push({ from, to, value, lo: Math.max(0, finiteOr(r.lo, value)), hi: finiteOr(r.hi, value) });
  }
  const values: FlowData['values'] = {};
  for (const [key, byYear] of years) {
    const top = significant(byYear.reduce((m, y) => y.drawable.reduce((n, p) => Math.max(n, p.value), m), 0), DIGITS);
    values[key] = {
      top,
      byPeriod: byYear.map((y) => ({
        moved: significant(y.moved, TOTAL_DIGITS),
        pairs: y.pairs,
        beToNl: significant(y.beToNl, TOTAL_DIGITS),
        nlToBe: significant(y.nlToBe, TOTAL_DIGITS),
        net: null,
        arrows: largestPairs(
          // district order breaks ties in the listing (never in what is drawn, see largestPairs)
          [...y.drawable].sort((a, b) => a.from - b.from || a.to - b.to),
          maxArrows,
          minShare * top,
        ).map((p): Arrow => [p.from, p.to, significant(p.value, DIGITS), significant(p.lo, DIGITS), significant(p.hi, DIGITS)]),
      })),
    };
  }
  return { source: 'flows.csv', periods: ps, maxArrows, minShare, values };
}

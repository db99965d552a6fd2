import type { Echelon, Market, Period } from '../core/types';
import type { ReplicateSeries } from './series';
import { monthsInPeriod } from './windows';

// One number from one replicate's series: a metric summed over a set of districts month by month,
// then summarised over the months of a window (e.g. the mean monthly Belgian cannabis active_sites
// 2013–2017). Sweeps record these per run.

// per-year: the yearly rate of a flow, the sum over the window's months × 12 / their number, so a
// count over a window of whole years reads as the record's "a year" (calibration targets use it).
export type WindowStatistic = 'mean' | 'sum' | 'per-year' | 'min' | 'max';

export interface WindowAggregate {
  metric: string;
  /** absent: all markets */
  market?: Market;
  /** absent: all echelons */
  echelon?: Echelon;
  districts: readonly string[];
  window: Period;
  statistic: WindowStatistic;
  /** the breakdown to select; an absent field must be empty, so by default only total keys count */
  breakdown?: { channel?: string; buyer?: string; origin?: string; size?: string };
}

export function aggregateOverWindow(series: ReplicateSeries, spec: WindowAggregate): number {
  const { months, keys, values } = series;
  const chosen = monthsInPeriod(months, spec.window);
  if (chosen.length === 0) throw new RangeError(`the window ${spec.window.join('..')} contains no month of the run (${months[0]}..${months[months.length - 1]})`);
  const districts = new Set(spec.districts);
  const b = spec.breakdown ?? {};
  const perMonth = new Float64Array(chosen.length);
  const stride = months.length;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key.metric !== spec.metric || !districts.has(key.district)) continue;
    if ((spec.market && key.market !== spec.market) || (spec.echelon && key.echelon !== spec.echelon)) continue;
    if (key.channel !== (b.channel ?? '') || key.buyer !== (b.buyer ?? '') || key.origin !== (b.origin ?? '') || key.size !== (b.size ?? '')) continue;
    for (let i = 0; i < chosen.length; i++) perMonth[i] += values[k * stride + chosen[i]];
  }
  switch (spec.statistic) {
    case 'sum':
      return perMonth.reduce((a, v) => a + v, 0);
    case 'mean':
      return perMonth.reduce((a, v) => a + v, 0) / perMonth.length;
    case 'per-year':
      return (perMonth.reduce((a, v) => a + v, 0) * 12) / perMonth.length;
    case 'min':
      return perMonth.reduce((a, v) => Math.min(a, v), Infinity);
    case 'max':
      return perMonth.reduce((a, v) => Math.max(a, v), -Infinity);
  }
}

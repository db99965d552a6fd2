import type { DistrictRecord } from './districtMap';
import { encodeMonthly } from './mapCodec';
import { chooseStep, periodMeans, periods, type Period, type Step } from './months';
import { maxOf, niceCeiling, sqrtTicks } from './scales';
import type { SeriesTotals } from './totals';

// The map's data: per market × echelon, the metrics the map offers, per district and month (per
// quarter or year only for runs far longer than the default job), encoded compactly (viz/mapCodec.ts).

/** What the map colours. Other metrics (revenue, sales, entries, …) are on the time charts only. */
export const MAP_METRICS = {
  true: ['active_sites', 'volume_kg'],
  observed: ['dismantled_sites', 'dump_sites_found', 'seized_kg', 'arrests'],
} as const;
const ALL_MAP_METRICS: readonly string[] = [...MAP_METRICS.true, ...MAP_METRICS.observed];

/**
 * District series × periods the map may hold. At two characters a value that is at most ~800 KB;
 * the default job (31 years, ≤ 36 row × metric pairs × 22 districts) needs ≤ 295,000 and steps by month.
 */
export const MAP_BUDGET = 400_000;

export interface MapSeries {
  /** colour-scale top: fixed for the whole run, so a colour means the same in every period */
  top: number;
  ticks: number[];
  /** per district (in the report's district order): [scale, codes] (viz/mapCodec.ts), or 0 when zero throughout */
  byDistrict: ([number, string] | 0)[];
}

export interface MapData {
  step: Step;
  periods: Period[];
  /** [row][metric]: the map metrics with data in the row */
  values: Record<string, Record<string, MapSeries>>;
}

/** The map metrics among a row's metrics, in the order given. */
export function mapMetrics(metrics: readonly string[]): string[] {
  return metrics.filter((m) => ALL_MAP_METRICS.includes(m));
}

export function mapData(totals: SeriesTotals, rows: readonly { key: string; metrics: string[] }[], districts: readonly DistrictRecord[], months: readonly string[]): MapData {
  let keys = 0;
  for (const row of rows) for (const metric of mapMetrics(row.metrics)) for (const d of districts) if (totals.hasDistrict(row.key, metric, d.id)) keys++;
  const step = chooseStep(months, keys, MAP_BUDGET);
  const ps = periods(months, step);
  const values: MapData['values'] = {};
  for (const row of rows) {
    values[row.key] = {};
    for (const metric of mapMetrics(row.metrics)) {
      // Each value is the mean monthly value over its period (the month itself when stepping by month).
      const exact = districts.map((d) => (totals.hasDistrict(row.key, metric, d.id) ? periodMeans(totals.district(row.key, metric, d.id), ps) : []));
      const top = niceCeiling(maxOf(exact));
      values[row.key][metric] = { top, ticks: sqrtTicks(top, 4), byDistrict: exact.map((v) => encodeMonthly(v)) };
    }
  }
  return { step, periods: ps, values };
}

import type { Echelon, Market, RowKey } from '../core/types';
import type { RowCarriers } from './carriers';

// The series a replicate records: a fixed, ordered list of keys (district × market × echelon ×
// breakdown × metric) and one value per key and month. Keys are registered before the first tick, in
// a deterministic order, so every replicate of a scenario has the same layout.

export type MetricKind = 'stock' | 'flow';

export interface MetricSpec {
  name: string;
  /** stock: monthly mean of weekly values; flow: monthly sum */
  kind: MetricKind;
  unit: string;
  observed: boolean;
  description: string;
}

export const METRICS: readonly MetricSpec[] = [
  { name: 'active_sites', kind: 'stock', unit: 'sites', observed: false, description: 'active actors of the echelon (plantations, labs, sellers, importing or brokering organisations), in real-world units' },
  { name: 'volume_kg', kind: 'flow', unit: 'kg', observed: false, description: 'drugs produced (production), brought in (import), traded (middle) or sold to consumers (retail)' },
  { name: 'transactions', kind: 'flow', unit: 'sales', observed: false, description: 'sales: retail purchases by consumers, middle-market deals' },
  { name: 'revenue_eur', kind: 'flow', unit: 'EUR', observed: false, description: 'value of what was sold, at the market price of the district and month' },
  { name: 'dutch_link_sites', kind: 'stock', unit: 'sites', observed: false, description: 'active sites with a Dutch link (Dutch organiser, growth material or precursors bought in NL, or output sold in NL)' },
  { name: 'dutch_run_sites', kind: 'stock', unit: 'sites', observed: false, description: 'active producers (plantations, labs) run by a Dutch actor or organisation (the Dutch-organiser link)' },
  { name: 'supplied_from_nl_sites', kind: 'stock', unit: 'sites', observed: false, description: 'active producers whose supplies for the current cycle (growth material, precursors) were bought in NL' },
  { name: 'dutch_run_kg', kind: 'flow', unit: 'kg', observed: false, description: 'of volume_kg, the part carried by Dutch-run actors (as dutch_run_sites)' },
  { name: 'knowhow', kind: 'stock', unit: 'index (0-1)', observed: false, description: 'know-how of Belgian actors in the district (growing, cooking), from 0 to 1' },
  { name: 'relocations_in', kind: 'flow', unit: 'sites', observed: false, description: 'actors that moved into the district' },
  { name: 'relocations_out', kind: 'flow', unit: 'sites', observed: false, description: 'actors that moved out of the district' },
  { name: 'entries', kind: 'flow', unit: 'sites', observed: false, description: 'new actors that started in the district' },
  { name: 'exits', kind: 'flow', unit: 'sites', observed: false, description: 'actors that stopped (after arrest, takedown, or retiring)' },
  { name: 'dismantled_sites', kind: 'flow', unit: 'sites', observed: true, description: 'sites police found and dismantled (plantations, labs, seller operations)' },
  { name: 'dump_sites_found', kind: 'flow', unit: 'sites', observed: true, description: 'synthetic-drug waste dump sites police found' },
  { name: 'seized_kg', kind: 'flow', unit: 'kg', observed: true, description: 'drugs seized' },
  { name: 'arrests', kind: 'flow', unit: 'persons', observed: true, description: 'persons arrested' },
  { name: 'conversion_sites', kind: 'stock', unit: 'sites', observed: false, description: 'active conversion labs (synthetic production, Belgian districts)' },
  { name: 'multi_client_sites', kind: 'stock', unit: 'sites', observed: false, description: 'active conversion labs that supplied precursors to two or more Dutch organisations in the past 52 weeks (synthetic production, Belgian districts)' },
  { name: 'visitors_kg', kind: 'flow', unit: 'kg', observed: false, description: "of volume_kg, what buyers from the other country bought through the district's dealers or couriers (retail, by channel)" },
];

export const METRIC_INDEX: ReadonlyMap<string, number> = new Map(METRICS.map((m, i) => [m.name, i]));

export interface SeriesKey {
  district: string;
  country: 'BE' | 'NL';
  market: Market;
  echelon: Echelon;
  /** purchase channel (retail) or entry route (import); '' where it does not apply */
  channel: string;
  /** the buyer's country (retail); '' where it does not apply */
  buyer: '' | 'BE' | 'NL';
  /** the actor's origin country; '' where it does not apply */
  origin: '' | 'BE' | 'NL';
  /** plantation size class; '' where it does not apply */
  size: string;
  metric: string;
}

/**
 * Relocations from one district to another, per year: values[((row * K + from) * K + to) * years.length + year],
 * `row` indexing MARKET_ECHELONS, in real-world actors.
 */
export interface RelocationFlows {
  years: string[];
  districts: string[];
  values: Float64Array;
}

/** What one replicate returns: values[key * months.length + month], and its relocation flows. */
export interface ReplicateSeries {
  months: string[];
  keys: SeriesKey[];
  values: Float64Array;
  flows: RelocationFlows;
  /** who carried each row's change, one per set of windows measured (sim/metrics/carriers.ts); absent for series built otherwise */
  carriers?: Partial<Record<RowKey, RowCarriers[]>>;
}

export function keyString(k: SeriesKey): string {
  return [k.district, k.market, k.echelon, k.channel, k.buyer, k.origin, k.size, k.metric].join('|');
}

/** A key is a total when it has no breakdown: the row to use for country totals and verdicts. */
export function isTotal(k: SeriesKey): boolean {
  return k.channel === '' && k.buyer === '' && k.origin === '' && k.size === '';
}

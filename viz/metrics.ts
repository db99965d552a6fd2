// What the report says about each metric and each market × echelon: plain labels and units for
// titles and axes. Kind, unit and true/observed restate docs/OUTPUTS.md (a unit test holds them to
// it), so a metric the simulator adds later shows with its raw name until it is described here.

export interface MetricLabel {
  name: string;
  label: string;
  kind: 'stock' | 'flow';
  unit: string;
  observed: boolean;
}

export const METRIC_LABELS: readonly MetricLabel[] = [
  { name: 'active_sites', label: 'Active sites', kind: 'stock', unit: 'sites', observed: false },
  { name: 'volume_kg', label: 'Volume', kind: 'flow', unit: 'kg', observed: false },
  { name: 'transactions', label: 'Sales', kind: 'flow', unit: 'sales', observed: false },
  { name: 'revenue_eur', label: 'Revenue', kind: 'flow', unit: 'EUR', observed: false },
  { name: 'dutch_link_sites', label: 'Sites with a Dutch link', kind: 'stock', unit: 'sites', observed: false },
  { name: 'dutch_run_sites', label: 'Dutch-run sites', kind: 'stock', unit: 'sites', observed: false },
  { name: 'supplied_from_nl_sites', label: 'Sites supplied from NL', kind: 'stock', unit: 'sites', observed: false },
  { name: 'dutch_run_kg', label: 'Volume carried by Dutch-run actors', kind: 'flow', unit: 'kg', observed: false },
  { name: 'knowhow', label: 'Belgian know-how', kind: 'stock', unit: 'index (0-1)', observed: false },
  { name: 'relocations_in', label: 'Relocations in', kind: 'flow', unit: 'sites', observed: false },
  { name: 'relocations_out', label: 'Relocations out', kind: 'flow', unit: 'sites', observed: false },
  { name: 'entries', label: 'New actors', kind: 'flow', unit: 'sites', observed: false },
  { name: 'exits', label: 'Actors that stopped', kind: 'flow', unit: 'sites', observed: false },
  { name: 'dismantled_sites', label: 'Dismantled sites', kind: 'flow', unit: 'sites', observed: true },
  { name: 'dump_sites_found', label: 'Dump sites found', kind: 'flow', unit: 'sites', observed: true },
  { name: 'seized_kg', label: 'Seizures', kind: 'flow', unit: 'kg', observed: true },
  { name: 'arrests', label: 'Arrests', kind: 'flow', unit: 'persons', observed: true },
  { name: 'conversion_sites', label: 'Conversion labs', kind: 'stock', unit: 'sites', observed: false },
  { name: 'multi_client_sites', label: 'Conversion labs serving two or more Dutch organisations', kind: 'stock', unit: 'sites', observed: false },
  { name: 'visitors_kg', label: 'Bought by buyers from across the border (dealers, couriers)', kind: 'flow', unit: 'kg', observed: false },
];

const BY_NAME = new Map(METRIC_LABELS.map((m) => [m.name, m]));

/** The label of a metric; an unknown metric (newer simulator) is shown by its name, as a true flow. */
export function metricLabel(name: string): MetricLabel {
  return BY_NAME.get(name) ?? { name, label: name, kind: 'flow', unit: '', observed: false };
}

/** The unit on an axis: every value the report shows is a monthly value (see docs/OUTPUTS.md). */
export function metricUnit(name: string): string {
  const m = metricLabel(name);
  if (!m.unit) return 'per month';
  return m.kind === 'stock' ? `${m.unit} (monthly mean)` : `${m.unit} per month`;
}

/** Sort order: the documented metrics first, in the documentation's order, then others by name. */
export function metricOrder(a: string, b: string): number {
  const ia = METRIC_LABELS.findIndex((m) => m.name === a);
  const ib = METRIC_LABELS.findIndex((m) => m.name === b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const MARKET_ORDER = ['cannabis', 'synthetic', 'cocaine'];
const ECHELON_ORDER = ['production', 'import', 'middle', 'retail'];
const MARKET_NAMES: Record<string, string> = { cannabis: 'Cannabis', synthetic: 'Synthetic drugs', cocaine: 'Cocaine' };
const ECHELON_NAMES: Record<string, string> = { production: 'production', import: 'import', middle: 'middle market', retail: 'retail' };

/** "cannabis/production" → "Cannabis production". */
export function rowLabel(row: string): string {
  const [market, echelon] = row.split('/');
  return `${MARKET_NAMES[market] ?? market} ${ECHELON_NAMES[echelon] ?? echelon}`;
}

/** Market × echelon rows in the DISMARK table's market order, echelons along the chain. */
export function rowOrder(a: string, b: string): number {
  const rank = (row: string) => {
    const [market, echelon] = row.split('/');
    const m = MARKET_ORDER.indexOf(market);
    const e = ECHELON_ORDER.indexOf(echelon);
    return (m < 0 ? 99 : m) * 100 + (e < 0 ? 99 : e);
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

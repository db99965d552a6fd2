import { monthFromNumber, monthNumber } from './months';
import type { TotalRow } from './seriesCsv';

// Sums of series.csv's total rows: per district (for the map and the flows) and per country (for
// the small multiples). The two parts of synthetic retail totals (consumers' purchases and mail
// orders, docs/OUTPUTS.md) are two rows with the same key and simply add up here.

export interface Band {
  value: number[];
  lo: number[];
  hi: number[];
}

const SEP = '\t';

function grow(a: number[], n: number): void {
  while (a.length < n) a.push(0);
}

/** `cannabis/production`: the report's name for a market × echelon row. */
export const rowKey = (market: string, echelon: string) => `${market}/${echelon}`;

export class SeriesTotals {
  private readonly first: number;
  private last: number;
  private readonly byDistrict = new Map<string, number[]>();
  private readonly byCountry = new Map<string, Band>();
  private readonly countries = new Map<string, string>();
  private readonly metricsByRow = new Map<string, Set<string>>();

  /**
   * `firstMonth`: the run's first month (the manifest's start), the origin of the month index. The
   * last month is the last one in the file (every present key has every month); `lastMonth` sets a
   * floor for it.
   */
  constructor(firstMonth: string, lastMonth: string = firstMonth) {
    this.first = monthNumber(firstMonth);
    this.last = Math.max(this.first, monthNumber(lastMonth));
  }

  add(r: TotalRow): void {
    const m = monthNumber(r.date) - this.first;
    if (m < 0) throw new Error(`series.csv: month ${r.date} before the run's first month ${monthFromNumber(this.first)}`);
    this.last = Math.max(this.last, this.first + m);
    const row = rowKey(r.market, r.echelon);
    let metrics = this.metricsByRow.get(row);
    if (!metrics) this.metricsByRow.set(row, (metrics = new Set()));
    metrics.add(r.metric);
    this.countries.set(r.district, r.country);
    // NA and infinite values (none in practice) are left out of sums rather than poisoning them.
    const v = Number.isFinite(r.value) ? r.value : 0;
    const dk = [row, r.metric, r.district].join(SEP);
    let d = this.byDistrict.get(dk);
    if (!d) this.byDistrict.set(dk, (d = []));
    grow(d, m + 1);
    d[m] += v;
    const ck = [row, r.metric, r.country].join(SEP);
    let c = this.byCountry.get(ck);
    if (!c) this.byCountry.set(ck, (c = { value: [], lo: [], hi: [] }));
    grow(c.value, m + 1);
    grow(c.lo, m + 1);
    grow(c.hi, m + 1);
    c.value[m] += v;
    c.lo[m] += Number.isFinite(r.lo) ? r.lo : v;
    c.hi[m] += Number.isFinite(r.hi) ? r.hi : v;
  }

  get monthCount(): number {
    return this.last - this.first + 1;
  }

  months(): string[] {
    const out: string[] = [];
    for (let n = this.first; n <= this.last; n++) out.push(monthFromNumber(n));
    return out;
  }

  /** Market × echelon rows that have at least one non-zero key, in no particular order. */
  rows(): string[] {
    return [...this.metricsByRow.keys()];
  }

  metrics(row: string): string[] {
    return [...(this.metricsByRow.get(row) ?? [])];
  }

  /** Districts seen in the file with their country. */
  districtCountries(): ReadonlyMap<string, string> {
    return this.countries;
  }

  /** Monthly values of a district; all zeros when the key is absent (absent = zero, docs/OUTPUTS.md). */
  district(row: string, metric: string, district: string): number[] {
    const a = [...(this.byDistrict.get([row, metric, district].join(SEP)) ?? [])];
    grow(a, this.monthCount);
    return a;
  }

  hasDistrict(row: string, metric: string, district: string): boolean {
    return this.byDistrict.has([row, metric, district].join(SEP));
  }

  /**
   * Monthly country total with a band. series.csv holds replicate means and their intervals, not
   * the replicates, so the band adds the districts' interval ends: at least as wide as the interval
   * of the country total (a sum of standard errors is never smaller than the standard error of the sum).
   */
  country(row: string, metric: string, country: string): Band {
    const c = this.byCountry.get([row, metric, country].join(SEP));
    const band = { value: [...(c?.value ?? [])], lo: [...(c?.lo ?? [])], hi: [...(c?.hi ?? [])] };
    grow(band.value, this.monthCount);
    grow(band.lo, this.monthCount);
    grow(band.hi, this.monthCount);
    return band;
  }
}

import { monthFromNumber, monthNumber } from './months';

// The series' total rows gathered for the report: per district (for the map and the flows) and the
// country totals with their own intervals (for the small multiples). Rows with the same key and
// month add up.

/** A total row of the series (channel, buyer, origin and size empty). */
export interface TotalRow {
  date: string;
  /** a district id, or '' for the country's total */
  district: string;
  country: string;
  market: string;
  echelon: string;
  metric: string;
  value: number;
  lo: number;
  hi: number;
}

export interface Band {
  value: number[];
  lo: number[];
  hi: number[];
}

const SEP = '\t';

/** The `district` of a country-total row. */
export const COUNTRY_TOTAL = '';

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
  private readonly monthIndexes = new Map<string, number>();
  private held: (Omit<TotalRow, 'date' | 'value' | 'lo' | 'hi'> & { target: number[] | Band }) | null = null;

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
    const m = this.monthIndex(r.date);
    this.last = Math.max(this.last, this.first + m);
    // NA and infinite values (none in practice) are left out of sums rather than poisoning them.
    const v = Number.isFinite(r.value) ? r.value : 0;
    const target = this.target(r);
    if (Array.isArray(target)) {
      grow(target, m + 1);
      target[m] += v;
      return;
    }
    grow(target.value, m + 1);
    grow(target.lo, m + 1);
    grow(target.hi, m + 1);
    target.value[m] += v;
    target.lo[m] += Number.isFinite(r.lo) ? r.lo : v;
    target.hi[m] += Number.isFinite(r.hi) ? r.hi : v;
  }

  private monthIndex(date: string): number {
    let m = this.monthIndexes.get(date);
    if (m === undefined) {
      m = monthNumber(date) - this.first;
      if (m < 0) throw new Error(`series: month ${date} before the run's first month ${monthFromNumber(this.first)}`);
      this.monthIndexes.set(date, m);
    }
    return m;
  }

  /**
   * Where a row adds to: its district's series, or its country's band for a country-total row. A
   * key's months come one after another, so the last key's target is kept at hand.
   */
  private target(r: TotalRow): number[] | Band {
    const held = this.held;
    if (held && held.district === r.district && held.country === r.country && held.market === r.market && held.echelon === r.echelon && held.metric === r.metric) return held.target;
    const row = rowKey(r.market, r.echelon);
    let target: number[] | Band | undefined;
    if (r.district === COUNTRY_TOTAL) {
      const key = [row, r.metric, r.country].join(SEP);
      target = this.byCountry.get(key);
      if (!target) this.byCountry.set(key, (target = { value: [], lo: [], hi: [] }));
    } else {
      let metrics = this.metricsByRow.get(row);
      if (!metrics) this.metricsByRow.set(row, (metrics = new Set()));
      metrics.add(r.metric);
      this.countries.set(r.district, r.country);
      const key = [row, r.metric, r.district].join(SEP);
      target = this.byDistrict.get(key);
      if (!target) this.byDistrict.set(key, (target = []));
    }
    this.held = { district: r.district, country: r.country, market: r.market, echelon: r.echelon, metric: r.metric, target };
    return target;
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

  /** Districts seen in the file with their country (country totals are not districts). */
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
   * Monthly country total with its band: the series' country-total rows, whose interval is that of
   * the country total over replicates (zeros where the file has none: absent = zero).
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

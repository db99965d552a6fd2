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

/**
 * A monthly series filled as rows come, month by month: a typed array doubled when a month lies
 * beyond it. Its numbers live outside the JavaScript heap, so the thousands of series of a run's
 * report are not copied about by the garbage collector while they fill (as arrays of numbers were).
 */
class Monthly {
  private data = new Float64Array(64);

  add(m: number, v: number): void {
    if (m >= this.data.length) {
      const grown = new Float64Array(Math.max(2 * this.data.length, m + 1));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[m] += v;
  }

  /** The first `n` months as numbers (0 beyond the last added). */
  months(n: number): number[] {
    const out = Array.from(this.data.subarray(0, Math.min(n, this.data.length)));
    while (out.length < n) out.push(0);
    return out;
  }
}

interface MonthlyBand {
  value: Monthly;
  lo: Monthly;
  hi: Monthly;
}

/** `cannabis/production`: the report's name for a market × echelon row. */
export const rowKey = (market: string, echelon: string) => `${market}/${echelon}`;

export class SeriesTotals {
  private readonly first: number;
  private last: number;
  private readonly byDistrict = new Map<string, Monthly>();
  private readonly byCountry = new Map<string, MonthlyBand>();
  private readonly countries = new Map<string, string>();
  private readonly metricsByRow = new Map<string, Set<string>>();
  private readonly monthIndexes = new Map<string, number>();
  private held: (Omit<TotalRow, 'date' | 'value' | 'lo' | 'hi'> & { target: Monthly | MonthlyBand }) | null = null;

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
    if (target instanceof Monthly) {
      target.add(m, v);
      return;
    }
    target.value.add(m, v);
    target.lo.add(m, Number.isFinite(r.lo) ? r.lo : v);
    target.hi.add(m, Number.isFinite(r.hi) ? r.hi : v);
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
  private target(r: TotalRow): Monthly | MonthlyBand {
    const held = this.held;
    if (held && held.district === r.district && held.country === r.country && held.market === r.market && held.echelon === r.echelon && held.metric === r.metric) return held.target;
    const row = rowKey(r.market, r.echelon);
    let target: Monthly | MonthlyBand | undefined;
    if (r.district === COUNTRY_TOTAL) {
      const key = [row, r.metric, r.country].join(SEP);
      target = this.byCountry.get(key);
      if (!target) this.byCountry.set(key, (target = { value: new Monthly(), lo: new Monthly(), hi: new Monthly() }));
    } else {
      let metrics = this.metricsByRow.get(row);
      if (!metrics) this.metricsByRow.set(row, (metrics = new Set()));
      metrics.add(r.metric);
      this.countries.set(r.district, r.country);
      const key = [row, r.metric, r.district].join(SEP);
      target = this.byDistrict.get(key);
      if (!target) this.byDistrict.set(key, (target = new Monthly()));
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
    return (this.byDistrict.get([row, metric, district].join(SEP)) ?? new Monthly()).months(this.monthCount);
  }

  hasDistrict(row: string, metric: string, district: string): boolean {
    return this.byDistrict.has([row, metric, district].join(SEP));
  }

  /**
   * Monthly country total with its band: the series' country-total rows, whose interval is that of
   * the country total over replicates (zeros where the file has none: absent = zero).
   */
  country(row: string, metric: string, country: string): Band {
    const c = this.byCountry.get([row, metric, country].join(SEP)) ?? { value: new Monthly(), lo: new Monthly(), hi: new Monthly() };
    const n = this.monthCount;
    return { value: c.value.months(n), lo: c.lo.months(n), hi: c.hi.months(n) };
  }
}

import { keyString, type ReplicateSeries, type SeriesKey } from './series';
import { meanIntervals } from './replicates';

// Replicates → the tidy long table of the series (series.parquet, series.csv): one row per key and
// month, the value being the mean over replicates with its 95% interval; district keys, then the
// country totals. Keys are generated lazily so a writer can stream them.

/** The columns of the series (series.parquet, series.csv), in file order. */
export const SERIES_COLUMNS = [
  'date', 'district', 'country', 'market', 'echelon', 'channel', 'buyer', 'origin', 'size', 'metric', 'value', 'lo', 'hi',
] as const;

export interface SeriesRow extends SeriesKey {
  /** YYYY-MM */
  date: string;
  value: number;
  lo: number;
  hi: number;
}

/** Throws unless every replicate has the first one's months and keys: rows pair values by position. */
export function checkSameLayout(replicates: readonly ReplicateSeries[]): void {
  if (replicates.length === 0) throw new RangeError('no replicates to aggregate');
  const [first] = replicates;
  const firstKeys = first.keys.map(keyString);
  for (let r = 1; r < replicates.length; r++) {
    const other = replicates[r];
    const sameMonths = other.months.length === first.months.length && other.months.every((m, i) => m === first.months[i]);
    const sameKeys = other.keys.length === firstKeys.length && other.keys.every((k, i) => keyString(k) === firstKeys[i]);
    if (!sameMonths || !sameKeys) throw new Error(`replicate ${r} has a different series layout (months or keys) than replicate 0`);
  }
  for (const rep of replicates) {
    if (rep.values.length !== rep.keys.length * rep.months.length) {
      throw new RangeError(`series values have length ${rep.values.length}, expected keys × months = ${rep.keys.length * rep.months.length}`);
    }
  }
}

/** One key's statistics over replicates, per month: the unit the rows and the writers use. */
export interface KeySeries {
  key: SeriesKey;
  months: readonly string[];
  value: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/** The `district` of a country-total key: the sum over the country's districts. */
export const COUNTRY_TOTAL = '';

/**
 * Per key, in key order: mean and 95% interval over replicates for every month; then the
 * country-total keys (district COUNTRY_TOTAL), country by country in the order countries first
 * appear, each in the order of its first district key. A country total is summed over the
 * country's districts within each replicate before the mean and interval are taken, so its interval
 * is that of the country total itself. One object per key (not per row) keeps the garbage low
 * when millions of rows are streamed.
 */
export function* seriesByKey(replicates: readonly ReplicateSeries[]): Generator<KeySeries> {
  checkSameLayout(replicates);
  const { months, keys } = replicates[0];
  const stride = months.length;
  const { totals, totalOf } = countryTotalKeys(keys);
  // sums[t][r]: the monthly sum of total t in replicate r, added in key order (the same bits every run).
  const sums = totals.map(() => replicates.map(() => new Float64Array(stride)));
  for (let k = 0; k < keys.length; k++) {
    const perReplicate = replicates.map((r) => r.values.subarray(k * stride, (k + 1) * stride));
    const series = overReplicates(keys[k], months, perReplicate);
    // Added to its country's total while its months are still in the processor's cache: the
    // replicates' values (~100 MB for the history's 10) are then read from memory once, not twice.
    addEach(sums[totalOf[k]], perReplicate);
    yield series;
  }
  for (let t = 0; t < totals.length; t++) yield overReplicates(totals[t], months, sums[t]);
}

/** into[r] += values[r], month by month. */
function addEach(into: readonly Float64Array[], values: readonly Float64Array[]): void {
  for (let r = 0; r < into.length; r++) {
    const sum = into[r];
    const add = values[r];
    for (let m = 0; m < sum.length; m++) sum[m] += add[m];
  }
}

/** The country-total keys of a layout and, per key, the index of the total it adds to. */
function countryTotalKeys(keys: readonly SeriesKey[]): { totals: SeriesKey[]; totalOf: Int32Array } {
  const totalOf = new Int32Array(keys.length);
  const totals: SeriesKey[] = [];
  const byText = new Map<string, number>();
  const countries = [...new Set(keys.map((k) => k.country))];
  for (const country of countries) {
    keys.forEach((key, k) => {
      if (key.country !== country) return;
      const total = { ...key, district: COUNTRY_TOTAL };
      const text = `${country}|${keyString(total)}`;
      let t = byText.get(text);
      if (t === undefined) {
        t = totals.length;
        byText.set(text, t);
        totals.push(total);
      }
      totalOf[k] = t;
    });
  }
  return { totals, totalOf };
}

/**
 * Mean and 95% interval of one key's months over replicates (`perReplicate[r][month]`). A month zero
 * in every replicate (a fifth of all months and keys) comes out 0, mean and interval.
 */
function overReplicates(key: SeriesKey, months: readonly string[], perReplicate: readonly Float64Array[]): KeySeries {
  const { mean, lo, hi } = meanIntervals(perReplicate, months.length);
  return { key, months, value: mean, lo, hi };
}

/** Whether a key's mean and interval are zero in every month: such keys are not written. */
export function zeroThroughout(s: KeySeries): boolean {
  for (const a of [s.value, s.lo, s.hi]) for (let m = 0; m < a.length; m++) if (a[m] !== 0) return false;
  return true;
}

/** The rows of the series in key order (district keys, then country totals), then month order. */
export function* seriesRows(replicates: readonly ReplicateSeries[]): Generator<SeriesRow> {
  for (const { key, months, value, lo, hi } of seriesByKey(replicates)) {
    for (let m = 0; m < months.length; m++) {
      yield {
        date: months[m], district: key.district, country: key.country, market: key.market, echelon: key.echelon,
        channel: key.channel, buyer: key.buyer, origin: key.origin, size: key.size, metric: key.metric,
        value: value[m], lo: lo[m], hi: hi[m],
      };
    }
  }
}

/** The series to write: every key (district keys, then country totals) not zero throughout. */
export function storedSeries(replicates: readonly ReplicateSeries[]): KeySeries[] {
  // A key that is zero in every month and replicate (no cocaine import in Eupen) is left out whole.
  return [...seriesByKey(replicates)].filter((s) => !zeroThroughout(s));
}

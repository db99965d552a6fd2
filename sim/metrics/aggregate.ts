import { keyString, type ReplicateSeries, type SeriesKey } from './series';
import { meanInterval } from './replicates';

// Replicates → the tidy long table of series.csv: one row per key and month, the value being the mean
// over replicates with its 95% interval. Rows are generated lazily so a writer can stream them.

/** The columns of series.csv, in file order. */
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

/** One key's statistics over replicates, per month: the unit both seriesRows and the CSV writer use. */
export interface KeySeries {
  key: SeriesKey;
  months: readonly string[];
  value: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * Per key, in key order: mean and 95% interval over replicates for every month. One object per key
 * (not per row) keeps the garbage low when millions of rows are streamed.
 */
export function* seriesByKey(replicates: readonly ReplicateSeries[]): Generator<KeySeries> {
  checkSameLayout(replicates);
  const { months, keys } = replicates[0];
  const stride = months.length;
  const scratch = new Float64Array(replicates.length);
  for (let k = 0; k < keys.length; k++) {
    const value = new Float64Array(stride), lo = new Float64Array(stride), hi = new Float64Array(stride);
    for (let m = 0; m < stride; m++) {
      const at = k * stride + m;
      for (let r = 0; r < replicates.length; r++) scratch[r] = replicates[r].values[at];
      const interval = meanInterval(scratch);
      value[m] = interval.mean;
      lo[m] = interval.lo;
      hi[m] = interval.hi;
    }
    yield { key: keys[k], months, value, lo, hi };
  }
}

/** The rows of series.csv in key order, then month order. */
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

// Statistics over replicates: the mean of a quantity and the 95% confidence interval of that mean.
// Replicates are independent runs (different seeds), so the interval is the Student t interval
// mean ± t(0.975, n−1) · s / √n. Summation runs in index order so the same inputs give the same bits.

export interface MeanInterval {
  mean: number;
  /** lower end of the 95% interval of the mean (equal to mean when n = 1) */
  lo: number;
  /** upper end of the 95% interval of the mean (equal to mean when n = 1) */
  hi: number;
}

/** The confidence level of every interval in the outputs. */
export const CONFIDENCE = 0.95;

// Two-sided 95% quantiles t(0.975, df) for df = 1..30 (scipy.stats.t.ppf, 9 decimals). Small
// replicate counts are the common case, so they are exact from the table.
const T975: readonly number[] = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252,
  2.306004135, 2.262157163, 2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688,
  2.131449546, 2.119905299, 2.109815578, 2.10092204, 2.093024054, 2.085963447, 2.079613845,
  2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142,
  2.045229642, 2.042272456,
];

/** Standard normal 0.975 quantile. */
const Z975 = 1.959963984540054;

/**
 * t(0.975, df): the table for df ≤ 30, beyond it the Cornish–Fisher expansion of the t quantile in
 * the normal quantile (Abramowitz & Stegun 26.7.5), accurate to better than 1e-7 there.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1) || !Number.isInteger(df)) throw new RangeError(`t quantile: degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1];
  const z = Z975;
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  // Products rather than **: Math.pow's last bit differs between JavaScript engines (sim/core/math.ts).
  const df2 = df * df;
  return z + g1 / df + g2 / df2 + g3 / (df2 * df) + g4 / (df2 * df2);
}

/** Mean over replicates and the 95% Student t interval of the mean. Throws on an empty input. */
export function meanInterval(values: ArrayLike<number>): MeanInterval {
  const n = values.length;
  if (n === 0) throw new RangeError('meanInterval: no replicate values');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { mean, lo: mean, hi: mean };
  // Two-pass variance: subtracting the mean first avoids the cancellation of sum-of-squares formulas.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
  }
  const halfWidth = tQuantile975(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean, lo: mean - halfWidth, hi: mean + halfWidth };
}

/**
 * meanInterval at every position i of `length` over replicates (`perReplicate[r][i]`), as three
 * arrays: the same numbers, each sum taken in the same order, but a replicate at a time over all
 * positions and with no object per position (the series have millions of months).
 */
export function meanIntervals(perReplicate: readonly ArrayLike<number>[], length: number): { mean: Float64Array; lo: Float64Array; hi: Float64Array } {
  const n = perReplicate.length;
  if (n === 0) throw new RangeError('meanInterval: no replicate values');
  const mean = new Float64Array(length), lo = new Float64Array(length), hi = new Float64Array(length);
  for (const values of perReplicate) for (let i = 0; i < length; i++) mean[i] += values[i];
  for (let i = 0; i < length; i++) mean[i] /= n;
  if (n === 1) {
    lo.set(mean);
    hi.set(mean);
    return { mean, lo, hi };
  }
  // The sums of squares gather in `lo` before it is the interval's lower end.
  const squares = lo;
  for (const values of perReplicate) {
    for (let i = 0; i < length; i++) {
      const d = values[i] - mean[i];
      squares[i] += d * d;
    }
  }
  const t = tQuantile975(n - 1);
  for (let i = 0; i < length; i++) {
    const halfWidth = t * Math.sqrt(squares[i] / (n - 1) / n);
    lo[i] = mean[i] - halfWidth;
    hi[i] = mean[i] + halfWidth;
  }
  return { mean, lo, hi };
}

/**
 * Replicates (or replicate pairs) needed for a 95% interval of the mean no wider than ±`halfWidth`,
 * given the spread `sd` of single replicates: the smallest n ≥ 2 with t(0.975, n−1) · sd / √n ≤
 * halfWidth, i.e. n = ⌈(t · sd / halfWidth)²⌉ with t at the n it gives. Null when no n reaches it
 * (a half-width of 0 or less with some spread).
 */
export function replicatesForPrecision(sd: number, halfWidth: number): number | null {
  if (!(sd >= 0) || Number.isNaN(halfWidth)) throw new RangeError(`replicatesForPrecision: expected sd ≥ 0 and a half-width, got ${sd} and ${halfWidth}`);
  if (sd === 0) return 2;
  if (!(halfWidth > 0)) return null;
  // t ≥ z, so the normal answer is a lower bound; t falls towards z within a few steps from there.
  const ratio = (Z975 * sd) / halfWidth;
  let n = Math.max(2, Math.ceil(ratio * ratio));
  if (n > 2 ** 40) return n; // t equals z there, and n + 1 would not be a different number for long
  while (tQuantile975(n - 1) * sd > halfWidth * Math.sqrt(n)) n++;
  return n;
}

/** Standard deviation of replicate values (n − 1 in the denominator); null below two values. */
export function sampleSd(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < 2) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / (n - 1));
}

/**
 * 95% Wilson score interval of a share of k successes in n trials (Wilson 1927): unlike p ± z·se it
 * stays inside [0, 1] and is usable at 0% and 100%, the common case for verdict agreement shares.
 */
export function shareInterval(k: number, n: number): { share: number; lo: number; hi: number } {
  if (!(n >= 1) || !Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`share interval: expected whole numbers 0 ≤ k ≤ n, n ≥ 1; got k = ${k}, n = ${n}`);
  const p = k / n;
  const z2 = Z975 * Z975;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { share: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

import type { Random } from '../random';

// Small statistics shared by the sensitivity methods: means, quantiles, bootstrap intervals, ranks.

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample standard deviation (n − 1); NaN for fewer than two values. */
export function sampleSd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Quantile of sorted values by linear interpolation (R's type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

export const CONFIDENCE = 0.95;

/**
 * Percentile bootstrap: `statistic` of `resamples` resamples (n indices drawn with replacement)
 * gives, for each of its outputs, the 2.5% and 97.5% quantiles; `value` is the statistic of the
 * sample itself. Non-finite resample values are left out of the quantiles.
 */
export function bootstrap(n: number, width: number, statistic: (indices: ArrayLike<number>) => ArrayLike<number>, resamples: number, random: Random): Interval[] {
  const whole = statistic(Int32Array.from({ length: n }, (_, i) => i));
  const draws = Array.from({ length: width }, () => [] as number[]);
  const indices = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) indices[i] = random.below(n);
    const values = statistic(indices);
    for (let w = 0; w < width; w++) if (Number.isFinite(values[w])) draws[w].push(values[w]);
  }
  const alpha = (1 - CONFIDENCE) / 2;
  return draws.map((d, w) => {
    d.sort((a, b) => a - b);
    return { value: whole[w], lo: quantileSorted(d, alpha), hi: quantileSorted(d, 1 - alpha) };
  });
}

/** Ranks 1..n, ties sharing their average rank. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]] === xs[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation; NaN when either side is constant. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

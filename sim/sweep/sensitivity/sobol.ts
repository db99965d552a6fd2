import type { Random } from '../random';
import { bootstrap, type Interval } from './statistics';

// Sobol first-order (S1) and total-order (ST) indices from a Saltelli sample: f(A), f(B) and
// f(AB_i) for each factor i, N values each. Estimators as in Saltelli et al. (2010), table 2, and
// SALib: V = Var[f(A) ∪ f(B)],
//   S1_i = mean((f(B) − m) · (f(AB_i) − f(A))) / V     (Saltelli 2010)
//   ST_i = mean((f(A) − f(AB_i))²) / (2V)               (Jansen 1999)
// with percentile bootstrap 95% intervals over the N rows. m is the mean of f(A) ∪ f(B): since
// f(AB_i) and f(A) have the same expectation, subtracting it changes nothing on average, but it
// keeps an output with a large mean and a small variance (the share of replicates with a verdict)
// from multiplying the noise of f(AB_i) − f(A) by that mean.

export interface SobolIndices {
  S1: Interval;
  ST: Interval;
}

export interface SobolResult {
  /** rows used (rows with a missing value in A, B or any AB_i are left out) */
  n: number;
  variance: number;
  factors: SobolIndices[];
}

export function sobolIndices(yA: ArrayLike<number>, yB: ArrayLike<number>, yAB: readonly ArrayLike<number>[], resamples: number, random: Random): SobolResult {
  const k = yAB.length;
  const rows: number[] = [];
  for (let j = 0; j < yA.length; j++) {
    if (Number.isFinite(yA[j]) && Number.isFinite(yB[j]) && yAB.every((y) => Number.isFinite(y[j]))) rows.push(j);
  }
  const n = rows.length;
  const a = Float64Array.from(rows, (j) => yA[j]);
  const b = Float64Array.from(rows, (j) => yB[j]);
  const ab = yAB.map((y) => Float64Array.from(rows, (j) => y[j]));
  const statistic = (idx: ArrayLike<number>): Float64Array => {
    const m = idx.length;
    let sum = 0;
    for (let t = 0; t < m; t++) sum += a[idx[t]] + b[idx[t]];
    const mu = sum / (2 * m);
    let v = 0;
    for (let t = 0; t < m; t++) v += (a[idx[t]] - mu) ** 2 + (b[idx[t]] - mu) ** 2;
    v /= 2 * m;
    const out = new Float64Array(2 * k);
    for (let i = 0; i < k; i++) {
      let first = 0;
      let total = 0;
      const abi = ab[i];
      for (let t = 0; t < m; t++) {
        const j = idx[t];
        first += (b[j] - mu) * (abi[j] - a[j]);
        total += (a[j] - abi[j]) ** 2;
      }
      out[i] = v > 0 ? first / m / v : NaN;
      out[k + i] = v > 0 ? total / m / (2 * v) : NaN;
    }
    return out;
  };
  const intervals = n > 0 ? bootstrap(n, 2 * k, statistic, resamples, random) : Array.from({ length: 2 * k }, () => ({ value: NaN, lo: NaN, hi: NaN }));
  let variance = NaN;
  if (n > 0) {
    const all = [...a, ...b];
    const mu = all.reduce((s, x) => s + x, 0) / all.length;
    variance = all.reduce((s, x) => s + (x - mu) ** 2, 0) / all.length;
  }
  return { n, variance, factors: Array.from({ length: k }, (_, i) => ({ S1: intervals[i], ST: intervals[k + i] })) };
}

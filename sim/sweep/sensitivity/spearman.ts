import type { Random } from '../random';
import { bootstrap, correlation, ranks, type Interval } from './statistics';

// For designs without a variance-decomposition structure (lhs, grid): Spearman's rank correlation of
// each factor with the output over the design points, with a bootstrap 95% interval over points.
// A screening measure of monotone influence, not a share of variance.

export function spearmanIndices(x: readonly ArrayLike<number>[], y: ArrayLike<number>, resamples: number, random: Random): { rho: Interval; n: number }[] {
  const used: number[] = [];
  for (let j = 0; j < y.length; j++) if (Number.isFinite(y[j])) used.push(j);
  const yy = Float64Array.from(used, (j) => y[j]);
  return x.map((column) => {
    const xx = Float64Array.from(used, (j) => column[j]);
    if (used.length < 3) return { rho: { value: NaN, lo: NaN, hi: NaN }, n: used.length };
    const [rho] = bootstrap(used.length, 1, (idx) => {
      const xs = Float64Array.from(idx, (i) => xx[i]);
      const ys = Float64Array.from(idx, (i) => yy[i]);
      return [correlation(ranks(xs), ranks(ys))];
    }, resamples, random);
    return { rho, n: used.length };
  });
}

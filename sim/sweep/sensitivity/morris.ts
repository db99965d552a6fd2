import type { Random } from '../random';
import { bootstrap, mean, sampleSd, type Interval } from './statistics';

// Morris elementary effects: along each trajectory, the change of the output when one factor moves
// by ±Δ, divided by that move (in unit coordinates, so an effect is per the factor's whole range).
// μ* (mean of |EE|, Campolongo et al. 2007) ranks influence; σ (standard deviation of EE) flags
// non-linearity or interactions; μ (mean EE) gives the direction. μ* has a bootstrap 95% interval
// over the trajectories' effects.

export interface MorrisIndices {
  muStar: Interval;
  mu: number;
  sigma: number;
  /** elementary effects used (one per trajectory, fewer when outputs are missing) */
  n: number;
}

/**
 * `unit[row]` are the design rows' unit coordinates, `y[row]` the output at each row (NaN when
 * missing); `trajectories` lists each trajectory's rows in order.
 */
export function morrisIndices(unit: readonly number[][], y: ArrayLike<number>, trajectories: readonly number[][], factors: number, resamples: number, random: Random): MorrisIndices[] {
  const effects: number[][] = Array.from({ length: factors }, () => []);
  for (const rows of trajectories) {
    for (let s = 0; s + 1 < rows.length; s++) {
      const from = unit[rows[s]];
      const to = unit[rows[s + 1]];
      const changed = from.findIndex((u, i) => u !== to[i]);
      if (changed < 0) continue;
      const dy = y[rows[s + 1]] - y[rows[s]];
      if (!Number.isFinite(dy)) continue;
      effects[changed].push(dy / (to[changed] - from[changed]));
    }
  }
  return effects.map((ee) => {
    const abs = ee.map(Math.abs);
    const muStar = ee.length
      ? bootstrap(abs.length, 1, (idx) => {
          let s = 0;
          for (let t = 0; t < idx.length; t++) s += abs[idx[t]];
          return [s / idx.length];
        }, resamples, random)[0]
      : { value: NaN, lo: NaN, hi: NaN };
    return { muStar, mu: ee.length ? mean(ee) : NaN, sigma: sampleSd(ee), n: ee.length };
  });
}

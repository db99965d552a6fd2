// History matching's implausibility (Craig et al. 1997; Vernon et al. 2010; Andrianakis et al.
// 2015): how far the model's expected output at a parameter point is from a target, in standard
// deviations of everything that separates the two:
//
//   I(x) = |z − E[f(x)]| / √(Var_obs + Var_discrepancy + Var_model)
//
// z is the record, Var_obs its observation variance (from the reliability grade), Var_discrepancy
// the model discrepancy (what the model's structure cannot do, here a share of the record), and
// Var_model the model's own randomness at x: the record is one realisation of the world, so a
// model run scatters around E[f(x)] by the replicates' variance s²(x); and E[f(x)] itself is only
// estimated, by the mean of n replicates, whose variance is s²(x)/n. A point is ruled out when the
// largest (or second-largest) implausibility over the targets exceeds a cutoff (3, after Pukelsheim's
// three-sigma rule: at least 95% of any unimodal distribution lies within 3 sd).

/** What one target contributes to the denominator besides the model: its observation sd and the discrepancy sd. */
export interface TargetScale {
  /** the record, z */
  value: number;
  /** observation sd */
  sd: number;
  /** model discrepancy sd */
  discrepancySd: number;
}

/** The replicates of one point for one target: their mean, sample variance and number (null values left out). */
export interface ReplicateSummary {
  mean: number | null;
  variance: number;
  n: number;
}

export function summariseReplicates(values: readonly (number | null)[]): ReplicateSummary {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: null, variance: 0, n: 0 };
  const mean = xs.reduce((a, v) => a + v, 0) / n;
  const variance = n > 1 ? xs.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, variance, n };
}

/** Var_model: the replicates' variance (the model's randomness) plus that of their mean. */
export function modelVariance(s: ReplicateSummary): number {
  return s.n > 0 ? s.variance * (1 + 1 / s.n) : 0;
}

/**
 * I for one target: Infinity when the model gave no value (e.g. a ratio over a window without
 * activity), which no cutoff lets through.
 */
export function implausibility(target: TargetScale, mean: number | null, varianceOfModel: number): number {
  if (mean === null || !Number.isFinite(mean)) return Infinity;
  const denominator = Math.sqrt(target.sd ** 2 + target.discrepancySd ** 2 + Math.max(0, varianceOfModel));
  const gap = Math.abs(target.value - mean);
  if (denominator === 0) return gap === 0 ? 0 : Infinity;
  return gap / denominator;
}

/** The k-th largest (k = 1: the largest, 2: the second largest) of the targets' implausibilities. */
export function kthLargest(values: readonly number[], k: 1 | 2): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => b - a);
  return sorted[Math.min(k, sorted.length) - 1];
}

/**
 * The distance rejection ABC ranks points by: the root mean square over the targets of the gap
 * between record and model mean, each in units of √(Var_obs + Var_discrepancy). Infinity when a
 * target has no model value.
 */
export function fitDistance(targets: readonly TargetScale[], means: readonly (number | null)[]): number {
  if (targets.length === 0) return 0;
  let sum = 0;
  for (let t = 0; t < targets.length; t++) {
    const m = means[t];
    if (m === null || !Number.isFinite(m)) return Infinity;
    const scale = Math.sqrt(targets[t].sd ** 2 + targets[t].discrepancySd ** 2);
    sum += ((targets[t].value - m) / scale) ** 2;
  }
  return Math.sqrt(sum / targets.length);
}

import { cholesky, logDeterminant, nelderMead, solveLower, solveUpper } from './linearAlgebra';

// A small Gaussian-process emulator (Rasmussen & Williams 2006; Andrianakis et al. 2015 use one per
// output): it predicts a model output, with its uncertainty, at parameter points not run. Inputs are
// unit coordinates in [0, 1]^d; outputs are standardised (mean 0, sd 1) before fitting.
//
//   f ~ GP(μ, σ² R),  R(x, x') = exp(−½ Σ_k ((x_k − x'_k) / ℓ_k)²)   (squared exponential, one length scale a factor)
//   y = f + ε,        ε ~ N(0, g σ²)                                  (a nugget: the replicates' noise in the means)
//
// σ² is profiled out (σ̂² = yᵀ(R + gI)⁻¹y / n), and the length scales and g maximise the concentrated
// log marginal likelihood −½(n log σ̂² + log |R + gI|): a coarse grid of common length scales and
// nuggets gives the start, a Nelder–Mead search in log space the rest. Deterministic: the same data
// give the same emulator.

export interface GaussianProcessFit {
  /** the hyperparameters as fitted: log length scales, then log nugget (fitGaussianProcess takes them back) */
  theta: number[];
  /** one per input dimension, in unit coordinates */
  lengthScales: number[];
  /** noise variance as a share of σ² */
  nugget: number;
  /** σ² in the output's own units (σ̂² × the output's variance) */
  signalVariance: number;
  /** the output's mean and sd used to standardise it */
  outputMean: number;
  outputSd: number;
  /** concentrated log marginal likelihood at the fit (standardised data, up to a constant) */
  logLikelihood: number;
  points: number;
}

export interface Emulator {
  fit: GaussianProcessFit;
  /** the expected output at x and the variance of that expectation (the emulator's own uncertainty) */
  predict(x: readonly number[]): { mean: number; variance: number };
  /** the expected output alone: cheaper (no triangular solve) */
  predictMean(x: readonly number[]): number;
  /** an upper bound of predict's variance anywhere: σ² */
  maxVariance: number;
}

const LOG_LENGTH = [Math.log(0.02), Math.log(20)];
const LOG_NUGGET = [Math.log(1e-8), Math.log(1)];
const clamp = (v: number, [lo, hi]: number[]) => Math.min(hi, Math.max(lo, v));

export interface FitOptions {
  /** Nelder–Mead evaluations at most (default 60 per hyperparameter, plus 100) */
  maxEvaluations?: number;
  /** hyperparameters fitted before (GaussianProcessFit.theta): no search, the same emulator */
  theta?: readonly number[];
}

export function fitGaussianProcess(x: readonly (readonly number[])[], y: readonly number[], options: FitOptions = {}): Emulator {
  const n = y.length;
  if (n !== x.length || n === 0) throw new RangeError(`fitGaussianProcess: ${x.length} inputs for ${n} outputs`);
  const d = x[0].length;
  const outputMean = y.reduce((a, v) => a + v, 0) / n;
  const outputSd = Math.sqrt(y.reduce((a, v) => a + (v - outputMean) ** 2, 0) / Math.max(1, n - 1));
  if (!(outputSd > 0) || n < 3) return constantEmulator(outputMean, outputSd, n, d);
  const ys = y.map((v) => (v - outputMean) / outputSd);

  // Squared differences per dimension, computed once: building R is then n²d multiply-adds.
  const pairs = (n * (n - 1)) / 2;
  const diff2 = new Float64Array(pairs * d);
  for (let i = 0, p = 0; i < n; i++) for (let j = 0; j < i; j++, p++) for (let k = 0; k < d; k++) diff2[p * d + k] = (x[i][k] - x[j][k]) ** 2;

  const factor = (theta: readonly number[]) => {
    const inv2l2 = theta.slice(0, d).map((t) => 0.5 / Math.exp(2 * clamp(t, LOG_LENGTH)));
    const g = Math.exp(clamp(theta[d], LOG_NUGGET));
    const a = new Float64Array(n * n);
    for (let i = 0, p = 0; i < n; i++) {
      a[i * n + i] = 1 + g;
      for (let j = 0; j < i; j++, p++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += diff2[p * d + k] * inv2l2[k];
        a[i * n + j] = a[j * n + i] = Math.exp(-s);
      }
    }
    const l = cholesky(a, n);
    if (!l) return null;
    const alpha = solveUpper(l, n, solveLower(l, n, ys));
    let yAy = 0;
    for (let i = 0; i < n; i++) yAy += ys[i] * alpha[i];
    const sigma2 = Math.max(yAy / n, 1e-300);
    return { l, alpha, sigma2, logLikelihood: -0.5 * (n * Math.log(sigma2) + logDeterminant(l, n)) };
  };
  const objective = (theta: number[]) => {
    const f = factor(theta);
    return f ? -f.logLikelihood : Infinity;
  };

  let theta: number[];
  if (options.theta && options.theta.length === d + 1) {
    theta = [...options.theta];
  } else {
    let start: number[] = [];
    let startValue = Infinity;
    for (const length of [0.1, 0.25, 0.5, 1, 2]) {
      for (const nugget of [1e-6, 1e-3, 1e-2, 0.1]) {
        const candidate = [...Array<number>(d).fill(Math.log(length)), Math.log(nugget)];
        const v = objective(candidate);
        if (v < startValue) [start, startValue] = [candidate, v];
      }
    }
    if (!Number.isFinite(startValue)) return constantEmulator(outputMean, outputSd, n, d);
    const best = nelderMead(objective, start, { step: 0.5, maxEvaluations: options.maxEvaluations ?? 60 * (d + 1) + 100, tolerance: 1e-7 });
    const chosen = best.value <= startValue ? best.x : start;
    theta = [...chosen.slice(0, d).map((t) => clamp(t, LOG_LENGTH)), clamp(chosen[d], LOG_NUGGET)];
  }
  const f = factor(theta);
  if (!f) return constantEmulator(outputMean, outputSd, n, d);
  // The same correlations as in the fit (0.5 / e^(2θ)), so an emulator rebuilt from theta predicts the same.
  const inv2l2 = theta.slice(0, d).map((t) => 0.5 / Math.exp(2 * clamp(t, LOG_LENGTH)));
  const signalVariance = f.sigma2 * outputSd * outputSd;
  const correlations = (point: readonly number[]) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (point[k] - x[i][k]) ** 2 * inv2l2[k];
      r[i] = Math.exp(-s);
    }
    return r;
  };
  const meanFrom = (r: Float64Array) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += r[i] * f.alpha[i];
    return outputMean + outputSd * m;
  };
  return {
    fit: { theta, lengthScales: theta.slice(0, d).map((t) => Math.exp(clamp(t, LOG_LENGTH))), nugget: Math.exp(clamp(theta[d], LOG_NUGGET)), signalVariance, outputMean, outputSd, logLikelihood: f.logLikelihood, points: n },
    maxVariance: signalVariance,
    predictMean: (point) => meanFrom(correlations(point)),
    predict(point) {
      const r = correlations(point);
      const v = solveLower(f.l, n, r);
      let vv = 0;
      for (let i = 0; i < n; i++) vv += v[i] * v[i];
      return { mean: meanFrom(r), variance: signalVariance * Math.max(0, 1 - vv) };
    },
  };
}

/** An output that does not vary over the points (or too few points): its mean, with its spread as the uncertainty. */
function constantEmulator(mean: number, sd: number, n: number, d: number): Emulator {
  const variance = Number.isFinite(sd) ? sd * sd : 0;
  return {
    fit: { theta: [], lengthScales: Array<number>(d).fill(Infinity), nugget: 0, signalVariance: variance, outputMean: mean, outputSd: variance > 0 ? sd : 0, logLikelihood: 0, points: n },
    maxVariance: variance,
    predictMean: () => mean,
    predict: () => ({ mean, variance }),
  };
}

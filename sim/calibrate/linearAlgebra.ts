// The little dense linear algebra a Gaussian process needs: a Cholesky factor of a symmetric
// positive definite matrix (row-major Float64Array, n × n) and triangular solves with it.

/** The lower-triangular L with L Lᵀ = A, or null when A is not (numerically) positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/** x with L x = b (forward substitution). */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/** x with Lᵀ x = b (back substitution). */
export function solveUpper(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/** log det A from its Cholesky factor: 2 Σ log L_ii. */
export function logDeterminant(l: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l[i * n + i]);
  return 2 * sum;
}

/**
 * Nelder–Mead simplex minimisation (Lagarias et al. 1998 coefficients), deterministic: the start
 * simplex steps `step` along each axis. Stops after `maxEvaluations` or when the simplex's values
 * differ by less than `tolerance`.
 */
export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: { step: number; maxEvaluations: number; tolerance: number }): { x: number[]; value: number; evaluations: number } {
  const d = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start.slice(), ...Array.from({ length: d }, (_, i) => start.map((v, j) => (j === i ? v + options.step : v)))].map((x) => ({ x, v: evaluate(x) }));
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  while (evaluations < options.maxEvaluations) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0];
    const worst = simplex[d];
    if (Math.abs(worst.v - best.v) <= options.tolerance * (Math.abs(best.v) + 1e-12)) break;
    const centroid = Array.from({ length: d }, (_, i) => simplex.slice(0, d).reduce((s, p) => s + p.x[i], 0) / d);
    const reflected = combine(centroid, worst.x, -1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = evaluate(expanded);
      simplex[d] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[d - 1].v) {
      simplex[d] = { x: reflected, v: vr };
    } else {
      const outside = vr < worst.v;
      const contracted = outside ? combine(centroid, reflected, 0.5) : combine(centroid, worst.x, 0.5);
      const vc = evaluate(contracted);
      if (vc < (outside ? vr : worst.v)) simplex[d] = { x: contracted, v: vc };
      else
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = combine(best.x, p.x, 0.5);
          return { x, v: evaluate(x) };
        });
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0].x, value: simplex[0].v, evaluations };
}

import { describe, expect, it } from 'vitest';
import { fitGaussianProcess } from '../../sim/calibrate/gaussianProcess';
import { cholesky, logDeterminant, nelderMead, solveLower, solveUpper } from '../../sim/calibrate/linearAlgebra';
import { latinHypercube } from '../../sim/metrics/latinHypercube';
import { randomStream } from '../../sim/sweep/random';

// The Gaussian-process emulator and the linear algebra under it: it must reproduce smooth functions
// from a few points, know where it is unsure, tell noise from signal, and be deterministic.

describe('linear algebra', () => {
  it('factors a positive definite matrix and solves with its factor', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const l = cholesky(a, 3)!;
    // L Lᵀ = A
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += l[i * 3 + k] * l[j * 3 + k];
      expect(s).toBeCloseTo(a[i * 3 + j], 12);
    }
    const b = [1, 2, 3];
    const x = solveUpper(l, 3, solveLower(l, 3, b));
    for (let i = 0; i < 3; i++) expect(a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]).toBeCloseTo(b[i], 12);
    const det = 4 * (5 * 3 - 1) - 2 * (2 * 3 - 0.6) + 0.6 * (2 - 5 * 0.6);
    expect(logDeterminant(l, 3)).toBeCloseTo(Math.log(det), 12);
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
  });

  it('Nelder–Mead finds the minimum of the Rosenbrock function', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { step: 0.5, maxEvaluations: 2000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});

describe('the Gaussian-process emulator', () => {
  it('recovers a smooth 1-D function from 12 points, and is surest at the points', () => {
    const f = (x: number) => Math.sin(2 * Math.PI * x);
    const xs = Array.from({ length: 12 }, (_, i) => [i / 11]);
    const gp = fitGaussianProcess(xs, xs.map(([x]) => f(x)));
    let worst = 0;
    for (let i = 0; i <= 200; i++) worst = Math.max(worst, Math.abs(gp.predict([i / 200]).mean - f(i / 200)));
    expect(worst).toBeLessThan(0.01);
    const atPoint = gp.predict([3 / 11]).variance;
    const between = gp.predict([3.5 / 11]).variance;
    const outside = gp.predict([5]).variance;
    expect(atPoint).toBeLessThan(between);
    expect(between).toBeLessThan(outside);
    // far from every point the emulator falls back to the prior: mean near the data's, variance σ²
    expect(outside).toBeCloseTo(gp.maxVariance, 6);
    expect(gp.predictMean([0.3])).toBe(gp.predict([0.3]).mean);
  });

  it('recovers a smooth 2-D function from 40 Latin-hypercube points, with a length scale per input', () => {
    const g = ([a, b]: readonly number[]) => a * a + Math.sin(3 * b);
    const xs = latinHypercube(40, 2, randomStream(7, 'gp-2d'));
    const gp = fitGaussianProcess(xs, xs.map(g));
    const test = latinHypercube(400, 2, randomStream(8, 'gp-2d-test'));
    const rmse = Math.sqrt(test.reduce((s, p) => s + (gp.predictMean(p) - g(p)) ** 2, 0) / test.length);
    expect(rmse).toBeLessThan(0.01);
    expect(gp.fit.lengthScales).toHaveLength(2);
  });

  it('ignores an input the output does not depend on (a long length scale)', () => {
    const xs = latinHypercube(30, 2, randomStream(9, 'gp-inert'));
    const gp = fitGaussianProcess(xs, xs.map(([a]) => Math.cos(3 * a)));
    expect(gp.fit.lengthScales[1]).toBeGreaterThan(5 * gp.fit.lengthScales[0]);
  });

  it('takes noise in the outputs as a nugget of about its size', () => {
    const random = randomStream(10, 'gp-noise');
    const xs = latinHypercube(60, 1, random);
    const noiseSd = 0.1;
    const ys = xs.map(([x]) => Math.sin(4 * x) + noiseSd * Math.sqrt(12) * (random.next() - 0.5));
    const gp = fitGaussianProcess(xs, ys);
    const noiseVariance = gp.fit.nugget * gp.fit.signalVariance;
    expect(noiseVariance).toBeGreaterThan(0.3 * noiseSd ** 2);
    expect(noiseVariance).toBeLessThan(3 * noiseSd ** 2);
    // the mean smooths the noise: closer to the function than the data are
    const err = xs.reduce((s, [x]) => s + (gp.predictMean([x]) - Math.sin(4 * x)) ** 2, 0) / xs.length;
    expect(Math.sqrt(err)).toBeLessThan(noiseSd);
  });

  it('gives the same emulator for the same data, and a flat one for a constant output', () => {
    const xs = latinHypercube(15, 3, randomStream(11, 'gp-det'));
    const ys = xs.map(([a, b, c]) => a + b * c);
    const fitted = fitGaussianProcess(xs, ys);
    expect(fitGaussianProcess(xs, ys).fit).toEqual(fitted.fit);
    // rebuilt from its hyperparameters (through JSON, as a resumed calibration reads them), the same emulator
    const rebuilt = fitGaussianProcess(xs, ys, { theta: JSON.parse(JSON.stringify(fitted.fit.theta)) });
    expect(rebuilt.fit).toEqual(fitted.fit);
    for (const p of latinHypercube(20, 3, randomStream(12, 'gp-det-test'))) expect(rebuilt.predict(p)).toEqual(fitted.predict(p));
    const flat = fitGaussianProcess(xs, xs.map(() => 4));
    expect(flat.predict([0.2, 0.2, 0.2])).toEqual({ mean: 4, variance: 0 });
  });
});

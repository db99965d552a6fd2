import { describe, expect, it } from 'vitest';
import { rejectionAbc } from '../../sim/calibrate/abc';
import { targetConflicts } from '../../sim/calibrate/conflicts';
import { fitDistance, implausibility, kthLargest, modelVariance, summariseReplicates } from '../../sim/calibrate/implausibility';
import { emulatedImplausibility, sampleStage, survivorsBox, type Screening } from '../../sim/calibrate/region';
import { quantileSorted as quantile } from '../../sim/sweep/sensitivity/statistics';
import type { Emulator } from '../../sim/calibrate/gaussianProcess';
import { randomStream } from '../../sim/sweep/random';

// The pieces of history matching and ABC on their own: the implausibility measure, the cutoff on
// the largest or second largest, the conflicts between targets, the next stage's sampling, and
// rejection ABC on a toy problem whose posterior is known.

describe('implausibility', () => {
  const target = { value: 100, sd: 10, discrepancySd: 5 };

  it('is |z − E[f]| over √(Var_obs + Var_discrepancy + Var_model)', () => {
    expect(implausibility(target, 130, 0)).toBeCloseTo(30 / Math.sqrt(125), 12);
    expect(implausibility(target, 70, 75)).toBeCloseTo(30 / Math.sqrt(200), 12);
    expect(implausibility(target, 100, 0)).toBe(0);
  });

  it('rules out a point whose model gave no value', () => {
    expect(implausibility(target, null, 0)).toBe(Infinity);
    expect(implausibility(target, NaN, 0)).toBe(Infinity);
  });

  it('takes the model variance from the replicates: their variance plus that of their mean', () => {
    const s = summariseReplicates([90, 110, null]);
    expect(s).toEqual({ mean: 100, variance: 200, n: 2 });
    expect(modelVariance(s)).toBeCloseTo(300, 12);
    expect(summariseReplicates([null])).toEqual({ mean: null, variance: 0, n: 0 });
    expect(modelVariance(summariseReplicates([5]))).toBe(0);
  });

  it('cuts on the largest or the second largest over the targets', () => {
    expect(kthLargest([0.5, 4, 2.9, 1], 1)).toBe(4);
    expect(kthLargest([0.5, 4, 2.9, 1], 2)).toBe(2.9);
    expect(kthLargest([4], 2)).toBe(4);
    expect(kthLargest([], 1)).toBe(0);
  });

  it('measures the ABC distance as the root mean square of the standardised gaps', () => {
    const targets = [{ value: 10, sd: 3, discrepancySd: 4 }, { value: 1, sd: 0.1, discrepancySd: 0 }];
    expect(fitDistance(targets, [20, 1.2])).toBeCloseTo(Math.sqrt((4 + 4) / 2), 12);
    expect(fitDistance(targets, [20, null])).toBe(Infinity);
  });

  it('takes quantiles between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile([7], 0.95)).toBe(7);
  });
});

describe('conflicts between targets', () => {
  it('names targets met nowhere and pairs met apart but never together', () => {
    // a and b exclude each other; c is met everywhere; d nowhere.
    const plausible = [
      [true, false, true, false],
      [true, false, true, false],
      [false, true, true, false],
      [false, false, true, false],
    ];
    const c = targetConflicts(['a', 'b', 'c', 'd'], plausible);
    expect(c.unreachable).toEqual(['d']);
    expect(c.pairs).toEqual([{ a: 'a', b: 'b', onlyA: 0.5, onlyB: 0.25, both: 0 }]);
    expect(c.plausible.map((p) => p.share)).toEqual([0.5, 0.25, 1, 0]);
    expect(c.together[0][2]).toBe(0.5);
    expect(c.together[0][1]).toBe(0);
    expect(c.together[2][2]).toBe(1);
  });
});

describe('where the next stage samples', () => {
  it('takes the box of the survivors, widened by the margin within [0, 1]', () => {
    const box = survivorsBox([[0.2, 0.9], [0.4, 0.95]], 2, 0.1);
    expect(box.lower[0]).toBeCloseTo(0.1, 12);
    expect(box.upper[0]).toBeCloseTo(0.5, 12);
    expect(box.lower[1]).toBeCloseTo(0.8, 12);
    expect(box.upper[1]).toBe(1);
  });

  /** An emulator of f(x) = 10 x₀ with no uncertainty. */
  const linear: Emulator = {
    fit: { theta: [], lengthScales: [1, 1], nugget: 0, signalVariance: 0, outputMean: 0, outputSd: 1, logLikelihood: 0, points: 0 },
    predict: (x) => ({ mean: 10 * x[0], variance: 0 }),
    predictMean: (x) => 10 * x[0],
    maxVariance: 0,
  };
  const screening: Screening = { cutoff: 3, largest: 1, waves: [{ targets: [{ value: 5, sd: 0.5, discrepancySd: 0 }], emulators: [linear], modelVariance: [0] }] };

  it('keeps the candidates the emulators let through: here x₀ within 5 ± 1.5 / 10', () => {
    expect(emulatedImplausibility([0.5, 0.1], screening)).toBe(0);
    expect(emulatedImplausibility([0.8, 0.1], screening)).toBeCloseTo(6, 12);
    const sample = sampleStage({ box: { lower: [0, 0], upper: [1, 1] }, points: 20, candidates: 1000, screening, random: randomStream(1, 'test') });
    expect(sample.unit).toHaveLength(20);
    expect(sample.filled).toBe(0);
    expect(sample.accepted / sample.candidates).toBeGreaterThan(0.25);
    expect(sample.accepted / sample.candidates).toBeLessThan(0.35);
    for (const p of sample.unit) expect(Math.abs(p[0] - 0.5)).toBeLessThanOrEqual(0.15 + 1e-12);
    // the second coordinate is not constrained: it spreads over the box
    expect(Math.max(...sample.unit.map((p) => p[1])) - Math.min(...sample.unit.map((p) => p[1]))).toBeGreaterThan(0.5);
  });

  it('fills a stage with the candidates ruled out least when too few pass', () => {
    const narrow: Screening = { ...screening, waves: [{ ...screening.waves[0], targets: [{ value: 5, sd: 0.001, discrepancySd: 0 }] }] };
    const sample = sampleStage({ box: { lower: [0, 0], upper: [1, 1] }, points: 10, candidates: 200, screening: narrow, random: randomStream(2, 'test') });
    expect(sample.unit).toHaveLength(10);
    expect(sample.filled).toBe(10 - sample.accepted);
    for (const p of sample.unit) expect(Math.abs(p[0] - 0.5)).toBeLessThan(0.05);
  });

  it('without emulators draws a Latin hypercube of the box', () => {
    const sample = sampleStage({ box: { lower: [0.2, 0], upper: [0.4, 1] }, points: 10, candidates: 500, screening: null, random: randomStream(3, 'test') });
    expect(sample.unit).toHaveLength(10);
    expect(sample.candidates).toBe(10);
    const strata = sample.unit.map((p) => Math.floor(((p[0] - 0.2) / 0.2) * 10)).sort((a, b) => a - b);
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('rejection ABC', () => {
  it('accepts the given share of points with the smallest distances; never one without a distance', () => {
    expect(rejectionAbc([5, 1, Infinity, 3, 1, 2], 0.5)).toEqual({ accepted: [1, 4, 5], epsilon: 2 });
    expect(rejectionAbc([NaN, Infinity, 1], 1)).toEqual({ accepted: [2], epsilon: 1 });
    expect(() => rejectionAbc([1], 0)).toThrow(/accept/);
  });

  it('recovers a known posterior: the mean of 20 normal observations, with a flat prior', () => {
    // Data y_1..y_20 ~ N(θ, 1) summarised by their mean ȳ; prior θ ~ U(−3, 3). The posterior is
    // N(ȳ, 1/20) (its truncation at ±3 is negligible). Simulated means ~ N(θ, 1/√20).
    const random = randomStream(5, 'abc-toy');
    const normal = () => {
      const u = Math.max(1e-12, random.next());
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
    };
    const m = 20;
    const observed = 0.7;
    const n = 40_000;
    const thetas = Array.from({ length: n }, () => -3 + 6 * random.next());
    const distances = thetas.map((theta) => Math.abs(theta + normal() / Math.sqrt(m) - observed));
    const { accepted } = rejectionAbc(distances, 0.01);
    const sample = accepted.map((i) => thetas[i]);
    const mean = sample.reduce((a, v) => a + v, 0) / sample.length;
    const sd = Math.sqrt(sample.reduce((a, v) => a + (v - mean) ** 2, 0) / (sample.length - 1));
    expect(sample).toHaveLength(400);
    expect(Math.abs(mean - observed)).toBeLessThan(0.04);
    expect(sd).toBeGreaterThan(0.85 / Math.sqrt(m));
    expect(sd).toBeLessThan(1.15 / Math.sqrt(m));
  });
});

import { describe, expect, it } from 'vitest';
import { morris } from '../../sim/sweep/designs/morris';
import { sobol } from '../../sim/sweep/designs/sobol';
import type { Domain } from '../../sim/sweep/domains';
import { randomStream } from '../../sim/sweep/random';
import { morrisIndices } from '../../sim/sweep/sensitivity/morris';
import { sobolIndices } from '../../sim/sweep/sensitivity/sobol';
import { spearmanIndices } from '../../sim/sweep/sensitivity/spearman';
import { quantileSorted, ranks } from '../../sim/sweep/sensitivity/statistics';

// The estimators against functions whose indices are known.

const uniform = (n: number): Domain[] => Array.from({ length: n }, () => ({ kind: 'uniform', min: 0, max: 1 }));

/** Ishigami (1990) with a = 7, b = 0.1, inputs uniform on [−π, π]. */
function ishigami(u: readonly number[]): number {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v);
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
}

describe('Sobol indices (Saltelli sampling, Saltelli/Jansen estimators)', () => {
  it('reproduce the Ishigami function\'s analytical indices within ±0.05', () => {
    const n = 8192;
    const design = sobol.build(uniform(3), { type: 'sobol', samples: n }, randomStream(1, 'design:sobol'));
    const y = design.unit.map(ishigami);
    const block = (m: number) => y.slice(m * n, (m + 1) * n);
    const r = sobolIndices(block(0), block(1), [block(2), block(3), block(4)], 1000, randomStream(1, 'bootstrap'));
    // Analytical values (Ishigami & Homma 1990; Saltelli et al. 2008).
    const S1 = [0.3139, 0.4424, 0];
    const ST = [0.5576, 0.4424, 0.2437];
    r.factors.forEach((f, i) => {
      expect(Math.abs(f.S1.value - S1[i]), `S1 of x${i + 1}: ${f.S1.value}`).toBeLessThan(0.05);
      expect(Math.abs(f.ST.value - ST[i]), `ST of x${i + 1}: ${f.ST.value}`).toBeLessThan(0.05);
      // The bootstrap 95% intervals bracket the estimate and are narrow at this N.
      expect(f.S1.lo).toBeLessThanOrEqual(f.S1.value);
      expect(f.S1.hi).toBeGreaterThanOrEqual(f.S1.value);
      expect(f.ST.hi - f.ST.lo).toBeLessThan(0.1);
    });
    expect(r.n).toBe(n);
    // Var = a²/8 + b·π⁴/5 + b²·π⁸/18 + 1/2
    expect(r.variance).toBeCloseTo(49 / 8 + (0.1 * Math.PI ** 4) / 5 + (0.01 * Math.PI ** 8) / 18 + 0.5, 0);
  });

  it('leaves out rows with a missing value, and gives NaN for an output that does not vary', () => {
    const n = 64;
    const design = sobol.build(uniform(2), { type: 'sobol', samples: n }, randomStream(2, 'design:sobol'));
    const y = design.unit.map((u) => u[0] + 2 * u[1]);
    y[5] = NaN; // A_5
    y[3 * n + 7] = NaN; // AB_2, row 7
    const block = (m: number) => y.slice(m * n, (m + 1) * n);
    expect(sobolIndices(block(0), block(1), [block(2), block(3)], 100, randomStream(1, 'b')).n).toBe(n - 2);
    const flat = new Array(n).fill(3);
    const r = sobolIndices(flat, flat, [flat, flat], 100, randomStream(1, 'b'));
    expect(Number.isNaN(r.factors[0].S1.value)).toBe(true);
  });

  it('additive linear function: S1 = ST = the share of variance of each term', () => {
    const n = 4096;
    const design = sobol.build(uniform(3), { type: 'sobol', samples: n }, randomStream(3, 'design:sobol'));
    const y = design.unit.map((u) => 1 * u[0] + 2 * u[1] + 0 * u[2]);
    const block = (m: number) => y.slice(m * n, (m + 1) * n);
    const r = sobolIndices(block(0), block(1), [block(2), block(3), block(4)], 200, randomStream(1, 'b'));
    const share = [1 / 5, 4 / 5, 0];
    r.factors.forEach((f, i) => {
      expect(f.S1.value).toBeCloseTo(share[i], 1);
      expect(f.ST.value).toBeCloseTo(share[i], 1);
    });
  });
});

describe('Morris elementary effects', () => {
  it('μ* is |coefficient| per whole range for linear terms, σ is 0 for them and > 0 for an interaction', () => {
    const k = 4;
    const r = 20;
    const design = morris.build(uniform(k), { type: 'morris', samples: r, levels: 4 }, randomStream(4, 'design:morris'));
    // y = 3·u0 − 2·u1 + 0·u2 + 4·u0·u3
    const y = design.unit.map((u) => 3 * u[0] - 2 * u[1] + 4 * u[0] * u[3]);
    const res = morrisIndices(design.unit, y, design.groups, k, 200, randomStream(1, 'bootstrap'));
    expect(res.map((f) => f.n)).toEqual([r, r, r, r]);
    expect(res[1].muStar.value).toBeCloseTo(2, 12);
    expect(res[1].mu).toBeCloseTo(-2, 12);
    expect(res[1].sigma).toBeCloseTo(0, 12);
    expect(res[2].muStar.value).toBe(0);
    expect(res[2].sigma).toBe(0);
    expect(res[0].sigma).toBeGreaterThan(0); // its effect depends on u3
    expect(res[3].sigma).toBeGreaterThan(0);
    expect(res[0].muStar.value).toBeGreaterThan(res[1].muStar.value);
    expect(res[0].muStar.lo).toBeLessThanOrEqual(res[0].muStar.value);
    expect(res[0].muStar.hi).toBeGreaterThanOrEqual(res[0].muStar.value);
  });

  it('skips effects whose outputs are missing', () => {
    const design = morris.build(uniform(2), { type: 'morris', samples: 5, levels: 4 }, randomStream(4, 'design:morris'));
    const y = design.unit.map((u) => u[0] + u[1]);
    y[0] = NaN; // the start of trajectory 0: its first step is lost
    const res = morrisIndices(design.unit, y, design.groups, 2, 50, randomStream(1, 'b'));
    expect(res[0].n + res[1].n).toBe(9);
  });
});

describe('Spearman (lhs, grid)', () => {
  it('finds monotone influence and its sign', () => {
    const n = 200;
    const random = randomStream(5, 'x');
    const x = [Array.from({ length: n }, () => random.next()), Array.from({ length: n }, () => random.next()), Array.from({ length: n }, () => random.next())];
    const y = x[0].map((_, j) => x[0][j] ** 3 - x[1][j] + 0.01 * random.next());
    const r = spearmanIndices(x, y, 200, randomStream(1, 'b'));
    expect(r[0].rho.value).toBeGreaterThan(0.5);
    expect(r[1].rho.value).toBeLessThan(-0.5);
    expect(Math.abs(r[2].rho.value)).toBeLessThan(0.2);
    expect(r[2].rho.lo).toBeLessThan(0);
    expect(r[2].rho.hi).toBeGreaterThan(0);
  });

  it('ranks share ties, quantiles interpolate', () => {
    expect([...ranks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
  });
});

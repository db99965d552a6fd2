import { describe, expect, it } from 'vitest';
import { valueAt, normalCdf, normalQuantile, type Domain } from '../../sim/sweep/domains';
import { grid } from '../../sim/sweep/designs/grid';
import { lhs } from '../../sim/sweep/designs/lhs';
import { morris } from '../../sim/sweep/designs/morris';
import { sobol } from '../../sim/sweep/designs/sobol';
import { designRegistry } from '../../sim/sweep/designs/registry';
import { randomStream } from '../../sim/sweep/random';
import { DESIGN_TYPES, GIVEN_DESIGN_TYPES } from '../../sim/sweep/spec';
import { points } from '../../sim/sweep/designs/points';

// Sample properties of each experiment design, in unit coordinates.

const uniform = (n: number): Domain[] => Array.from({ length: n }, () => ({ kind: 'uniform', min: 0, max: 1 }));

describe('designs', () => {
  it('has one registered module per design type', () => {
    expect([...designRegistry.keys()].sort()).toEqual([...DESIGN_TYPES, ...GIVEN_DESIGN_TYPES].sort());
  });

  it('points: the rows given, one group each; rows outside the unit cube are refused', () => {
    const unit = [[0.1, 0.9], [0.5, 0.5], [1, 0]];
    const d = points.build(uniform(2), { type: 'points', samples: 3, unit }, randomStream(1, 'x'));
    expect(d.unit).toEqual(unit);
    expect(d.unit[0]).not.toBe(unit[0]);
    expect(d.groups).toEqual([[0], [1], [2]]);
    expect(() => points.build(uniform(2), { type: 'points', unit: [[0.5, 1.2]] }, randomStream(1, 'x'))).toThrow(/unit coordinates/);
    expect(() => points.build(uniform(2), { type: 'points', unit: [[0.5]] }, randomStream(1, 'x'))).toThrow(/unit coordinates/);
  });

  it('grid: every combination of levels once, the last factor fastest, mapped back to its levels', () => {
    const domains: Domain[] = [{ kind: 'levels', levels: [1, 2, 3] }, { kind: 'levels', levels: [10, 20] }];
    const d = grid.build(domains, { type: 'grid' }, randomStream(1, 'x'));
    const values = d.unit.map((u) => u.map((x, i) => valueAt(domains[i], x)));
    expect(values).toEqual([[1, 10], [1, 20], [2, 10], [2, 20], [3, 10], [3, 20]]);
    expect(d.groups).toEqual(values.map((_, i) => [i]));
  });

  it('lhs: each column has exactly one value in each of the n strata', () => {
    const n = 50;
    const d = lhs.build(uniform(4), { type: 'lhs', samples: n }, randomStream(3, 'design:lhs'));
    expect(d.unit).toHaveLength(n);
    for (let c = 0; c < 4; c++) {
      const strata = d.unit.map((row) => Math.floor(row[c] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    // The columns are permuted independently: not all in the same order.
    const order = (c: number) => d.unit.map((row) => Math.floor(row[c] * n)).join(',');
    expect(new Set([0, 1, 2, 3].map(order)).size).toBe(4);
  });

  it('lhs: the same seed gives the same design, another seed another', () => {
    const a = lhs.build(uniform(2), { type: 'lhs', samples: 10 }, randomStream(7, 'design:lhs'));
    const b = lhs.build(uniform(2), { type: 'lhs', samples: 10 }, randomStream(7, 'design:lhs'));
    const c = lhs.build(uniform(2), { type: 'lhs', samples: 10 }, randomStream(8, 'design:lhs'));
    expect(a.unit).toEqual(b.unit);
    expect(a.unit).not.toEqual(c.unit);
  });

  it('morris: r trajectories of k+1 grid points, each step moves one factor by ±Δ, every factor once', () => {
    const k = 5;
    const r = 30;
    for (const p of [2, 4, 6]) {
      const d = morris.build(uniform(k), { type: 'morris', samples: r, levels: p }, randomStream(5, 'design:morris'));
      const delta = p / (2 * (p - 1));
      expect(d.structure).toEqual({ kind: 'morris', trajectories: r, levels: p, delta });
      expect(d.unit).toHaveLength(r * (k + 1));
      expect(d.groups).toHaveLength(r);
      for (const rows of d.groups) {
        expect(rows).toHaveLength(k + 1);
        const moved: number[] = [];
        for (let s = 0; s < k; s++) {
          const a = d.unit[rows[s]];
          const b = d.unit[rows[s + 1]];
          const changed = a.flatMap((x, i) => (x !== b[i] ? [i] : []));
          expect(changed).toHaveLength(1);
          expect(Math.abs(b[changed[0]] - a[changed[0]])).toBeCloseTo(delta, 12);
          moved.push(changed[0]);
        }
        expect(moved.sort()).toEqual(Array.from({ length: k }, (_, i) => i));
        for (const row of rows) {
          for (const u of d.unit[row]) {
            expect(u).toBeGreaterThanOrEqual(0);
            expect(u).toBeLessThanOrEqual(1);
            // on the grid {0, 1/(p−1), …, 1}
            expect(Math.abs(u * (p - 1) - Math.round(u * (p - 1)))).toBeLessThan(1e-12);
          }
        }
      }
      // Both directions occur.
      const steps = d.groups.flatMap((rows) => rows.slice(1).map((row, s) => d.unit[row].reduce((acc, x, i) => acc + x - d.unit[rows[s]][i], 0)));
      expect(steps.some((x) => x > 0) && steps.some((x) => x < 0)).toBe(true);
    }
  });

  it('sobol: rows A, B and AB_i = A with column i from B; A and B are independent Latin hypercubes', () => {
    const k = 3;
    const n = 16;
    const d = sobol.build(uniform(k), { type: 'sobol', samples: n }, randomStream(9, 'design:sobol'));
    expect(d.structure).toEqual({ kind: 'sobol', n });
    expect(d.unit).toHaveLength(n * (k + 2));
    const A = d.unit.slice(0, n);
    const B = d.unit.slice(n, 2 * n);
    for (let i = 0; i < k; i++) {
      const AB = d.unit.slice((2 + i) * n, (3 + i) * n);
      for (let j = 0; j < n; j++) {
        for (let c = 0; c < k; c++) expect(AB[j][c]).toBe(c === i ? B[j][c] : A[j][c]);
      }
    }
    for (const M of [A, B]) {
      for (let c = 0; c < k; c++) expect(M.map((row) => Math.floor(row[c] * n)).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, s) => s));
    }
    expect(A.some((row, j) => row.some((x, c) => x !== B[j][c]))).toBe(true);
    // A Saltelli row j runs together: A_j, B_j, AB_1j … AB_kj.
    expect(d.groups[3]).toEqual([3, n + 3, 2 * n + 3, 3 * n + 3, 4 * n + 3]);
  });
});

describe('factor domains', () => {
  it('map unit coordinates to ranges, levels, and distribution quantiles', () => {
    expect(valueAt({ kind: 'uniform', min: 2, max: 4 }, 0.25)).toBe(2.5);
    expect(valueAt({ kind: 'loguniform', min: 1, max: 100 }, 0.5)).toBeCloseTo(10, 12);
    expect([0, 0.3, 0.34, 0.99, 1].map((u) => valueAt({ kind: 'levels', levels: [5, 6, 7] }, u))).toEqual([5, 5, 6, 7, 7]);
    expect(valueAt({ kind: 'triangular', min: 0, mode: 1, max: 4 }, 0.25)).toBeCloseTo(1, 12);
    const normal: Domain = { kind: 'normal', mean: 1, sd: 0.5, min: 0, max: 3 };
    expect(valueAt(normal, 0)).toBeCloseTo(0, 12);
    expect(valueAt(normal, 1)).toBeCloseTo(3, 12);
    expect(valueAt({ kind: 'uniform', min: 0, max: 10 }, 0.44, true)).toBe(4);
  });

  it('normal CDF and quantile match reference values', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
    for (const p of [1e-9, 0.001, 0.025, 0.3, 0.5, 0.9, 0.999999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
  });
});

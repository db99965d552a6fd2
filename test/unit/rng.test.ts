import { describe, expect, it } from 'vitest';
import { RandomStream, streamKey } from '../../sim/core';
import { xoshiro128ss } from '../../sim/core/rng';

// The sequential random stream (Latin hypercubes, the standard benchmark): reproducible per key,
// independent between keys, and with the right distributions. The model's keyed draws: keyed.test.ts.

const take = (s: RandomStream, n: number) => Array.from({ length: n }, () => s.next());

describe('RandomStream', () => {
  it('the same key gives the same sequence (across block refills)', () => {
    const a = take(new RandomStream('waterbed:7:0:growers'), 3000);
    const b = take(new RandomStream('waterbed:7:0:growers'), 3000);
    expect(b).toEqual(a);
  });

  it('xoshiro128** gives the reference implementation’s numbers (state 1, 2, 3, 4) and advances its state', () => {
    const state = Int32Array.of(1, 2, 3, 4);
    const out = new Float64Array(4);
    xoshiro128ss(state, out);
    expect(Array.from(out, (u) => u * 2 ** 32)).toEqual([11520, 0, 5927040, 70819200]);
    const next = new Float64Array(2);
    xoshiro128ss(state, next);
    expect(next[0]).not.toBe(out[0]);
    for (const u of [...out, ...next]) expect(u >= 0 && u < 1).toBe(true);
  });

  it('seeds each key differently, and the same key alike', () => {
    const first = ['waterbed:1:0:a', 'waterbed:1:0:b', 'waterbed:1:1:a', 'waterbed:2:0:a'].map((key) => new RandomStream(key).next());
    expect(new Set(first).size).toBe(4);
    expect(new RandomStream('waterbed:1:0:a').next()).toBe(first[0]);
  });

  it('different names, replicates and seeds give different sequences', () => {
    const seqs = [
      take(new RandomStream(streamKey(1, 0, 'growers')), 50),
      take(new RandomStream(streamKey(1, 0, 'labs')), 50),
      take(new RandomStream(streamKey(1, 1, 'growers')), 50),
      take(new RandomStream(streamKey(2, 0, 'growers')), 50),
      take(new RandomStream(streamKey('1', 2, 'growers')), 50),
    ];
    for (let i = 0; i < seqs.length; i++) {
      for (let j = i + 1; j < seqs.length; j++) {
        const same = seqs[i].filter((x, n) => x === seqs[j][n]).length;
        expect(same, `sequences ${i} and ${j}`).toBeLessThan(2);
      }
    }
    expect(streamKey(1, 0, 'a')).not.toBe(streamKey(1, 1, 'a'));
  });

  it('uniforms lie in [0, 1) with mean ≈ 0.5 and variance ≈ 1/12', () => {
    const s = new RandomStream('uniform-test');
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let min = Infinity;
    let max = -Infinity;
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += u * u;
      if (u < min) min = u;
      if (u > max) max = u;
      bins[Math.floor(u * 10)]++;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    for (const b of bins) expect(Math.abs(b / n - 0.1)).toBeLessThan(0.005);
    expect(min).toBeLessThan(0.001);
    expect(max).toBeGreaterThan(0.999);
  });

  it('below(n) gives integers in [0, n)', () => {
    const s = new RandomStream('below-test');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(s.below(7));
    for (const k of seen) expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    expect(seen.size).toBe(7);
  });

  it('poisson has mean ≈ λ (and variance ≈ λ) for λ = 0.5, 5, 50', () => {
    for (const lambda of [0.5, 5, 50]) {
      const s = new RandomStream(`poisson-${lambda}`);
      const n = 100_000;
      let sum = 0;
      let sq = 0;
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const k = s.poisson(lambda);
        if (!(Number.isInteger(k) && k >= 0)) bad++;
        sum += k;
        sq += k * k;
      }
      expect(bad).toBe(0);
      const mean = sum / n;
      const variance = sq / n - mean * mean;
      // standard error of the mean is sqrt(λ/n); allow about 5 of them
      expect(Math.abs(mean - lambda), `λ = ${lambda}`).toBeLessThan(5 * Math.sqrt(lambda / n) + 1e-3);
      expect(Math.abs(variance / lambda - 1), `λ = ${lambda}`).toBeLessThan(0.05);
    }
    expect(new RandomStream('p0').poisson(0)).toBe(0);
    expect(new RandomStream('p0').poisson(-1)).toBe(0);
  });

  it('normal has mean ≈ 0 and variance ≈ 1', () => {
    const s = new RandomStream('normal-test');
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = s.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });
});

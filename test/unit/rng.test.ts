import { describe, expect, it } from 'vitest';
import { RandomStream, streamKey, Streams } from '../../sim/core';
import { xoshiro128ss } from '../../sim/core/rng';

// Named random streams: reproducible per (seed, replicate, name), independent between names, and
// with the right distributions.

const take = (s: RandomStream, n: number) => Array.from({ length: n }, () => s.next());

describe('RandomStream and Streams', () => {
  it('the same key gives the same sequence (across block refills)', () => {
    const a = take(new RandomStream('waterbed:7:0:growers'), 3000);
    const b = take(new RandomStream('waterbed:7:0:growers'), 3000);
    expect(b).toEqual(a);
    const s1 = new Streams(7, 0).get('growers');
    const s2 = new Streams(7, 0).get('growers');
    expect(take(s1, 2500)).toEqual(take(s2, 2500));
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

  it('Streams.get returns one stream per name, continuing where it left off', () => {
    const streams = new Streams(3, 1);
    const s = streams.get('labs');
    expect(streams.get('labs')).toBe(s);
    const first = take(s, 10);
    const fresh = new RandomStream(streamKey(3, 1, 'labs'));
    expect(take(fresh, 10)).toEqual(first);
    expect(take(streams.get('labs'), 10)).toEqual(take(fresh, 10));
  });

  it('drawing from one stream leaves another untouched (common random numbers)', () => {
    const a = new Streams(1, 0);
    const b = new Streams(1, 0);
    take(a.get('consumers'), 5000); // a uses another stream heavily first
    expect(take(a.get('sellers'), 100)).toEqual(take(b.get('sellers'), 100));
  });

  it('different names, replicates and seeds give different sequences', () => {
    const seqs = [
      take(new Streams(1, 0).get('growers'), 50),
      take(new Streams(1, 0).get('labs'), 50),
      take(new Streams(1, 1).get('growers'), 50),
      take(new Streams(2, 0).get('growers'), 50),
      take(new Streams('1', 2).get('growers'), 50),
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

  it('exponential has mean ≈ 1, and trialsUntil(p) is geometric on 1, 2, … with P(1) = p and mean 1/p', () => {
    const s = new RandomStream('waiting-times');
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += s.exponential();
    expect(Math.abs(sum / n - 1)).toBeLessThan(0.02);
    for (const p of [0.02, 0.3]) {
      let total = 0;
      let first = 0;
      for (let i = 0; i < n; i++) {
        const t = s.trialsUntil(p);
        expect(Number.isInteger(t) && t >= 1).toBe(true);
        total += t;
        if (t === 1) first++;
      }
      expect(Math.abs((total / n) * p - 1), `p = ${p}`).toBeLessThan(0.03);
      expect(Math.abs(first / n - p), `p = ${p}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    expect(s.trialsUntil(0)).toBe(0x7fffffff);
    expect(s.trialsUntil(1)).toBe(1);
  });

  it('a raid clock run down by weekly hazards fires with the weekly chance 1 − e^−hazard (the law of a weekly coin)', () => {
    const s = new RandomStream('raid-clock');
    const hazards = [0.05, 0.2, 0.01, 0.5];
    const n = 200_000;
    const firedIn = new Float64Array(hazards.length);
    for (let a = 0; a < n; a++) {
      let clock = s.exponential();
      for (let w = 0; w < hazards.length; w++) {
        if ((clock -= hazards[w]) <= 0) {
          firedIn[w]++;
          break;
        }
      }
    }
    let alive = n;
    for (let w = 0; w < hazards.length; w++) {
      const chance = 1 - Math.exp(-hazards[w]);
      expect(Math.abs(firedIn[w] / alive - chance), `week ${w}`).toBeLessThan(5 * Math.sqrt((chance * (1 - chance)) / alive));
      alive -= firedIn[w];
    }
  });
});

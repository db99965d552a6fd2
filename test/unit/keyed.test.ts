import { describe, expect, it } from 'vitest';
import { CHECK_BOUND, nextRaidCheck, raidCoin } from '../../sim/agents/draws';
import { KeyedStream, KeyedStreams, streamKey } from '../../sim/core';
import { GeometricTable, trialsFrom, weekKey } from '../../sim/core/keyed';

// The model's keyed draws: a uniform is a function of (stream key, id, week, purpose) alone (an id's
// 32-bit key, keyOf, then the week and purpose), so
// drawing in another order, or drawing other keys in between, changes nothing; uniforms are uniform
// and unrelated across neighbouring ids, weeks and purposes; and the derived laws hold.

const stream = (name = 'growers', seed = 7, replicate = 0) => new KeyedStream(streamKey(seed, replicate, name));

describe('KeyedStream', () => {
  it('a draw depends on its key alone: not on the order of draws or on other draws', () => {
    const a = stream();
    const b = stream();
    const keys = Array.from({ length: 500 }, (_, n) => [n * 7919, n % 13, n % 5] as const);
    const forward = keys.map(([id, tick, purpose]) => a.at(a.keyOf(id), tick, purpose));
    for (let n = 0; n < 10_000; n++) b.at(b.keyOf(n), 3, 1); // other draws first
    const backward = [...keys].reverse().map(([id, tick, purpose]) => b.at(b.keyOf(id), tick, purpose));
    expect(backward.reverse()).toEqual(forward);
  });

  it('each part of the key matters: seed, replicate, stream, id (also above 2^32), week and purpose', () => {
    const draw = (s: KeyedStream, id: number, tick: number, purpose: number) => s.at(s.keyOf(id), tick, purpose);
    const base = draw(stream(), 1, 10, 2);
    const others = [
      draw(stream('growers', 8), 1, 10, 2),
      draw(stream('growers', 7, 1), 1, 10, 2),
      draw(stream('labs'), 1, 10, 2),
      draw(stream(), 2, 10, 2),
      draw(stream(), 1 + 2 ** 32, 10, 2),
      draw(stream(), 1, 11, 2),
      draw(stream(), 1, -1, 2),
      draw(stream(), 1, 10, 3),
    ];
    for (const [n, u] of others.entries()) expect(u, `variant ${n}`).not.toBe(base);
    const streams = new KeyedStreams(7, 0);
    expect(streams.get('growers')).toBe(streams.get('growers'));
    expect(draw(streams.get('growers'), 1, 10, 2)).toBe(base);
  });

  it('uniforms in [0, 1) fill 64 bins evenly over ids, over weeks and over purposes (chi-square)', () => {
    const s = stream('uniformity');
    const n = 128_000;
    for (const vary of ['id', 'tick', 'purpose'] as const) {
      const bins = new Float64Array(64);
      for (let j = 0; j < n; j++) {
        const u = vary === 'id' ? s.at(s.keyOf(j), 5, 1) : vary === 'tick' ? s.at(s.keyOf(42), j, 1) : s.at(s.keyOf(42), 5, j);
        expect(u >= 0 && u < 1).toBe(true);
        bins[Math.floor(u * 64)]++;
      }
      const expected = n / 64;
      const chi2 = bins.reduce((sum, o) => sum + ((o - expected) * (o - expected)) / expected, 0);
      // 63 degrees of freedom: the 99.99th percentile is about 115
      expect(chi2, vary).toBeLessThan(115);
    }
  });

  it('neighbouring ids and weeks give unrelated uniforms (correlation ≈ 0, and no shared low bits)', () => {
    const s = stream('correlation');
    const n = 50_000;
    const corr = (x: Float64Array, y: Float64Array) => {
      let sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
      for (let j = 0; j < n; j++) {
        sx += x[j]; sy += y[j]; sxy += x[j] * y[j]; sxx += x[j] * x[j]; syy += y[j] * y[j];
      }
      return (sxy / n - (sx / n) * (sy / n)) / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
    };
    const here = new Float64Array(n), nextId = new Float64Array(n), nextWeek = new Float64Array(n), nextPurpose = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      here[j] = s.at(s.keyOf(j), 100, 3);
      nextId[j] = s.at(s.keyOf(j + 1), 100, 3);
      nextWeek[j] = s.at(s.keyOf(j), 101, 3);
      nextPurpose[j] = s.at(s.keyOf(j), 100, 4);
    }
    // the standard error of a correlation of independent samples is 1/√n ≈ 0.0045
    for (const [name, other] of [['id + 1', nextId], ['week + 1', nextWeek], ['purpose + 1', nextPurpose]] as const) {
      expect(Math.abs(corr(here, other)), name).toBeLessThan(0.02);
    }
    // the lowest bit of the 32-bit hash is a fair coin
    let odd = 0;
    for (let j = 0; j < n; j++) odd += Math.round(here[j] * 2 ** 32) & 1;
    expect(Math.abs(odd / n - 0.5)).toBeLessThan(0.01);
  });

  it('trialsUntil(p) is geometric on 1, 2, … with P(1) = p and mean 1/p', () => {
    const s = stream('waiting-times');
    const n = 100_000;
    for (const p of [0.02, 0.3]) {
      let total = 0;
      let first = 0;
      for (let j = 0; j < n; j++) {
        const t = s.trialsUntil(p, j, 0, 2);
        expect(Number.isInteger(t) && t >= 1).toBe(true);
        total += t;
        if (t === 1) first++;
      }
      expect(Math.abs((total / n) * p - 1), `p = ${p}`).toBeLessThan(0.03);
      expect(Math.abs(first / n - p), `p = ${p}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    expect(s.trialsUntil(0, 1, 0, 2)).toBe(0x7fffffff);
    expect(s.trialsUntil(1, 1, 0, 2)).toBe(1);
  });

  it('poisson has mean ≈ λ and variance ≈ λ (λ = 0.5, 5, 50), and for one key never falls as λ rises', () => {
    const s = stream('poisson');
    const n = 100_000;
    for (const lambda of [0.5, 5, 50]) {
      let sum = 0;
      let sq = 0;
      for (let j = 0; j < n; j++) {
        const k = s.poisson(lambda, j, 0, 1);
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        sum += k;
        sq += k * k;
      }
      const mean = sum / n;
      expect(Math.abs(mean - lambda), `λ = ${lambda}`).toBeLessThan(5 * Math.sqrt(lambda / n) + 1e-3);
      expect(Math.abs((sq / n - mean * mean) / lambda - 1), `λ = ${lambda}`).toBeLessThan(0.05);
    }
    // common random numbers: a slightly larger mean gives the same count or one more, for every key,
    // so the counts differ with chance E[b − a] = 0.04 only (independent draws would differ most of the time)
    let differ = 0;
    for (let j = 0; j < 20_000; j++) {
      const a = s.poisson(4, j, 0, 1);
      const b = s.poisson(4.04, j, 0, 1);
      expect(b === a || b === a + 1).toBe(true);
      if (b !== a) differ++;
    }
    expect(Math.abs(differ / 20_000 - 0.04)).toBeLessThan(0.01);
    expect(s.poisson(0, 1, 0, 1)).toBe(0);
    expect(s.poisson(-1, 1, 0, 1)).toBe(0);
  });

  it('poisson and trialsUntil give what plain inversion with Math.exp and Math.log gives, whatever was asked before', () => {
    const s = stream('inversion');
    /** Poisson by inversion of its distribution function, from p(0) = e^−λ, as defined. */
    const plainPoisson = (mean: number, key: number): number => {
      const u = s.at(key, 3, 1);
      let k = 0;
      let p = Math.exp(-mean);
      let cumulative = p;
      while (u >= cumulative && k < 1000) {
        k++;
        p *= mean / k;
        cumulative += p;
      }
      return k;
    };
    const means = [1e-9, 1e-4, 0.003, 0.05, 0.06, 0.5, 1, 2.5, 7, 29.5]; // (the inversion is for means up to 30)
    const chances = [0.02, 1 / 13, 0.5, 1e-6];
    let zeros = 0;
    for (let j = 0; j < 40_000; j++) {
      const mean = means[j % means.length] * (1 + (j % 7) * 1e-3);
      const k = s.poisson(mean, j, 3, 1);
      expect(k, `mean ${mean}, key ${j}`).toBe(plainPoisson(mean, j));
      if (k === 0) zeros++;
      // the chance changes from one call to the next, and back
      const chance = chances[j % chances.length];
      expect(s.trialsUntil(chance, j, 3, 2)).toBe(Math.min(0x7fffffff, Math.floor(Math.log(1 - s.at(j, 3, 2)) / Math.log(1 - chance)) + 1));
    }
    expect(zeros).toBeGreaterThan(20_000);
  });
});

describe('the raid coin (check weeks)', () => {
  it('is uniform over an actor\'s weeks: P(coin < p) = p below and above the check bound, in check weeks and out', () => {
    const s = stream('raid-coin');
    const below = [0.003, 0.02, 0.049];
    const above = [0.08, 0.3];
    const hits = new Float64Array(below.length + above.length);
    let weeks = 0;
    let checks = 0;
    for (let actor = 0; actor < 2000; actor++) {
      const key = s.keyOf(actor);
      let next = nextRaidCheck(weekKey(key, -1), -1);
      for (let t = 0; t < 200; t++) {
        const check = t >= next;
        if (check) {
          checks++;
          next = nextRaidCheck(weekKey(key, t), t);
        }
        const u = raidCoin(weekKey(key, t), check);
        expect(check ? u < CHECK_BOUND : u >= CHECK_BOUND).toBe(true);
        [...below, ...above].forEach((p, j) => {
          if (u < p) hits[j]++;
        });
        weeks++;
      }
    }
    expect(Math.abs(checks / weeks - CHECK_BOUND)).toBeLessThan(0.003);
    [...below, ...above].forEach((p, j) => expect(Math.abs(hits[j] / weeks - p), `p = ${p}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / weeks)));
  });
});

describe('the geometric table', () => {
  it('gives trialsFrom\'s count for every keyed uniform it is asked about: across [0, 1), at the foot of each step and next to it, and near 1', () => {
    for (const chance of [0.02, 0.1 / 52, 0.3, 0.9]) {
      const log = Math.log(1 - chance);
      const table = GeometricTable.of(log) as GeometricTable;
      const wrong: number[] = [];
      const at = (x: number) => {
        if (table.trials(x * 2 ** -32) !== trialsFrom(x * 2 ** -32, log)) wrong.push(x);
      };
      for (let x = 0; x < 2 ** 32; x += 104729) at(x);
      for (let x = 2 ** 32 - 3000; x < 2 ** 32; x++) at(x);
      // the feet: where the count steps up, u = 1 − (1 − chance)^(g − 1)
      for (let g = 2; g < 400; g++) {
        const x = Math.floor(-Math.expm1(log * (g - 1)) * 2 ** 32);
        for (let d = -2; d <= 2; d++) if (x + d >= 0 && x + d < 2 ** 32) at(x + d);
      }
      expect(wrong, `chance ${chance}`).toEqual([]);
    }
  });
});

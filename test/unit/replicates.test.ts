import { describe, expect, it } from 'vitest';
import { CONFIDENCE, meanInterval, meanIntervals, shareInterval, tQuantile975 } from '../../sim/metrics/replicates';

describe('tQuantile975', () => {
  it('is exact from the table for small df', () => {
    expect(tQuantile975(1)).toBe(12.706204736);
    expect(tQuantile975(2)).toBeCloseTo(4.30265273, 9);
    expect(tQuantile975(10)).toBeCloseTo(2.228138852, 9);
    expect(tQuantile975(30)).toBeCloseTo(2.042272456, 9);
  });

  it('matches scipy beyond the table (expansion)', () => {
    // scipy.stats.t.ppf(0.975, df)
    const reference: Array<[number, number]> = [
      [31, 2.039513446], [40, 2.02107539], [60, 2.000297822], [100, 1.983971519], [120, 1.979930405],
    ];
    for (const [df, t] of reference) expect(Math.abs(tQuantile975(df) - t)).toBeLessThan(1e-7);
    expect(tQuantile975(1e9)).toBeCloseTo(1.959963985, 8);
  });

  it('decreases with df and rejects bad df', () => {
    for (let df = 1; df < 200; df++) expect(tQuantile975(df + 1)).toBeLessThan(tQuantile975(df));
    expect(() => tQuantile975(0)).toThrow(RangeError);
    expect(() => tQuantile975(2.5)).toThrow(RangeError);
    expect(CONFIDENCE).toBe(0.95);
  });
});

describe('meanInterval', () => {
  it('gives the Student t interval of the mean (scipy reference values)', () => {
    const a = meanInterval([1, 2, 3, 4, 5]);
    expect(a.mean).toBe(3);
    expect(a.lo).toBeCloseTo(1.0367568385224428, 9);
    expect(a.hi).toBeCloseTo(4.963243161477557, 9);

    const b = meanInterval(new Float64Array([2.5, -1.0, 4.0]));
    expect(b.mean).toBeCloseTo(1.8333333333333333, 12);
    expect(b.lo).toBeCloseTo(-4.540468995367808, 8);
    expect(b.hi).toBeCloseTo(8.207135662034474, 8);

    const c = meanInterval([10, 12]);
    expect(c.mean).toBe(11);
    expect(c.lo).toBeCloseTo(-1.7062047361746941, 8);
    expect(c.hi).toBeCloseTo(23.706204736174694, 8);
  });

  it('collapses to the mean for one replicate and for identical values', () => {
    expect(meanInterval([7.25])).toEqual({ mean: 7.25, lo: 7.25, hi: 7.25 });
    expect(meanInterval([4, 4, 4, 4])).toEqual({ mean: 4, lo: 4, hi: 4 });
  });

  it('is deterministic and symmetric around the mean', () => {
    const xs = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 1000 + i / 7);
    const first = meanInterval(xs);
    const second = meanInterval(Float64Array.from(xs));
    expect(second).toEqual(first);
    expect(first.hi - first.mean).toBeCloseTo(first.mean - first.lo, 9);
  });

  it('throws on no values', () => {
    expect(() => meanInterval([])).toThrow(RangeError);
  });
});

describe('meanIntervals', () => {
  it('gives meanInterval of every position, bit for bit, for 1 to 40 replicates', () => {
    let state = 2024;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // Months as the series have them: zero in every replicate, zero in some, −0, tiny and large values.
    const month = (i: number, r: number) => (i % 5 === 0 ? 0 : i % 5 === 1 && r % 2 === 0 ? 0 : i % 17 === 0 ? -0 : (next() - 0.2) * 10 ** ((i % 9) - 3));
    for (const n of [1, 2, 3, 10, 31, 40]) {
      const length = 200;
      const perReplicate = Array.from({ length: n }, (_, r) => Float64Array.from({ length }, (_, i) => month(i, r)));
      const { mean, lo, hi } = meanIntervals(perReplicate, length);
      for (let i = 0; i < length; i++) {
        const one = meanInterval(perReplicate.map((values) => values[i]));
        expect([Object.is(mean[i], one.mean), Object.is(lo[i], one.lo), Object.is(hi[i], one.hi)]).toEqual([true, true, true]);
      }
    }
    expect(() => meanIntervals([], 3)).toThrow(RangeError);
  });
});

describe('shareInterval (Wilson score, 95%)', () => {
  it('matches statsmodels proportion_confint(method="wilson")', () => {
    const a = shareInterval(15, 20);
    expect(a.share).toBe(0.75);
    expect(a.lo).toBeCloseTo(0.53131, 4);
    expect(a.hi).toBeCloseTo(0.88814, 4);
    // at the edges it stays inside [0, 1] and is not degenerate
    expect(shareInterval(20, 20).lo).toBeCloseTo(20 / (20 + 1.959963984540054 ** 2), 10);
    expect(shareInterval(20, 20).hi).toBe(1);
    expect(shareInterval(0, 30).lo).toBe(0);
    expect(shareInterval(0, 30).hi).toBeCloseTo(0.11351, 4);
  });

  it('rejects counts that are not a share', () => {
    expect(() => shareInterval(3, 2)).toThrow(/0 ≤ k ≤ n/);
    expect(() => shareInterval(1, 0)).toThrow(/n ≥ 1/);
    expect(() => shareInterval(0.5, 2)).toThrow(/whole numbers/);
  });
});

import { describe, expect, it } from 'vitest';
import { maxOf, niceCeiling, significant, sqrtTicks } from '../../viz/scales';

// Scales of the report's charts: rounding, round tops, legend ticks.

describe('significant', () => {
  it('rounds to significant digits without -0', () => {
    expect(significant(123456, 3)).toBe(123000);
    expect(significant(0.0012345, 3)).toBe(0.00123);
    expect(significant(-0.00001, 1)).toBe(-0.00001);
    expect(Object.is(significant(-0, 3), 0)).toBe(true);
    expect(significant(Infinity, 3)).toBe(Infinity);
  });
});

describe('niceCeiling', () => {
  it('gives 1, 2, 2.5 or 5 × 10^k at or above the maximum', () => {
    expect(niceCeiling(0)).toBe(0);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(1.01)).toBe(2);
    expect(niceCeiling(2.3)).toBe(2.5);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(7300)).toBe(10000);
    expect(niceCeiling(0.042)).toBe(0.05);
    expect(niceCeiling(NaN)).toBe(0);
  });
});

describe('maxOf', () => {
  it('is the largest finite value, 0 when there is none', () => {
    expect(maxOf([[1, 5], [3, NaN, Infinity]])).toBe(5);
    expect(maxOf([])).toBe(0);
    expect(maxOf([[-3]])).toBe(0);
  });
});

describe('sqrtTicks', () => {
  it('spaces ticks evenly in colour on a square-root scale, ending at the top', () => {
    expect(sqrtTicks(100, 4)).toEqual([0, 6.3, 25, 56, 100]);
    expect(sqrtTicks(50000, 4)).toEqual([0, 3100, 13000, 28000, 50000]);
    expect(sqrtTicks(0, 4)).toEqual([0]);
  });

  it('never repeats a tick', () => {
    const t = sqrtTicks(1, 10);
    expect(new Set(t).size).toBe(t.length);
    expect(t[t.length - 1]).toBe(1);
  });
});

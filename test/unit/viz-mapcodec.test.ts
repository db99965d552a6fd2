import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CODE_TOP, decodeMonthly, encodeMonthly } from '../../viz/mapCodec';

// The map's compact monthly values: two characters a month, decoded in the page by map-codec.js.

/** The page's decoder, run as the browser runs it (a script that sets window.WB.decodeMonthly). */
function pageDecoder(): (series: [number, string] | 0, length: number) => Float64Array {
  const window: { WB?: { decodeMonthly: (series: [number, string] | 0, length: number) => Float64Array } } = {};
  vm.runInNewContext(fs.readFileSync(path.resolve(__dirname, '../../viz/page/map-codec.js'), 'utf8'), { window });
  return window.WB!.decodeMonthly;
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('map codec', () => {
  it('writes two URL-safe characters a month and keeps zeros and the largest value exact', () => {
    const values = [0, 1, 2.5, 1000, 37.2, 0];
    const enc = encodeMonthly(values);
    expect(enc).not.toBe(0);
    const [scale, codes] = enc as [number, string];
    expect(scale).toBe(1000);
    expect(codes).toHaveLength(12);
    expect(codes).toMatch(/^[A-Za-z0-9_-]+$/);
    const dec = decodeMonthly(enc, values.length);
    expect(dec[0]).toBe(0);
    expect(dec[5]).toBe(0);
    expect(dec[3]).toBe(1000);
  });

  it('keeps 3 significant digits down to 1/100 of the largest value and 2 down to 1/10,000', () => {
    const values = Array.from({ length: 400 }, (_, i) => 10 ** (-4 + (i / 399) * 4) * 123.4);
    const dec = decodeMonthly(encodeMonthly(values), values.length);
    values.forEach((v, i) => {
      if (v >= 1.234) expect(relErr(dec[i], v)).toBeLessThan(0.0025);
      expect(relErr(dec[i], v)).toBeLessThan(0.025);
    });
  });

  it('gives 0 for a series that is zero throughout, and counts NA and negative values as 0', () => {
    expect(encodeMonthly([0, 0, 0])).toBe(0);
    expect(encodeMonthly([])).toBe(0);
    expect(decodeMonthly(0, 3)).toEqual([0, 0, 0]);
    expect(decodeMonthly(encodeMonthly([NaN, -3, 4]), 3)).toEqual([0, 0, 4]);
  });

  it('decodes in the page exactly as here', () => {
    const page = pageDecoder();
    const values = Array.from({ length: 372 }, (_, i) => (i % 7 === 0 ? 0 : Math.abs(Math.sin(i)) * 5000));
    const enc = encodeMonthly(values);
    expect([...page(enc, 372)]).toEqual(decodeMonthly(enc, 372));
    expect([...page(0, 4)]).toEqual([0, 0, 0, 0]);
    // every level decodes: the alphabets agree
    const levels = Array.from({ length: CODE_TOP + 1 }, (_, q) => (q / CODE_TOP) ** 2);
    expect([...page(encodeMonthly(levels), levels.length)]).toEqual(decodeMonthly(encodeMonthly(levels), levels.length));
  });
});

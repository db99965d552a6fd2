import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cos, LogPerCell, pow, sin } from '../../sim/core/math';

// sim/core/math.ts: sin, cos and pow that give the same bits on every JavaScript engine (the
// explorer in Chromium and the CLI in Node write the same numbers). Against the engine's own Math,
// which is within an ulp of the true value: these must be too.

/** The distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

function* samples(n: number, scale: number, shift = 0): Generator<number> {
  let s = 42;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    yield (s / 2147483648) * scale + shift;
  }
}

describe('deterministic sin, cos and pow', () => {
  it('are within one ulp of Math.sin and Math.cos over the arguments the model uses and beyond', () => {
    let worst = 0;
    for (const x of [...samples(20000, 2 * Math.PI), ...samples(20000, 0.1, -0.05), ...samples(20000, 2000, -1000)]) {
      for (const [mine, theirs] of [[sin(x), Math.sin(x)], [cos(x), Math.cos(x)]]) {
        // Near a zero of the function an ulp is tiny; there the absolute error is what matters.
        const d = Math.abs(theirs) < 1e-3 ? Math.abs(mine - theirs) / Number.EPSILON : ulps(mine, theirs);
        worst = Math.max(worst, d);
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('give the exact values at the points where they are known', () => {
    expect([sin(0), cos(0), sin(-0)]).toEqual([0, 1, -0]);
    expect(sin(Math.PI / 2)).toBe(1);
    expect(cos(Math.PI)).toBe(-1);
    expect(sin(Math.PI / 6)).toBeCloseTo(0.5, 15);
    expect([sin(NaN), cos(Infinity)]).toEqual([NaN, NaN]);
    expect(() => sin(1e7)).toThrow(RangeError);
  });

  it('pow agrees with Math.pow to a few dozen ulps (10^-14) for price ratios to an elasticity and growth over decades', () => {
    const worst = (bases: number[], exponents: number[]) => Math.max(...bases.map((x, i) => ulps(pow(x, exponents[i]), Math.pow(x, exponents[i]))));
    // A price ratio to an elasticity, and growth over whole years.
    expect(worst([...samples(5000, 3, 0.05)], [...samples(5000, 4, -2)])).toBeLessThanOrEqual(8);
    expect(worst([...samples(5000, 0.3, 0.9)], [...samples(5000, 61, -30)].map(Math.round))).toBeLessThanOrEqual(32);
    expect([pow(2, 10), pow(0, 2), pow(0, -1), pow(5, 0), pow(0, 0), pow(1, 1e9)]).toEqual([1024, 0, Infinity, 1, 1, 1]);
    expect(() => pow(-2, 0.5)).toThrow(RangeError);
  });

  it('are what the model uses: no Math.pow, Math.sin, Math.cos, Math.tan or ** of a variable in the model layers', () => {
    const root = path.resolve(__dirname, '../../sim');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const offending = ['core', 'world', 'behaviour', 'policies', 'agents', 'engine', 'metrics', 'params']
      .flatMap((d) => files(path.join(root, d)))
      .filter((f) => !f.endsWith(path.join('core', 'math.ts')))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          // Comments out, line breaks kept, so that line numbers stay right.
          .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
          .split('\n')
          .map((line, i) => [line.replace(/\/\/.*$/, ''), i + 1] as const)
          // ** between two operands, but for a power of two with a constant exponent, which is exact on every engine.
          .filter(([code]) => /Math\.(pow|sin|cos|tan)\b/.test(code) || /[\w)\]]\s*\*\*\s*[\w(]/.test(code.replace(/\b2 \*\* \d+/g, '')))
          .map(([, n]) => `${path.relative(root, f)}:${n}`),
      );
    expect(offending).toEqual([]);
  });
});

describe('LogPerCell', () => {
  it('is Math.log of what each cell was last asked about, whatever the other cells were asked', () => {
    const logs = new LogPerCell(3);
    const xs = [2, 2, 0.5, 2, 0, 0, 1e-300, Infinity, NaN, 3, 3, -1, 7];
    xs.forEach((x, j) => {
      const cell = j % 3;
      expect(Object.is(logs.of(cell, x), Math.log(x)), `cell ${cell}, x ${x}`).toBe(true);
      expect(Object.is(logs.of(cell, x), Math.log(x))).toBe(true);
    });
  });
});

// Numbers as the output files write them: 6 significant digits, the same text on every platform.
// Pure (no file is written here), so the explorer rounds the series as series.parquet stores them.

/** Exact powers of ten (every one up to 1e22 is exactly representable). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * A number as up to 6 significant digits without exponent for ordinary magnitudes (1e-6 ≤ |x| < 1e21),
 * trailing zeros dropped, `0` for zero and negative zero (never `-0`), an empty field
 * (NA) for NaN and `Inf`/`-Inf` for infinities. Only IEEE arithmetic and exactly specified
 * conversions are used (no Math.log10), so the text is the same on every platform.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  const rounded = roundSignificant(x);
  return rounded === 0 ? '0' : String(rounded);
}

/**
 * x rounded to 6 significant digits: the number whose shortest decimal text formatNumber writes
 * (series.parquet stores these). NaN and infinities are returned as they are.
 */
export function roundSignificant(x: number): number {
  // Zero (a fifth of the series' numbers) is zero, and −0 is 0, as toPrecision below would make them.
  if (x === 0) return 0;
  const ax = Math.abs(x);
  // Fast path for the common range (the series have millions of numbers): scale to six digits before
  // the point, round, and scale back by an exact power of ten; the result's shortest decimal is
  // those digits without trailing zeros. Scaling can be off by one rounding step, which matters
  // only next to a .5 tie: those few go the exact way below.
  if (ax >= 1e-6 && ax < 1e15) {
    if (ax >= 1e5) {
      let e = 5;
      while (ax >= POW10[e + 1]) e++;
      const step = POW10[e - 5];
      const scaled = ax / step;
      if (!nearTie(scaled)) return (x < 0 ? -1 : 1) * (Math.round(scaled) * step);
    } else {
      let d = 0;
      while (ax * POW10[d] < 1e5) d++;
      const scaled = ax * POW10[d];
      if (!nearTie(scaled)) {
        const digits = Math.round(scaled);
        return (x < 0 ? -digits : digits) / POW10[d];
      }
    }
  }
  // Elsewhere (and for NaN and infinities): toPrecision is exactly specified by ECMAScript.
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** Whether a value in [1e5, 1e6] is so close to n + 0.5 that one rounding error could flip its rounding. */
function nearTie(scaled: number): boolean {
  return Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6;
}

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
  return roundToDigits(x, 6);
}

/** The largest number of digits roundToDigits rounds by arithmetic; beyond it, one rounding error could flip a digit unseen. */
const FAST_DIGITS = 6;

/**
 * x rounded to `digits` significant digits: exactly Number(x.toPrecision(digits)), but zero is 0
 * (never −0). Up to 6 digits, ordinary magnitudes are rounded by arithmetic rather than through
 * text: the report rounds hundreds of thousands of numbers.
 */
export function roundToDigits(x: number, digits: number): number {
  // Zero (a fifth of the series' numbers) is zero, and −0 is 0, as toPrecision would make them.
  if (x === 0) return 0;
  const ax = Math.abs(x);
  // Fast path for the common range: scale to `digits` digits before the point, round, and scale back
  // by an exact power of ten; the result's shortest decimal is those digits without trailing
  // zeros. Scaling can be off by one rounding step, which matters only next to a .5 tie: those few
  // go the exact way below.
  if (ax >= 1e-6 && ax < 1e15 && digits >= 1 && digits <= FAST_DIGITS && Number.isInteger(digits)) {
    const low = POW10[digits - 1];
    if (ax >= low) {
      let e = digits - 1;
      while (ax >= POW10[e + 1]) e++;
      const step = POW10[e - digits + 1];
      const scaled = ax / step;
      if (!nearTie(scaled)) return (x < 0 ? -1 : 1) * (Math.round(scaled) * step);
    } else {
      let d = 0;
      while (ax * POW10[d] < low) d++;
      const scaled = ax * POW10[d];
      if (!nearTie(scaled)) {
        const rounded = Math.round(scaled);
        return (x < 0 ? -rounded : rounded) / POW10[d];
      }
    }
  }
  // Elsewhere (and for NaN and infinities): toPrecision is exactly specified by ECMAScript.
  return Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;
}

/** Whether a value below 1e6 is so close to n + 0.5 that one rounding error could flip its rounding. */
function nearTie(scaled: number): boolean {
  return Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6;
}

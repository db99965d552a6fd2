import { roundToDigits } from '../sim/io/numbers';

// Number rounding and scale domains the report's charts share. Domains are fixed over the whole run
// (not per frame) so that a colour or a height means the same thing in every month of the animation.

/**
 * `x` rounded to `digits` significant digits (as toPrecision rounds, never −0): the report shows 3–4
 * digits, and shorter numbers keep the file small.
 */
export function significant(x: number, digits: number): number {
  return roundToDigits(x, digits);
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `max` (0 stays 0): a round top for an axis or a legend. */
export function niceCeiling(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 0;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const top = m * power;
    if (top >= max * (1 - 1e-12)) return significant(top, 12);
  }
  return 10 * power;
}

/** Largest finite value over arrays of numbers (0 when there is none). */
export function maxOf(arrays: Iterable<ArrayLike<number>>): number {
  let max = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && a[i] > max) max = a[i];
  return max;
}

/**
 * Legend ticks for a square-root colour scale from 0 to `top`: evenly spaced in colour, so at
 * top × (k / count)², rounded to 2 significant digits. The map uses a square-root scale because a few
 * large districts (the ports, the cities) would otherwise leave all others in the palest colour.
 */
export function sqrtTicks(top: number, count: number): number[] {
  if (!(top > 0) || count < 1) return [0];
  const out = [0];
  for (let k = 1; k <= count; k++) {
    const t = k === count ? top : significant(top * (k / count) ** 2, 2);
    if (t > out[out.length - 1]) out.push(t);
  }
  return out;
}

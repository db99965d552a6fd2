// The map's monthly values travel in the page as text, two characters a month, so that the default
// job (372 months × ~800 district series) animates month by month and the report stays small. A
// district series is [scale, codes]: `scale` is its largest value, and each month is a level q from
// 0 to 4095 written as two base-64 digits (URL alphabet: no character needs escaping in JSON or
// HTML), standing for scale × (q / 4095)². Levels on the square root follow the map's square-root
// colour scale: the relative error is about 1/q, so values keep 3 significant digits down to 1/100
// of the district's largest month and 2 down to 1/10,000; zero stays exactly zero. The page decodes
// with WB.decodeMonthly (viz/page/map-codec.js).

export const CODE_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** the top level: two base-64 digits hold 64² levels, 0 … 4095 */
export const CODE_TOP = CODE_DIGITS.length * CODE_DIGITS.length - 1;
const DIGIT_BYTES = Uint8Array.from(CODE_DIGITS, (c) => c.charCodeAt(0));
const ASCII = new TextDecoder('ascii');

/** A series of values ≥ 0 (NA and negative values count as 0); 0 when it is zero throughout. */
export function encodeMonthly(values: ArrayLike<number>): [number, string] | 0 {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && values[i] > max) max = values[i];
  if (max === 0) return 0;
  // The digits as bytes, made text at once: a string grown two characters at a time is a chain of
  // hundreds of pieces per series, which the report's ~800 series made the bulk of its garbage.
  const codes = new Uint8Array(2 * values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Number.isFinite(values[i]) && values[i] > 0 ? values[i] : 0;
    const q = Math.min(CODE_TOP, Math.round(CODE_TOP * Math.sqrt(v / max)));
    codes[2 * i] = DIGIT_BYTES[Math.floor(q / CODE_DIGITS.length)];
    codes[2 * i + 1] = DIGIT_BYTES[q % CODE_DIGITS.length];
  }
  // The scale in full: it is one number per series, and the largest month decodes exactly.
  return [max, ASCII.decode(codes)];
}

/** The inverse, as the page does it (viz/page/map-codec.js; a unit test holds the two together). */
export function decodeMonthly(series: [number, string] | 0, length: number): number[] {
  if (series === 0) return new Array<number>(length).fill(0);
  const [scale, codes] = series;
  const out: number[] = [];
  for (let i = 0; i < codes.length; i += 2) {
    const q = CODE_DIGITS.indexOf(codes[i]) * CODE_DIGITS.length + CODE_DIGITS.indexOf(codes[i + 1]);
    out.push(scale * (q / CODE_TOP) ** 2);
  }
  return out;
}

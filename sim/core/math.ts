// sin, cos and pow computed by the same JavaScript on every engine. V8's Math.sin, Math.cos and
// Math.pow differ between versions in the last bit of about one result in ten (Node 20's V8 and
// Chromium's, measured), and a last bit is enough to make a replicate's sums differ, so the
// explorer in a browser and the CLI in Node would write different numbers for the same seed. These
// use only IEEE arithmetic (correctly rounded everywhere) and Math.exp and Math.log, which V8 takes
// from fdlibm in every version (as Math.asin, Math.atan2, Math.log1p and Math.expm1: these agreed
// on every one of 200,000 arguments each, where sin, cos and pow did not). sin and cos are FreeBSD msun's (fdlibm): kernels on [-π/4, π/4]
// after a Cody–Waite reduction by π/2, accurate to under one ulp.
// Below them, for hot loops: a bracket of e^x without Math.exp, and logarithms kept per cell.

const view = new DataView(new ArrayBuffer(8));
/** The high 32 bits of a double (sign, exponent, top of the mantissa). */
function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(0);
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** sin(x + y) for |x + y| ≤ π/4, y the tail of x (iy = 0: no tail). */
function kernelSin(x: number, y: number, iy: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** cos(x + y) for |x + y| ≤ π/4, y the tail of x. */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;
const PIO4 = 7.85398163397448278999e-1;
/** Beyond this the three-part reduction loses accuracy (fdlibm's medium case ends at 2^20·π/2). */
const REDUCIBLE = 1.6470993291652855e6;

/** x − n·π/2 as a head and tail, and n: fdlibm's __ieee754_rem_pio2, medium case. */
function reduce(x: number, out: Float64Array): number {
  const fn = Math.round(x * INV_PIO2);
  let r = x - fn * PIO2_1;
  let w = fn * PIO2_1T;
  const j = (highWord(x) >>> 20) & 0x7ff;
  let y0 = r - w;
  if (j - ((highWord(y0) >>> 20) & 0x7ff) > 16) {
    // Cancellation: a second round, good to 118 bits.
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    y0 = r - w;
    if (j - ((highWord(y0) >>> 20) & 0x7ff) > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      y0 = r - w;
    }
  }
  out[0] = y0;
  out[1] = r - y0 - w;
  return fn;
}

const parts = new Float64Array(2);

function reduced(x: number): number {
  if (!(Math.abs(x) < REDUCIBLE)) {
    if (Number.isNaN(x) || !Number.isFinite(x)) return NaN;
    throw new RangeError(`sin/cos of ${x}: beyond the range these compute exactly (|x| < ${REDUCIBLE})`);
  }
  return reduce(x, parts);
}

/** Below this sin x is x (fdlibm: 2^-27), which also keeps the sign of −0. */
const TINY = 7.450580596923828e-9;

export function sin(x: number): number {
  if (Math.abs(x) < TINY) return x;
  if (Math.abs(x) <= PIO4) return kernelSin(x, 0, 0);
  const n = reduced(x);
  if (Number.isNaN(n)) return NaN;
  switch (((n % 4) + 4) % 4) {
    case 0:
      return kernelSin(parts[0], parts[1], 1);
    case 1:
      return kernelCos(parts[0], parts[1]);
    case 2:
      return -kernelSin(parts[0], parts[1], 1);
    default:
      return -kernelCos(parts[0], parts[1]);
  }
}

export function cos(x: number): number {
  if (Math.abs(x) <= PIO4) return kernelCos(x, 0);
  const n = reduced(x);
  if (Number.isNaN(n)) return NaN;
  switch (((n % 4) + 4) % 4) {
    case 0:
      return kernelCos(parts[0], parts[1]);
    case 1:
      return -kernelSin(parts[0], parts[1], 1);
    case 2:
      return -kernelCos(parts[0], parts[1]);
    default:
      return kernelSin(parts[0], parts[1], 1);
  }
}

/**
 * x to the power y for x ≥ 0: by repeated squaring for a whole exponent (growth over whole years),
 * as exp(y·ln x) otherwise (a price ratio to an elasticity): within 10^-14 of Math.pow, relatively,
 * for the model's arguments. A negative base is not a quantity the model raises to a power.
 */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x === 1) return 1;
  if (!(x > 0)) {
    if (Number.isNaN(x)) return NaN;
    throw new RangeError(`pow(${x}, ${y}): expected a base of 0 or more`);
  }
  if (Number.isInteger(y) && Math.abs(y) <= 1024) {
    let result = 1;
    let base = x;
    for (let n = Math.abs(y); n > 0; n = Math.floor(n / 2)) {
      if (n % 2 === 1) result *= base;
      base *= base;
    }
    return y > 0 ? result : 1 / result;
  }
  return Math.exp(y * Math.log(x));
}

/**
 * ln x for each of a fixed number of cells, worked out again only when a cell's x differs from the
 * last one it was asked about: for weekly figures that most weeks stay as they were (a district's
 * sellers, the shops open), where a logarithm a week and cell was a cost of its own.
 */
export class LogPerCell {
  private readonly x: Float64Array;
  private readonly lnX: Float64Array;

  constructor(cells: number) {
    this.x = new Float64Array(cells).fill(NaN);
    this.lnX = new Float64Array(cells).fill(NaN);
  }

  /** Math.log(x), for cell `cell`. */
  of(cell: number, x: number): number {
    if (x !== this.x[cell]) {
      this.x[cell] = x;
      this.lnX[cell] = Math.log(x);
    }
    return this.lnX[cell];
  }
}

// A bracket of e^x without Math.exp, for the keyed choices (sim/behaviour/choice.ts) and Poisson draws
// (sim/core/keyed.ts) that need only to know on which side of e^x a number lies, most of the time.

/** 2^j for |j| ≤ 1000 (exact: products of 2), at j + 1000 */
const POWERS_OF_TWO = Float64Array.from({ length: 2001 }, (_, at) => {
  let p = 1;
  for (let j = 0; j < Math.abs(at - 1000); j++) p *= 2;
  return at < 1000 ? 1 / p : p;
});
/**
 * Math.exp(x) lies between EXP_BRACKET_BOTTOM and EXP_BRACKET_TOP times expBracket(x): 2^f is at least
 * 0.94213 of its chord 1 + f on [0, 1], and the margins are far wider than the roundings of x log2 e
 * (at most 2^−43 relative for |x log2 e| < 1000), of the bracket and of Math.exp (under one ulp).
 */
export const EXP_BRACKET_BOTTOM = 0.942;
export const EXP_BRACKET_TOP = 1 + 1e-12;

/**
 * Within a few per cent of e^x (see EXP_BRACKET_BOTTOM), without Math.exp where |x| < 693: e^x =
 * 2^(x log2 e) = 2^j × 2^f with j whole and f in [0, 1), and 2^f ≈ 1 + f, the chord above it.
 */
export function expBracket(x: number): number {
  const y = x * Math.LOG2E;
  if (!(y > -1000 && y < 1000)) return Math.exp(x);
  const j = Math.floor(y);
  return (1 + (y - j)) * POWERS_OF_TWO[j + 1000];
}

// What values a factor takes, and the map from a design's unit coordinate u in [0, 1] to a value.
// Designs work in the unit cube; every factor says how u becomes a value, so one design serves
// ranges, level lists and distributions alike (u is the quantile of the factor's distribution).

export type Domain =
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'loguniform'; min: number; max: number }
  | { kind: 'levels'; levels: number[] }
  /** normal with mean and sd, truncated to [min, max] (the parameter's range unless narrower) */
  | { kind: 'normal'; mean: number; sd: number; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number };

/** The value at unit coordinate u (0 ≤ u ≤ 1); `integer` rounds to a whole number. */
export function valueAt(domain: Domain, u: number, integer = false): number {
  const x = rawValueAt(domain, Math.min(1, Math.max(0, u)));
  return integer ? Math.round(x) : x;
}

function rawValueAt(d: Domain, u: number): number {
  switch (d.kind) {
    case 'uniform':
      return d.min + u * (d.max - d.min);
    case 'loguniform':
      return Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)));
    case 'levels':
      // floor(u·L) puts an equal share of [0, 1) on each level; u = 1 belongs to the last one.
      return d.levels[Math.min(d.levels.length - 1, Math.floor(u * d.levels.length))];
    case 'normal': {
      const lo = normalCdf((d.min - d.mean) / d.sd);
      const hi = normalCdf((d.max - d.mean) / d.sd);
      const x = d.mean + d.sd * normalQuantile(lo + u * (hi - lo));
      // The quantile of 0 or 1 is infinite; the truncation bounds are where those go.
      return Math.min(d.max, Math.max(d.min, x));
    }
    case 'triangular': {
      const { min, mode, max } = d;
      const split = (mode - min) / (max - min);
      return u < split
        ? min + Math.sqrt(u * (max - min) * (mode - min))
        : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }
  }
}

/** The smallest and largest value a domain can give, for checks against a parameter's range. */
export function domainBounds(d: Domain): [number, number] {
  if (d.kind === 'levels') return [Math.min(...d.levels), Math.max(...d.levels)];
  return [d.min, d.max];
}

/** Standard normal CDF through erfc. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' Chebyshev fit (erfccheb), accurate to about 1.2e-16 relative; enough here.
  const ax = Math.abs(x);
  const t = 2 / (2 + ax);
  const ty = 4 * t - 2;
  const cof = [
    -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4,
    3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6,
    1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10,
    9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15,
    -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
  ];
  let d = 0;
  let dd = 0;
  for (let j = cof.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + cof[j];
    dd = tmp;
  }
  const r = t * Math.exp(-ax * ax + 0.5 * (cof[0] + ty * d) - dd);
  return x >= 0 ? r : 2 - r;
}

/**
 * Standard normal quantile: Acklam's rational approximation (relative error < 1.2e-9) refined by
 * one Halley step on normalCdf, which brings it to about machine precision.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

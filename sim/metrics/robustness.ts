import type { RandomStream } from '../core/rng';
import type { ParameterValue } from '../core/types';
import type { Catalog, ParameterSpec } from '../params/catalog';

// Robustness of a result to its uncertain parameters: Latin-hypercube points of ±spread around the
// default of every parameter marked `uncertain` in the catalogue (docs/ODD.md's table).

/** n points in [0,1)^dims, each dimension stratified into n equal bins with one point per bin. */
export function latinHypercube(n: number, dims: number, rng: RandomStream): Float64Array[] {
  const points = Array.from({ length: n }, () => new Float64Array(dims));
  for (let d = 0; d < dims; d++) {
    const bins = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.below(i + 1);
      [bins[i], bins[j]] = [bins[j], bins[i]];
    }
    for (let i = 0; i < n; i++) points[i][d] = (bins[i] + rng.next()) / n;
  }
  return points;
}

export function uncertainParameters(catalog: Catalog): ParameterSpec[] {
  return [...catalog.values()].filter((s) => s.uncertain);
}

/**
 * The parameters at one point: each uncertain parameter's value (for a per-district one, every
 * district's value) times 1 + spread × (2u − 1), kept within the parameter's plausible range.
 */
export function perturb(
  base: Record<string, ParameterValue>,
  specs: readonly ParameterSpec[],
  point: ArrayLike<number>,
  spread: number,
): Record<string, ParameterValue> {
  const out = { ...base };
  specs.forEach((spec, d) => {
    const factor = 1 + spread * (2 * point[d] - 1);
    const scale = (v: number) => {
      const x = Math.min(spec.range[1], Math.max(spec.range[0], v * factor));
      return spec.integer ? Math.round(x) : x;
    };
    const v = base[spec.path];
    out[spec.path] = Array.isArray(v) ? v.map(scale) : scale(v);
  });
  return out;
}

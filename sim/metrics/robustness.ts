import type { ParameterValue } from '../core/types';
import type { Catalog, ParameterSpec } from '../params/catalog';

// Robustness of a result to its uncertain parameters: Latin-hypercube points (latinHypercube.ts) of
// ±spread around the default of every parameter marked `uncertain` in the catalogue (docs/ODD.md's table).

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

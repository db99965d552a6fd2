import type { ParameterValue } from '../core/types';

// The parameter catalogue: every model parameter with its default, unit, plausible range and source.
// It is data (sim/params/parameters.yaml); this module only turns the parsed tree into specs and
// resolves overrides, so the same code serves the CLI, workers, tests and docs.

/** Where the catalogue is kept, from the project root. */
export const PARAMETERS_YAML = 'sim/params/parameters.yaml';

export interface ParameterSpec {
  path: string;
  value: number;
  /** Per-district defaults that differ from `value`; present when the parameter is per district. */
  districts?: Record<string, number>;
  perDistrict: boolean;
  integer: boolean;
  unit: string;
  range: [number, number];
  source: string;
  /** Marked uncertain: varied in robustness checks and sensitivity analyses. */
  uncertain: boolean;
  /** For a calibrated parameter, the 5%–95% interval of its calibration's posterior sample: the values the record leaves plausible. */
  posterior?: [number, number];
  description: string;
}

export type Catalog = Map<string, ParameterSpec>;

const LEAF_KEYS = new Set(['value', 'unit', 'range', 'source', 'uncertain', 'description', 'districts', 'integer', 'perDistrict', 'posterior']);

export function parseCatalog(tree: unknown, file = 'parameters.yaml'): Catalog {
  const catalog: Catalog = new Map();
  const walk = (node: unknown, path: string[]) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      throw new Error(`${file}: ${path.join('.')} must be a mapping`);
    }
    const obj = node as Record<string, unknown>;
    if ('value' in obj) {
      const p = path.join('.');
      for (const k of Object.keys(obj)) if (!LEAF_KEYS.has(k)) throw new Error(`${file}: ${p} has unknown key ${k}`);
      const range = obj.range as [number, number];
      if (typeof obj.value !== 'number' || !Array.isArray(range) || range.length !== 2) {
        throw new Error(`${file}: ${p} needs a numeric value and a [low, high] range`);
      }
      if (typeof obj.unit !== 'string' || typeof obj.source !== 'string') {
        throw new Error(`${file}: ${p} needs a unit and a source (or "assumption")`);
      }
      const posterior = obj.posterior as [number, number] | undefined;
      if (posterior !== undefined && !(Array.isArray(posterior) && posterior.length === 2 && posterior.every((x) => typeof x === 'number') && posterior[0] <= posterior[1])) {
        throw new Error(`${file}: ${p}.posterior must be a [low, high] interval of numbers`);
      }
      const districts = obj.districts as Record<string, number> | undefined;
      catalog.set(p, {
        path: p,
        value: obj.value,
        districts,
        perDistrict: Boolean(obj.perDistrict) || districts !== undefined,
        integer: Boolean(obj.integer),
        unit: obj.unit,
        range: [Number(range[0]), Number(range[1])],
        source: obj.source,
        uncertain: Boolean(obj.uncertain),
        ...(posterior ? { posterior: [posterior[0], posterior[1]] as [number, number] } : {}),
        description: typeof obj.description === 'string' ? obj.description : '',
      });
      return;
    }
    for (const [k, v] of Object.entries(obj)) walk(v, [...path, k]);
  };
  walk(tree, []);
  return catalog;
}

export function defaultParameters(catalog: Catalog, districtIds: readonly string[]): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const spec of catalog.values()) {
    out[spec.path] = spec.perDistrict ? districtIds.map((id) => spec.districts?.[id] ?? spec.value) : spec.value;
  }
  return out;
}

/**
 * Finds the spec an override path addresses: `a.b` (the whole parameter) or, for a per-district
 * parameter, `a.b.<district-id>` (one district). Returns undefined for an unknown path.
 */
export function resolveOverridePath(
  catalog: Catalog,
  districtIds: readonly string[],
  path: string,
): { spec: ParameterSpec; district?: number } | undefined {
  const spec = catalog.get(path);
  if (spec) return { spec };
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const parent = catalog.get(path.slice(0, dot));
  const district = districtIds.indexOf(path.slice(dot + 1));
  if (parent && parent.perDistrict && district >= 0) return { spec: parent, district };
  return undefined;
}

/** Applies one override in place; the caller has checked path, type and range. */
export function applyOverride(
  params: Record<string, ParameterValue>,
  target: { spec: ParameterSpec; district?: number },
  value: number,
): void {
  const { spec, district } = target;
  if (!spec.perDistrict) {
    params[spec.path] = value;
    return;
  }
  const current = params[spec.path] as number[];
  params[spec.path] = district === undefined ? current.map(() => value) : current.map((v, i) => (i === district ? value : v));
}

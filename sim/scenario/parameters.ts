import { isMap } from 'yaml';
import { applyOverride, defaultParameters, PARAMETERS_YAML, resolveOverridePath, type Catalog, type ParameterSpec } from '../params/catalog';
import type { ParameterValue } from '../core';
import type { ScenarioContext } from './context';
import { fail, isEmpty, mapEntries, readNumber, type Field } from './fields';
import { readEach } from './problems';
import { closestMatch, listOf } from './suggest';
import type { At } from './yamlText';

// Overrides of catalogue parameters, from a scenario's `parameters:` or from `--set path=value`.

export interface ParameterOverride {
  path: string;
  target: { spec: ParameterSpec; district?: number };
  value: number;
  at: At;
}

const PATH_EXPECTED = `a parameter path from ${PARAMETERS_YAML} (e.g. population.scale), or <path>.<district-id> for a per-district parameter`;

/**
 * Reads `parameters:`. Keys are dotted paths; nested mappings are joined into paths too, so
 * `enforcement: {capacity: {be-limburg: 1.2}}` means `enforcement.capacity.be-limburg: 1.2`.
 */
export function readParameterOverrides(field: Field, context: ScenarioContext): ParameterOverride[] {
  if (isEmpty(field)) return [];
  const walk = (f: Field, prefix: string): ParameterOverride[] =>
    readEach(mapEntries(f, 'a mapping from parameter path to number, e.g. population.scale: 0.5'), (entry) => {
      const path = prefix ? `${prefix}.${entry.key}` : entry.key;
      const node = entry.value;
      if (isMapping(node)) return walk(node, path);
      const target = resolveParameterPath(path, entry.keyAt, context);
      return [{ path, target, value: checkParameterValue(readNumber(node, numberExpected(target.spec)), target.spec, node.at), at: node.at }];
    }).flat();
  return walk(field, '');
}

function isMapping(field: Field): boolean {
  return isMap(field.at.source.resolve(field.node));
}

export function resolveParameterPath(path: string, at: At, context: ScenarioContext): ParameterOverride['target'] {
  const { catalog, world } = context;
  const target = resolveOverridePath(catalog, world.ids, path);
  if (target) return target;
  const dot = path.lastIndexOf('.');
  const parent = dot > 0 ? catalog.get(path.slice(0, dot)) : undefined;
  const last = path.slice(dot + 1);
  if (parent && !parent.perDistrict && world.ids.includes(last)) {
    fail(at, `${parent.path} is one value for all districts and cannot be set for "${last}"`, `${parent.path} without a district`);
  }
  if (parent && parent.perDistrict) {
    const district = closestMatch(last, world.ids);
    fail(at, `unknown district "${last}" in parameter path "${path}"`, `${parent.path}.<district-id> with one of the ${world.ids.length} district ids (${listOf(world.ids)})`, district && `Did you mean "${parent.path}.${district}"?`);
  }
  const children = [...catalog.keys()].filter((p) => p.startsWith(`${path}.`));
  if (children.length) {
    fail(at, `"${path}" is a group of parameters, not a parameter`, `one of its parameters: ${listOf(children)}`);
  }
  const match = closestMatch(path, overridePaths(catalog, world.ids));
  fail(at, `unknown parameter path "${path}"`, PATH_EXPECTED, match && `Did you mean "${match}"?`);
}

const pathCache = new WeakMap<Catalog, string[]>();

function overridePaths(catalog: Catalog, districtIds: readonly string[]): string[] {
  let paths = pathCache.get(catalog);
  if (!paths) {
    paths = [];
    for (const spec of catalog.values()) {
      paths.push(spec.path);
      if (spec.perDistrict) for (const id of districtIds) paths.push(`${spec.path}.${id}`);
    }
    pathCache.set(catalog, paths);
  }
  return paths;
}

function numberExpected(spec: ParameterSpec): string {
  const kind = spec.integer ? 'a whole number' : 'a number';
  return `${kind} from ${spec.range[0]} to ${spec.range[1]} (${spec.unit})`;
}

export function checkParameterValue(value: number, spec: ParameterSpec, at: At): number {
  if (value < spec.range[0] || value > spec.range[1]) {
    fail(at, `${value} is outside the range of ${spec.path}`, numberExpected(spec));
  }
  if (spec.integer && !Number.isInteger(value)) {
    fail(at, `${value} is not a whole number, but ${spec.path} counts things`, numberExpected(spec), `Did you mean ${Math.round(value)}?`);
  }
  return value;
}

/** Parses `--set path=value` strings; `at` names the scenario being loaded, since --set has no line. */
export function parseSets(sets: readonly string[], scenario: At, context: ScenarioContext): ParameterOverride[] {
  return readEach(sets, (text) => {
    const at: At = { source: scenario.source, path: [`--set ${text}`] };
    const eq = text.indexOf('=');
    const path = eq < 0 ? '' : text.slice(0, eq).trim();
    const raw = eq < 0 ? '' : text.slice(eq + 1).trim();
    if (!path || !raw) {
      fail(at, 'malformed --set', 'path=value with a parameter path and a number, e.g. --set population.scale=0.5');
    }
    const target = resolveParameterPath(path, at, context);
    const value = Number(raw);
    if (!Number.isFinite(value)) fail(at, `"${raw}" is not a number`, numberExpected(target.spec));
    return { path, target, value: checkParameterValue(value, target.spec, at), at };
  });
}

/** Catalogue defaults with the overrides applied in order, so a later override wins. */
export function resolveParameters(context: ScenarioContext, overrides: readonly ParameterOverride[]): Record<string, ParameterValue> {
  const params = defaultParameters(context.catalog, context.world.ids);
  for (const o of overrides) applyOverride(params, o.target, o.value);
  return params;
}

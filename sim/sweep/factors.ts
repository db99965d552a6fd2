import type { ParameterValue, PolicyEvent, ResolvedScenario } from '../core';
import { applyOverride } from '../params/catalog';
import type { PolicyParameterSpec } from '../policies';
import type { ScenarioContext } from '../scenario/context';
import { fail } from '../scenario/fields';
import { resolveParameterPath } from '../scenario/parameters';
import { didYouMean, listOf } from '../scenario/suggest';
import type { At } from '../scenario/yamlSource';
import type { Factor, FactorTarget, Variant } from './spec';

// Factor paths and what they set. Four forms:
//   enforcement.priority.cannabis          a model parameter, as in a scenario's `parameters:`
//   policies[1].parameters.intensity       a parameter of the scenario's policy number 1 (0-based,
//                                          in the order of the resolved scenario: by start date)
//   policy:short-blows.intensity           that parameter of every short-blows policy of the scenario
//   policy[grow-shop-law].strictness       that parameter of every policy labelled grow-shop-law (a
//                                          label keeps pointing at its policy when others are added)
// Only number parameters can be factors; a policy factor must find its policy in at least one of
// the sweep's scenarios (a scenario without it runs unchanged by that factor).

export const FACTOR_PATH_EXPECTED =
  'a model parameter path (e.g. enforcement.priority.cannabis), policies[<index>].parameters.<name>, policy:<type>.<name> (e.g. policy:short-blows.intensity) or policy[<label>].<name> (e.g. policy[grow-shop-law].strictness)';

const BY_INDEX = /^policies\[(\d+)\]\.parameters\.([^.\s]+)$/;
const BY_TYPE = /^policy:([^.\s]+)\.([^.\s]+)$/;
const BY_LABEL = /^policy\[([^\]\s]+)\]\.([^.\s]+)$/;

export interface ResolvedTarget {
  target: FactorTarget;
  /** the values the parameter accepts, for checking the factor's range */
  range?: [number, number];
  integer: boolean;
  /** what the range is, for messages: "the range of enforcement.priority.cannabis" */
  rangeOf: string;
}

export function resolveFactorPath(path: string, at: At, variants: readonly Variant[], context: ScenarioContext): ResolvedTarget {
  const byIndex = BY_INDEX.exec(path);
  if (byIndex) return resolveByIndex(Number(byIndex[1]), byIndex[2], at, variants, context);
  const byType = BY_TYPE.exec(path);
  if (byType) return resolveByType(byType[1], byType[2], at, variants, context);
  const byLabel = BY_LABEL.exec(path);
  if (byLabel) return resolveByLabel(byLabel[1], byLabel[2], at, variants, context);
  if (/^polic/.test(path)) fail(at, `"${path}" is not a policy factor path`, 'policies[<index>].parameters.<name>, policy:<type>.<name> or policy[<label>].<name>, e.g. policy:short-blows.intensity');
  const target = resolveParameterPath(path, at, context);
  return { target: { kind: 'parameter', target }, range: target.spec.range, integer: target.spec.integer, rangeOf: `the range of ${target.spec.path}` };
}

function numberParameter(type: string, name: string, at: At, context: ScenarioContext): PolicyParameterSpec {
  const module = context.policies.get(type)!;
  const numbers = Object.entries(module.parameters).filter(([, s]) => s.kind === 'number').map(([n]) => n);
  const spec = module.parameters[name];
  if (!spec) {
    fail(at, `${type} has no parameter "${name}"`, numbers.length ? `one of its number parameters: ${numbers.join(', ')}` : `a policy with number parameters (${type} has none)`, didYouMean(name, numbers));
  }
  if (spec.kind !== 'number') fail(at, `${type}'s ${name} is a ${spec.kind}, not a number`, numbers.length ? `one of its number parameters: ${numbers.join(', ')}` : 'a number parameter', 'Use separate scenarios (scenarios: {…}) to compare its values.');
  return spec;
}

function describePolicies(variant: Variant): string {
  const list = variant.scenario.policies.map((p, i) => `[${i}] ${p.type} from ${p.start}`);
  return list.length ? list.join(', ') : 'none';
}

function resolveByIndex(index: number, name: string, at: At, variants: readonly Variant[], context: ScenarioContext): ResolvedTarget {
  const events = variants.map((v) => (index < v.scenario.policies.length ? [index] : []));
  if (events.every((e) => e.length === 0)) {
    const shown = variants.map((v) => `${v.name}: ${describePolicies(v)}`).join('; ');
    fail(at, `no scenario of the sweep has a policy number ${index}`, `an index of a policy of the resolved scenario (${shown})`, 'Policies are numbered from 0 in the order of their start dates, parents\' policies included.');
  }
  let spec: PolicyParameterSpec | undefined;
  for (const v of variants) {
    if (index >= v.scenario.policies.length) continue;
    spec = numberParameter(v.scenario.policies[index].type, name, at, context);
  }
  return { target: { kind: 'policy', parameter: name, events }, range: spec!.range, integer: false, rangeOf: `the range of ${name}` };
}

function resolveByType(type: string, name: string, at: At, variants: readonly Variant[], context: ScenarioContext): ResolvedTarget {
  const types = [...context.policies.keys()];
  if (!context.policies.has(type)) fail(at, `unknown policy type "${type}"`, `one of the policy types ${listOf(types, 20)}`, didYouMean(type, types));
  const spec = numberParameter(type, name, at, context);
  const events = variants.map((v) => v.scenario.policies.flatMap((p, i) => (p.type === type ? [i] : [])));
  if (events.every((e) => e.length === 0)) {
    fail(at, `no scenario of the sweep has a ${type} policy`, `a policy type the scenario${variants.length > 1 ? 's' : ''} use${variants.length > 1 ? '' : 's'} (${[...new Set(variants.flatMap((v) => v.scenario.policies.map((p) => p.type)))].join(', ') || 'none'})`, `Add a ${type} policy to the scenario, or remove this factor.`);
  }
  return { target: { kind: 'policy', parameter: name, events }, range: spec.range, integer: false, rangeOf: `the range of ${type}'s ${name}` };
}

function resolveByLabel(label: string, name: string, at: At, variants: readonly Variant[], context: ScenarioContext): ResolvedTarget {
  const events = variants.map((v) => v.scenario.policies.flatMap((p, i) => (p.label === label ? [i] : [])));
  if (events.every((e) => e.length === 0)) {
    const labels = [...new Set(variants.flatMap((v) => v.scenario.policies.flatMap((p) => (p.label ? [p.label] : []))))];
    fail(at, `no scenario of the sweep has a policy labelled "${label}"`, `a label of the scenario${variants.length > 1 ? 's' : ''}' policies (${listOf(labels, 20) || 'none'})`, didYouMean(label, labels));
  }
  const types = new Set(variants.flatMap((v, j) => events[j].map((i) => v.scenario.policies[i].type)));
  let spec: PolicyParameterSpec | undefined;
  for (const type of types) spec = numberParameter(type, name, at, context);
  return { target: { kind: 'policy', parameter: name, events }, range: spec!.range, integer: false, rangeOf: `the range of ${[...types].join(' and ')}'s ${name}` };
}

/**
 * The scenario of one run: the variant's resolved scenario with the factors' values set. The base is
 * not changed; parameters and touched policy events are copied.
 */
export function applyFactors(base: ResolvedScenario, variant: number, factors: readonly Pick<Factor, 'target'>[], values: readonly number[]): ResolvedScenario {
  const parameters: Record<string, ParameterValue> = { ...base.parameters };
  let policies: PolicyEvent[] = base.policies;
  for (let f = 0; f < factors.length; f++) {
    const target = factors[f].target;
    if (target.kind === 'parameter') {
      applyOverride(parameters, target.target, values[f]);
      continue;
    }
    for (const index of target.events[variant]) {
      if (policies === base.policies) policies = [...base.policies];
      const event = policies[index];
      policies[index] = { ...event, parameters: { ...event.parameters, [target.parameter]: values[f] } };
    }
  }
  return { ...base, parameters, policies };
}

import { isScalar } from 'yaml';
import { MARKETS, type PolicyEvent } from '../core';
import type { PolicyModule, PolicyParameterSpec } from '../policies';
import { countryOf, districtsOf, type ScenarioContext } from './context';
import { checkKeys, fail, isEmpty, mapEntries, mistypedKeys, readBoolean, readDate, readNumber, readString, seqItems, type Entry, type Field } from './fields';
import { collectProblems, readEach } from './problems';
import { didYouMean, listOf } from './suggest';
import type { At } from './yamlText';

// One entry of `policies:`: checked against the policy module its `type` names, with the module's
// parameter defaults filled in and a `country:` target expanded to that country's districts.

export interface LocatedPolicy {
  event: PolicyEvent;
  at: At;
}

const POLICY_KEYS = ['type', 'label', 'start', 'end', 'districts', 'country', 'parameters', 'posterior'];
const COUNTRIES = ['BE', 'NL'] as const;

export function readPolicies(field: Field, context: ScenarioContext): LocatedPolicy[] {
  if (isEmpty(field)) return [];
  return readEach(seqItems(field, 'a list of policies, each starting with "- type: …"'), (item) => ({
    event: readPolicy(item, context),
    at: item.at,
  }));
}

function readPolicy(field: Field, context: ScenarioContext): PolicyEvent {
  return collectProblems((problems) => {
    const types = [...context.policies.keys()];
    const entries = mapEntries(field, `a policy: a mapping with type (${listOf(types)}), start, and districts or country`);
    problems.check(() => checkKeys(entries, POLICY_KEYS, 'policy keys'));
    const get = (key: string) => entries.find((e) => e.key === key);
    // Keys written with a typo: reported as unknown keys above, so not also as missing.
    const mistyped = mistypedKeys(entries, POLICY_KEYS);

    // Read first, and not on its own: the target and the parameters are checked against the type's module.
    const typeEntry = get('type');
    if (!typeEntry && mistyped.includes('type')) return problems.stop();
    if (!typeEntry) fail(field.at, 'the policy has no type', `type: one of the policy types ${listOf(types, 20)}`);
    const type = readString(typeEntry.value, `one of the policy types ${listOf(types, 20)}`);
    const module = context.policies.get(type);
    if (!module) {
      fail(typeEntry.value.at, `unknown policy type "${type}"`, `one of the policy types ${listOf(types, 20)}`, didYouMean(type, types));
    }

    const labelEntry = get('label');
    const label = labelEntry && problems.check(() => readString(labelEntry.value, 'a text naming the event in reports'));

    const startEntry = get('start');
    const start = problems.check(() => {
      if (startEntry) return readDate(startEntry.value);
      return mistyped.includes('start') ? undefined : fail(field.at, 'the policy has no start date', 'start: an ISO date YYYY-MM-DD, e.g. 2012-05-01');
    });
    const endEntry = get('end');
    const end = endEntry && problems.check(() => readDate(endEntry.value));
    if (start !== undefined && end !== undefined && end <= start) {
      problems.check(() =>
        fail(endEntry!.value.at, `the policy ends (${end}) ${end === start ? 'on the day' : 'before'} it starts (${start})`, `an end date after the start date ${start}, or no end for a policy that lasts`),
      );
    }

    const targetMistyped = mistyped.includes('districts') || mistyped.includes('country');
    const districts = problems.check(() => readTarget(field.at, get('districts'), get('country'), module, context, targetMistyped));
    const parameters = problems.check(() => readPolicyParameters(get('parameters'), module));
    const posteriorEntry = get('posterior');
    const posterior = posteriorEntry && problems.check(() => readPosterior(posteriorEntry, module));
    // Each of these is undefined only after a problem, which stops the reading here.
    if (start === undefined || districts === undefined || parameters === undefined || problems.any) return problems.stop();
    return { type, ...(label === undefined ? {} : { label }), start, ...(end === undefined ? {} : { end }), districts, parameters, ...(posterior ? { posterior } : {}) };
  });
}

function readTarget(at: At, districtsEntry: Entry | undefined, countryEntry: Entry | undefined, module: PolicyModule, context: ScenarioContext, mistyped: boolean): string[] | undefined {
  const { world } = context;
  const allowed = module.appliesTo === 'any' ? COUNTRIES : [module.appliesTo];
  const countryWord = module.appliesTo === 'any' ? 'BE or NL' : module.appliesTo;
  if (districtsEntry && countryEntry) {
    fail(countryEntry.keyAt, 'the policy has both districts and country', 'exactly one target: either districts: [ids…] or country: BE|NL', 'Remove one of the two.');
  }
  if (countryEntry) {
    const country = readString(countryEntry.value, `a country: ${countryWord}`);
    if (!(COUNTRIES as readonly string[]).includes(country)) {
      fail(countryEntry.value.at, `unknown country "${country}"`, `a country: ${countryWord}`, didYouMean(country, COUNTRIES));
    }
    if (!(allowed as readonly string[]).includes(country)) {
      fail(countryEntry.value.at, `${module.type} applies only to ${module.appliesTo} but targets ${country}`, `country: ${module.appliesTo}, or districts of ${module.appliesTo}`);
    }
    return districtsOf(world, country as 'BE' | 'NL');
  }
  if (!districtsEntry) {
    return mistyped ? undefined : fail(at, 'the policy has no target', 'districts: [ids…] or country: BE|NL');
  }
  const expected = `a list of district ids, e.g. [nl-limburg, nl-oost-brabant], from the ${world.ids.length} districts (${listOf(world.ids)})`;
  const single = districtsEntry.value.at.source.resolve(districtsEntry.value.node);
  if (isScalar(single) && typeof single.value === 'string') {
    fail(districtsEntry.value.at, `"${single.value}" is not a list`, expected, `Write districts: [${single.value}].`);
  }
  const items = seqItems(districtsEntry.value, expected);
  if (items.length === 0) fail(districtsEntry.value.at, 'the list of districts is empty', expected, 'Name at least one district, or use country: BE|NL.');
  const seen: string[] = [];
  return readEach(items, (item) => {
    const id = readString(item, `a district id (${listOf(world.ids)})`);
    const twice = seen.includes(id);
    seen.push(id);
    if (!world.ids.includes(id)) {
      fail(item.at, `unknown district "${id}"`, `one of the ${world.ids.length} district ids (${listOf(world.ids)})`, didYouMean(id, world.ids));
    }
    if (twice) fail(item.at, `district "${id}" is listed twice`, 'each district once');
    const country = countryOf(world, id);
    if (!(allowed as readonly string[]).includes(country)) {
      const examples = listOf(districtsOf(world, module.appliesTo as 'BE' | 'NL'));
      fail(item.at, `${module.type} applies only to ${module.appliesTo} districts, but "${id}" is in ${country}`, `a district of ${module.appliesTo} (${examples})`);
    }
    return id;
  });
}

function readPolicyParameters(entry: Entry | undefined, module: PolicyModule): PolicyEvent['parameters'] {
  const names = Object.keys(module.parameters);
  const out: PolicyEvent['parameters'] = {};
  for (const [name, spec] of Object.entries(module.parameters)) out[name] = spec.default;
  if (!entry || isEmpty(entry.value)) return out;
  const known = names.length ? `the parameters of ${module.type}: ${names.join(', ')}` : `no parameters (${module.type} has none)`;
  readEach(mapEntries(entry.value, `a mapping of ${known}`), (param) => {
    const spec = module.parameters[param.key];
    if (!spec) fail(param.keyAt, `unknown parameter "${param.key}" of ${module.type}`, names.length ? `one of ${known}` : known, didYouMean(param.key, names));
    out[param.key] = readPolicyParameter(param.value, spec, `${module.type}'s ${param.key}`);
  });
  return out;
}

// A calibrated event's posterior 5%-95% per number (`posterior: {factor: [0.23, 0.47]}`), which
// robustness points vary it over (sim/metrics/robustness.ts).
function readPosterior(entry: Entry, module: PolicyModule): NonNullable<PolicyEvent['posterior']> {
  const numbers = Object.entries(module.parameters).filter(([, spec]) => spec.kind === 'number').map(([name]) => name);
  const expected = `a mapping from a number of ${module.type} (${listOf(numbers)}) to its posterior interval [low, high], e.g. {${numbers[0] ?? 'factor'}: [0.2, 0.5]}`;
  const out: NonNullable<PolicyEvent['posterior']> = {};
  readEach(mapEntries(entry.value, expected), (param) => {
    const spec = module.parameters[param.key];
    if (!spec || spec.kind !== 'number') fail(param.keyAt, `"${param.key}" is not a number of ${module.type}`, expected, didYouMean(param.key, numbers));
    const range = spec.range ? ` within ${spec.range[0]} to ${spec.range[1]}` : '';
    const interval = `[low, high]: two numbers, low ≤ high${range}`;
    const items = seqItems(param.value, interval);
    if (items.length !== 2) fail(param.value.at, `${items.length} number${items.length === 1 ? '' : 's'} where an interval has 2`, interval);
    const [low, high] = items.map((item) => readNumber(item, `a number${range}`));
    if (low > high) fail(param.value.at, `the interval [${low}, ${high}] runs backwards`, interval, `Write [${high}, ${low}].`);
    if (spec.range && (low < spec.range[0] || high > spec.range[1])) fail(param.value.at, `[${low}, ${high}] leaves the range of ${module.type}'s ${param.key}`, interval);
    out[param.key] = [low, high];
  });
  return out;
}

function readPolicyParameter(field: Field, spec: PolicyParameterSpec, name: string): number | boolean | string {
  switch (spec.kind) {
    case 'boolean':
      return readBoolean(field, 'true or false');
    case 'market':
    case 'markets': {
      const allowed: readonly string[] = spec.kind === 'markets' ? [...MARKETS, 'all'] : MARKETS;
      const expected = `a market: ${allowed.join(', ')}`;
      const market = readString(field, expected);
      if (!allowed.includes(market)) fail(field.at, `unknown market "${market}"`, expected, didYouMean(market, allowed));
      return market;
    }
    case 'number': {
      const unit = spec.unit ? ` (${spec.unit})` : '';
      const expected = spec.range ? `a number from ${spec.range[0]} to ${spec.range[1]}${unit}` : `a number${unit}`;
      const value = readNumber(field, expected);
      if (spec.range && (value < spec.range[0] || value > spec.range[1])) fail(field.at, `${value} is outside the range of ${name}`, expected);
      return value;
    }
  }
}

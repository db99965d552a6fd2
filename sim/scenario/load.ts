import type { ResolvedScenario } from '../core';
import { resolveAnalysis } from './analysis';
import { scenarioContext, type ScenarioContext } from './context';
import { ScenarioError } from './errors';
import { mergeChain, readChain, type MergedScenario } from './extends';
import { fail } from './fields';
import { parseSets, resolveParameters } from './parameters';
import type { Located } from './schema';

// Loading a scenario from its file to the ResolvedScenario the engine runs.

export interface LoadOptions {
  /** `path=value` strings from the CLI's --set, applied after the scenario's own overrides. */
  sets?: readonly string[];
  /** Catalogue, world and policy registry to check against; the project's own by default. */
  context?: Partial<ScenarioContext>;
}

export function loadScenario(file: string, options: LoadOptions = {}): ResolvedScenario {
  const context = scenarioContext(options.context);
  const merged = mergeChain(readChain(file, context));
  const root = merged.chain[0].source.root();
  const start = requiredDate(merged, 'start');
  const end = requiredDate(merged, 'end');
  if (end.value <= start.value) {
    fail(end.at, `the run ends (${end.value}) ${end.value === start.value ? 'on the day' : 'before'} it starts (${start.value})`, `an end date after the start date ${start.value}`);
  }
  const overrides = [...merged.parameters, ...parseSets(options.sets ?? [], root, context)];
  // Stable sort: events starting on the same day keep their order in the file, which matters
  // when a later event replaces what an earlier one set (e.g. lifting the I-criterion).
  const policies = merged.policies.map((p) => p.event).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return {
    name: merged.name.value,
    description: merged.description.value,
    start: start.value,
    end: end.value,
    parameters: resolveParameters(context, overrides),
    policies,
    analysis: resolveAnalysis(merged.analysis, start.value, end.value),
    reference: merged.analysis.reference ?? null,
  };
}

function requiredDate(merged: MergedScenario, key: 'start' | 'end'): Located<string> {
  const found = merged[key];
  if (found) return found;
  const [child, ...parents] = merged.chain;
  const where = parents.length ? ` (neither this file nor ${parents.map((p) => p.source.display).join(', ')} sets it)` : '';
  return fail({ source: child.source, path: [key] }, `missing required key "${key}"${where}`, `an ISO date YYYY-MM-DD, e.g. ${key}: ${key === 'start' ? '1995-01-01' : '2025-12-31'}`, `Add "${key}: …" to this file${parents.length ? ' or to the file it extends' : ''}.`);
}

export interface FileCheck {
  file: string;
  error?: ScenarioError;
}

/** For `waterbed validate FILE...`: every file is checked, a bad one does not stop the others. */
export function validateFiles(files: readonly string[], options: Omit<LoadOptions, 'sets'> = {}): FileCheck[] {
  return files.map((file) => {
    try {
      loadScenario(file, options);
      return { file };
    } catch (err) {
      if (err instanceof ScenarioError) return { file, error: err };
      throw err;
    }
  });
}

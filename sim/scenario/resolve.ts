import type { ResolvedScenario } from '../core';
import { resolveAnalysis } from './analysis';
import type { ScenarioContext } from './context';
import { mergeChain, readChain, type MergedScenario } from './extends';
import { fail } from './fields';
import type { ScenarioFiles } from './files';
import { parseSets, resolveParameters } from './parameters';
import { collectProblems, type Problems } from './problems';
import type { Located } from './schema';

// Resolving a scenario from its file to the ResolvedScenario the engine runs. Every problem of the
// file (and of the files it extends) is found before the load fails, so that one message lists them
// all: `waterbed run` shows them as `waterbed validate` does, and the explorer as the CLI does.
// Pure: the files come from `files` (the disk for the CLI, load.ts; memory for the explorer).

export interface ResolveOptions {
  /** `path=value` strings from the CLI's --set, applied after the scenario's own overrides. */
  sets?: readonly string[];
  /** Catalogue, world and policy registry to check against. */
  context: ScenarioContext;
}

export function resolveScenario(files: ScenarioFiles, file: string, options: ResolveOptions): ResolvedScenario {
  const { context } = options;
  return collectProblems((problems) => {
    const chain = readChain(files, file, context, problems);
    if (chain.files.length === 0) return problems.stop();
    const merged = mergeChain(chain, problems);
    const root = merged.files[0].source.root();
    const start = requiredDate(merged, 'start', problems);
    const end = requiredDate(merged, 'end', problems);
    if (start && end && end.value <= start.value) {
      problems.check(() =>
        fail(end.at, `the run ends (${end.value}) ${end.value === start.value ? 'on the day' : 'before'} it starts (${start.value})`, `an end date after the start date ${start.value}`),
      );
    }
    const sets = problems.check(() => parseSets(options.sets ?? [], root, context), []);
    const analysis = start && end ? problems.check(() => resolveAnalysis(merged.analysis, start.value, end.value)) : undefined;
    if (!start || !end || !analysis || problems.any) return problems.stop();
    // Stable sort: events starting on the same day keep their order in the file, which matters
    // when a later event replaces what an earlier one set (e.g. lifting the I-criterion).
    const policies = merged.policies.map((p) => p.event).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return {
      name: merged.name.value,
      description: merged.description.value,
      start: start.value,
      end: end.value,
      parameters: resolveParameters(context, [...merged.parameters, ...sets]),
      policies,
      analysis,
      reference: merged.analysis.reference ?? null,
    };
  });
}

/** The run's start or end, from the file or the nearest file it extends; undefined when missing. */
function requiredDate(merged: MergedScenario, key: 'start' | 'end', problems: Problems): Located<string> | undefined {
  const found = merged[key];
  // Missing, unless a file that could not be read (or its key) might have set it: that is reported already.
  if (found || !merged.complete || merged.files.some((f) => f.unreadable.has(key))) return found;
  const [child, ...parents] = merged.files;
  const where = parents.length ? ` (neither this file nor ${parents.map((p) => p.source.display).join(', ')} sets it)` : '';
  problems.check(() =>
    fail({ source: child.source, path: [key] }, `missing required key "${key}"${where}`, `an ISO date YYYY-MM-DD, e.g. ${key}: ${key === 'start' ? '1995-01-01' : '2025-12-31'}`, `Add "${key}: …" to this file${parents.length ? ' or to the file it extends' : ''}.`),
  );
  return undefined;
}

import { mergeAnalysis, type AnalysisSpec } from './analysis';
import type { ScenarioContext } from './context';
import { fail } from './fields';
import { baseName, folderOf, type ScenarioFiles } from './files';
import type { ParameterOverride } from './parameters';
import type { LocatedPolicy } from './policies';
import type { Problems } from './problems';
import { readScenarioFile, type Located, type ScenarioFile } from './schema';
import { closestMatch, didYouMean } from './suggest';
import type { YamlSource } from './yamlText';

// `extends`: a scenario builds on a parent file. The child's keys replace the parent's; parameter
// overrides apply parent first (so the child's win); policies of the child come after the parent's.

export interface Chain {
  /** The files read, the loaded file first, then its parent, grandparent … */
  files: ScenarioFile[];
  /** false when a file of the chain could not be read: what it would have added is unknown. */
  complete: boolean;
}

export interface MergedScenario extends Chain {
  name: Located<string>;
  description: Located<string>;
  start?: Located<string>;
  end?: Located<string>;
  parameters: ParameterOverride[];
  policies: LocatedPolicy[];
  analysis: AnalysisSpec;
}

/** Reads the file and the files it extends, keeping their problems; the chain ends at a file that cannot be read. */
export function readChain(reader: ScenarioFiles, file: string, context: ScenarioContext, problems: Problems): Chain {
  const files: ScenarioFile[] = [];
  let source = problems.check(() => reader.read(file));
  while (source) {
    const read = source;
    const scenario = problems.check(() => readScenarioFile(read, context, problems));
    if (!scenario) break;
    files.push(scenario);
    if (scenario.unreadable.has('extends')) break;
    if (!scenario.extends) return { files, complete: true };
    source = problems.check(() => parentOf(reader, scenario.extends!, read, files));
  }
  return { files, complete: false };
}

function parentOf(reader: ScenarioFiles, { value, at }: Located<string>, child: YamlSource, chain: readonly ScenarioFile[]): YamlSource {
  const parent = reader.resolve(value, child.file);
  const seen = chain.map((s) => s.source.file);
  if (seen.includes(parent)) {
    const cycle = [...seen.slice(seen.indexOf(parent)), parent].map(reader.display).join(' → ');
    fail(at, `a cycle of extends: ${cycle}`, 'a chain of extends that ends in a file without extends', 'Remove extends from one of these files.');
  }
  if (!reader.exists(parent)) {
    const match = closestMatch(baseName(value), reader.beside(parent));
    const hint = match && `Did you mean "${folderOf(value)}${match}"?`;
    fail(at, `no such file "${value}" (looked for ${reader.display(parent)})`, 'a path to an existing scenario file, relative to this file', hint);
  }
  return reader.read(parent);
}

/**
 * A file's `without:` drops the policies it inherits whose label or type matches; naming nothing
 * that is inherited is an error, since it means the counterfactual silently equals its parent.
 * That is checked only when every inherited policy is known (`checkable`).
 */
function dropPolicies(inherited: LocatedPolicy[], without: Located<string>[], checkable: boolean, problems: Problems): LocatedPolicy[] {
  for (const w of checkable ? without : []) {
    if (!inherited.some((p) => p.event.label === w.value || p.event.type === w.value)) {
      const names = [...new Set(inherited.flatMap((p) => (p.event.label ? [p.event.label, p.event.type] : [p.event.type])))];
      problems.check(() =>
        fail(w.at, `no inherited policy has the label or type "${w.value}"`, names.length ? `one of ${names.join(', ')}` : 'a parent with policies', didYouMean(w.value, names)),
      );
    }
  }
  return inherited.filter((p) => !without.some((w) => p.event.label === w.value || p.event.type === w.value));
}

export function mergeChain({ files, complete }: Chain, problems: Problems): MergedScenario {
  const [child] = files;
  const ancestorsFirst = [...files].reverse();
  const last = <T>(pick: (s: ScenarioFile) => T | undefined): T | undefined => files.map(pick).find((v) => v !== undefined);
  let inheritedKnown = complete;
  const policies = ancestorsFirst.reduce<LocatedPolicy[]>((inherited, s) => {
    const kept = dropPolicies(inherited, s.without, inheritedKnown, problems);
    inheritedKnown &&= !s.unreadable.has('policies');
    return [...kept, ...s.policies];
  }, []);
  return {
    files,
    complete,
    name: child.name,
    description: child.description,
    start: last((s) => s.start),
    end: last((s) => s.end),
    parameters: ancestorsFirst.flatMap((s) => s.parameters),
    policies,
    analysis: ancestorsFirst.map((s) => s.analysis).reduce(mergeAnalysis),
  };
}

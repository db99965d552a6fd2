import fs from 'node:fs';
import path from 'node:path';
import { mergeAnalysis, type AnalysisSpec } from './analysis';
import type { ScenarioContext } from './context';
import { displayPath } from './errors';
import { fail } from './fields';
import type { ParameterOverride } from './parameters';
import type { LocatedPolicy } from './policies';
import { readScenarioFile, type Located, type ScenarioFile } from './schema';
import { closestMatch, didYouMean } from './suggest';
import { readYamlSource, yamlFilesBeside } from './yamlSource';

// `extends`: a scenario builds on a parent file. The child's keys replace the parent's; parameter
// overrides apply parent first (so the child's win); policies of the child come after the parent's.

export interface MergedScenario {
  /** The files of the chain, the loaded file first, then its parent, grandparent … */
  chain: ScenarioFile[];
  name: Located<string>;
  description: Located<string>;
  start?: Located<string>;
  end?: Located<string>;
  parameters: ParameterOverride[];
  policies: LocatedPolicy[];
  analysis: AnalysisSpec;
}

export function readChain(file: string, context: ScenarioContext): ScenarioFile[] {
  const chain: ScenarioFile[] = [];
  let source = readYamlSource(file);
  for (;;) {
    const scenario = readScenarioFile(source, context);
    chain.push(scenario);
    if (!scenario.extends) return chain;
    const { value, at } = scenario.extends;
    const parent = path.resolve(path.dirname(source.file), value);
    const seen = chain.map((s) => s.source.file);
    if (seen.includes(parent)) {
      const cycle = [...seen.slice(seen.indexOf(parent)), parent].map(displayPath).join(' → ');
      fail(at, `a cycle of extends: ${cycle}`, 'a chain of extends that ends in a file without extends', 'Remove extends from one of these files.');
    }
    if (!fs.existsSync(parent)) {
      const match = closestMatch(path.basename(value), yamlFilesBeside(parent));
      const hint = match && `Did you mean "${path.join(path.dirname(value), match).split(path.sep).join('/')}"?`;
      fail(at, `no such file "${value}" (looked for ${displayPath(parent)})`, 'a path to an existing scenario file, relative to this file', hint);
    }
    source = readYamlSource(parent);
  }
}

/**
 * A file's `without:` drops the policies it inherits whose label or type matches; naming nothing
 * that is inherited is an error, since it means the counterfactual silently equals its parent.
 */
function dropPolicies(inherited: LocatedPolicy[], without: Located<string>[]): LocatedPolicy[] {
  for (const w of without) {
    if (!inherited.some((p) => p.event.label === w.value || p.event.type === w.value)) {
      const names = [...new Set(inherited.flatMap((p) => (p.event.label ? [p.event.label, p.event.type] : [p.event.type])))];
      fail(w.at, `no inherited policy has the label or type "${w.value}"`, names.length ? `one of ${names.join(', ')}` : 'a parent with policies', didYouMean(w.value, names));
    }
  }
  return inherited.filter((p) => !without.some((w) => p.event.label === w.value || p.event.type === w.value));
}

export function mergeChain(chain: ScenarioFile[]): MergedScenario {
  const [child] = chain;
  const ancestorsFirst = [...chain].reverse();
  const last = <T>(pick: (s: ScenarioFile) => T | undefined): T | undefined => chain.map(pick).find((v) => v !== undefined);
  return {
    chain,
    name: child.name,
    description: child.description,
    start: last((s) => s.start),
    end: last((s) => s.end),
    parameters: ancestorsFirst.flatMap((s) => s.parameters),
    policies: ancestorsFirst.reduce<LocatedPolicy[]>((inherited, s) => [...dropPolicies(inherited, s.without), ...s.policies], []),
    analysis: ancestorsFirst.map((s) => s.analysis).reduce(mergeAnalysis),
  };
}

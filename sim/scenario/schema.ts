import { readAnalysis, type AnalysisSpec } from './analysis';
import type { ScenarioContext } from './context';
import { checkKeys, fail, isEmpty, mapEntries, readDate, readString, seqItems, type Entry } from './fields';
import { readParameterOverrides, type ParameterOverride } from './parameters';
import { readPolicies, type LocatedPolicy } from './policies';
import type { At, YamlSource } from './yamlSource';

// The keys of one scenario file, each checked on its own. What depends on other files of an
// `extends` chain (required dates, end after start, windows inside the run) is checked after merging.

export interface Located<T> {
  value: T;
  at: At;
}

export interface ScenarioFile {
  source: YamlSource;
  name: Located<string>;
  description: Located<string>;
  extends?: Located<string>;
  start?: Located<string>;
  end?: Located<string>;
  parameters: ParameterOverride[];
  policies: LocatedPolicy[];
  /** inherited policies to drop, by label or type (counterfactuals of a history) */
  without: Located<string>[];
  analysis: AnalysisSpec;
}

export const TOP_LEVEL_KEYS = ['name', 'description', 'extends', 'start', 'end', 'parameters', 'policies', 'without', 'analysis'];

const SHAPE = 'a mapping with name, description, start, end and optionally extends, parameters, policies, without, analysis';

export function readScenarioFile(source: YamlSource, context: ScenarioContext): ScenarioFile {
  const root = source.root();
  if (isEmpty({ node: source.doc.contents, at: root })) fail(root, 'the file is empty', SHAPE);
  const entries = mapEntries({ node: source.doc.contents, at: root }, SHAPE);
  checkKeys(entries, TOP_LEVEL_KEYS, 'top-level keys');
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const text = (key: string, expected: string): Located<string> | undefined => {
    const entry = get(key);
    return entry && { value: readString(entry.value, expected), at: entry.value.at };
  };
  const date = (key: string): Located<string> | undefined => {
    const entry = get(key);
    return entry && { value: readDate(entry.value), at: entry.value.at };
  };
  // Every file names and describes itself, also one that only serves as a parent: a name taken
  // over from the parent would give two different scenarios the same name in the results.
  const required = (key: string, expected: string): Located<string> =>
    text(key, expected) ?? fail({ source, path: [key] }, `missing required key "${key}"`, expected, `Add "${key}: …" at the top of the file.`);

  const parameters = get('parameters');
  const policies = get('policies');
  const analysis = get('analysis');
  const without = get('without');
  return {
    source,
    name: required('name', 'a text naming the scenario, e.g. name: i-criterion-south'),
    description: required('description', 'a text saying what the scenario changes and why'),
    extends: text('extends', 'a path to the parent scenario file, relative to this file, e.g. extends: baseline.yaml'),
    start: date('start'),
    end: date('end'),
    parameters: parameters ? readParameterOverrides(parameters.value, context) : [],
    policies: policies ? readPolicies(policies.value, context) : [],
    without: without
      ? seqItems(without.value, 'a list of policy labels or types to drop from the parent, e.g. without: [i-criterion]').map((item) => ({
          value: readString(item, 'a policy label or type'),
          at: item.at,
        }))
      : [],
    analysis: analysis ? readAnalysis(analysis.value) : { rows: {} },
  };
}

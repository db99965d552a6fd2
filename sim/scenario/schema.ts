import { isMap, isScalar } from 'yaml';
import { readAnalysis, type AnalysisSpec } from './analysis';
import type { ScenarioContext } from './context';
import { checkKeys, fail, isEmpty, mapEntries, mistypedKeys, readDate, readString, seqItems, type Entry } from './fields';
import { readParameterOverrides, type ParameterOverride } from './parameters';
import { readPolicies, type LocatedPolicy } from './policies';
import { readEach, type Problems } from './problems';
import type { At, YamlSource } from './yamlText';

// The keys of one scenario file, each checked on its own, so that a file's problems are all found
// at once. What depends on other files of an `extends` chain (required dates, end after start,
// windows inside the run) is checked after merging.

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
  /** Keys the file has but that could not be read; the checks after merging that need them are skipped. */
  unreadable: ReadonlySet<string>;
}

export const TOP_LEVEL_KEYS = ['name', 'description', 'extends', 'start', 'end', 'parameters', 'policies', 'without', 'analysis'];

const SHAPE = 'a mapping with name, description, start, end and optionally extends, parameters, policies, without, analysis';

/** Keys that every sweep file has and no scenario may (sim/sweep/schema.ts): they tell a sweep file. */
export const SWEEP_MARKERS = ['design', 'factors'];

/** The key every calibration file has and no scenario or sweep file may (sim/calibrate/schema.ts). */
export const CALIBRATION_MARKERS = ['method'];

function topLevelKeys(source: YamlSource): string[] {
  const root = source.resolve(source.doc.contents);
  if (!isMap(root)) return [];
  return root.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
}

/** The top-level keys of a parsed file that make it a sweep file rather than a scenario. */
export function sweepMarkersIn(source: YamlSource): string[] {
  return topLevelKeys(source).filter((key) => SWEEP_MARKERS.includes(key));
}

/** The top-level keys of a parsed file that make it a calibration file. */
export function calibrationMarkersIn(source: YamlSource): string[] {
  return topLevelKeys(source).filter((key) => CALIBRATION_MARKERS.includes(key));
}

/**
 * Reads one file of a chain. The problems of its keys go to `problems` and the file is returned
 * with what could be read; a file that is no scenario at all (empty, not a mapping, a sweep file)
 * throws, since none of its keys can be checked.
 */
export function readScenarioFile(source: YamlSource, context: ScenarioContext, problems: Problems): ScenarioFile {
  const root = source.root();
  if (isEmpty({ node: source.doc.contents, at: root })) fail(root, 'the file is empty', SHAPE);
  const entries = mapEntries({ node: source.doc.contents, at: root }, SHAPE);
  const markers = entries.filter((e) => SWEEP_MARKERS.includes(e.key));
  if (markers.length) {
    const keys = markers.map((e) => `${e.key}:`).join(' and ');
    fail(markers[0].keyAt, `this looks like a sweep file (it has ${keys}), not a scenario`, 'a scenario file (docs/SCENARIOS.md)', `Run it with \`waterbed sweep ${source.display}\`.`);
  }
  const calibration = entries.find((e) => CALIBRATION_MARKERS.includes(e.key));
  if (calibration) {
    fail(calibration.keyAt, `this looks like a calibration file (it has ${calibration.key}:), not a scenario`, 'a scenario file (docs/SCENARIOS.md)', `Run it with \`waterbed calibrate ${source.display}\`.`);
  }
  problems.check(() => checkKeys(entries, TOP_LEVEL_KEYS, 'top-level keys'));
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  // A mistyped key is there but cannot be read: it is reported as an unknown key, not as missing.
  const unreadable = new Set<string>(mistypedKeys(entries, TOP_LEVEL_KEYS));
  /** One key, read on its own: undefined when the file has no such key or it cannot be read. */
  const read = <T>(key: string, reader: (field: Entry['value']) => T): T | undefined => {
    const entry = get(key);
    if (!entry) return undefined;
    const value = problems.check(() => reader(entry.value));
    if (value === undefined) unreadable.add(key);
    return value;
  };
  const text = (key: string, expected: string) => read(key, (field): Located<string> => ({ value: readString(field, expected), at: field.at }));
  const date = (key: string) => read(key, (field): Located<string> => ({ value: readDate(field), at: field.at }));
  // Every file names and describes itself, also one that only serves as a parent: a name taken
  // over from the parent would give two different scenarios the same name in the results.
  const required = (key: string, expected: string): Located<string> => {
    if (!get(key) && !unreadable.has(key)) problems.check(() => fail({ source, path: [key] }, `missing required key "${key}"`, expected, `Add "${key}: …" at the top of the file.`));
    // The stand-in for a missing or unreadable key is never seen: the file's problems stop the load.
    return text(key, expected) ?? { value: '', at: root };
  };
  const analysis = get('analysis');
  return {
    source,
    name: required('name', 'a text naming the scenario, e.g. name: i-criterion-south'),
    description: required('description', 'a text saying what the scenario changes and why'),
    extends: text('extends', 'a path to the parent scenario file, relative to this file, e.g. extends: baseline.yaml'),
    start: date('start'),
    end: date('end'),
    parameters: read('parameters', (field) => readParameterOverrides(field, context)) ?? [],
    policies: read('policies', (field) => readPolicies(field, context)) ?? [],
    without:
      read('without', (field) =>
        readEach(seqItems(field, 'a list of policy labels or types to drop from the parent, e.g. without: [i-criterion]'), (item) => ({
          value: readString(item, 'a policy label or type'),
          at: item.at,
        })),
      ) ?? [],
    // Read in part: the windows that are well written are still checked against the run.
    analysis: analysis ? readAnalysis(analysis.value, problems) : { rows: {} },
    unreadable,
  };
}

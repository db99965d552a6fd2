import fs from 'node:fs';
import path from 'node:path';
import { isScalar, isSeq } from 'yaml';
import { Calendar, type Period, type ResolvedScenario } from '../core';
import { monthsInPeriod } from '../metrics/windows';
import { loadScenario } from '../scenario';
import { countryOf, type ScenarioContext } from '../scenario/context';
import { scenarioContext } from '../scenario/projectContext';
import { checkKeys, describe, fail, isEmpty, mapEntries, mistypedKeys, readBoolean, readNumber, readString, seqItems, type Entry, type Field } from '../scenario/fields';
import { collectProblems } from '../scenario/problems';
import { CALIBRATION_MARKERS, SWEEP_MARKERS, TOP_LEVEL_KEYS } from '../scenario/schema';
import { didYouMean, listOf } from '../scenario/suggest';
import { readYamlSource, type At } from '../scenario/yamlSource';
import { sha256Hex } from '../sweep/hash';
import { FIXED_COLUMNS, readFactors, readName, readWhole, scenarioFile } from '../sweep/schema';
import type { Factor, Variant } from '../sweep/spec';
import type { AbcSpec, CalibrationSpec, MethodSpec } from './spec';
import { defaultTargetsFile, readTargetsFile, type Target } from './targets';

// Reading a calibration file (docs/CALIBRATING.md). Checked like a sweep file: every problem with
// the file, line and key path, what was expected and, where it can, a suggestion, all at once; the
// parameters and targets once the scenario loads, since they are checked against it.

export const CALIBRATION_KEYS = ['name', 'description', 'scenario', 'targets', 'validation', 'targetsFile', 'parameters', 'seed', 'method', 'abc'];
export const METHOD_KEYS = ['waves', 'points', 'replicates', 'cutoff', 'largest', 'discrepancy', 'emulator', 'candidates', 'margin'];
export const ABC_KEYS = ['points', 'replicates', 'accept'];
const SHAPE = 'a calibration: a mapping with name, description, scenario, parameters, targets and method (docs/CALIBRATING.md)';

export interface ReadCalibrationOptions {
  context?: Partial<ScenarioContext>;
}

export function readCalibrationFile(file: string, options: ReadCalibrationOptions = {}): CalibrationSpec {
  const context = scenarioContext(options.context);
  const source = readYamlSource(file, 'a calibration file');
  return collectProblems((problems) => {
    const root = source.root();
    const top: Field = { node: source.doc.contents, at: root };
    if (isEmpty(top)) fail(root, 'the file is empty', SHAPE);
    const entries = mapEntries(top, SHAPE);
    rejectOtherFile(entries, source.display);
    problems.check(() => checkKeys(entries, CALIBRATION_KEYS, 'calibration keys'));
    const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
    const mistyped = mistypedKeys(entries, CALIBRATION_KEYS);
    const required = <T>(key: string, expected: string, read: (entry: Entry) => T): T | undefined =>
      problems.check(() => {
        const entry = get(key);
        if (entry) return read(entry);
        return mistyped.includes(key) ? undefined : fail({ source, path: [key] }, `missing required key "${key}"`, expected, `Add "${key}: …" to the calibration file.`);
      });

    const name = required('name', 'a name for the calibration, e.g. name: history', (e) => readName(e.value, 'a name of letters, digits, dots, dashes and underscores, e.g. history'));
    const description = required('description', 'a text saying what is calibrated against what', (e) => readString(e.value, 'a text saying what is calibrated against what'));
    const seedEntry = get('seed');
    const seed = problems.check(() => (seedEntry ? readWhole(seedEntry.value, 0, 'a whole number 0 or more, e.g. seed: 1') : 1), 1);
    const method = required('method', 'method: {waves, points, replicates, …}', (e) => readMethod(e.value));
    const abc = problems.check(() => readAbc(get('abc'), method?.points ?? 1));
    const targetsFile = problems.check(() => readTargetsPath(get('targetsFile')));
    const scenario = required('scenario', 'scenario: <file> (the scenario calibrated, relative to this file)', (e) => {
      const scenarioPath = scenarioFile(e.value);
      const resolved = loadScenario(scenarioPath, { context });
      return { name: resolved.name, file: scenarioPath, scenario: resolved } satisfies Variant;
    });
    if (!scenario) return problems.stop();
    const parameters = required('parameters', 'a list of parameters, each with a path and a prior range, e.g. - {path: growers.entryPer100kPerWeek.BE, range: [0.1, 1.5]}', (e) => readParameters(e, scenario, context));
    const targets = problems.check(() => {
      if (!targetsFile) return undefined;
      const all = readTargetsFile(targetsFile, { districts: context.world.ids, countryOf: (d) => countryOf(context.world, d) }).targets;
      return chooseTargets(all, get('targets'), get('validation'), scenario.scenario, source.root(), parameters ?? []);
    });
    if (!name || !description || !method || !abc || !targetsFile || !parameters || !targets || problems.any) return problems.stop();
    return {
      file: source.file,
      fileHash: sha256Hex(fs.readFileSync(source.file)),
      name,
      description,
      scenario,
      targetsFile,
      targetsHash: sha256Hex(fs.readFileSync(targetsFile)),
      fit: targets.fit,
      validation: targets.validation,
      skipped: targets.skipped,
      parameters,
      seed,
      method,
      abc,
    };
  });
}

/** A scenario or a sweep file given where a calibration file is expected: told as such. */
function rejectOtherFile(entries: readonly Entry[], display: string): void {
  if (entries.some((e) => CALIBRATION_MARKERS.includes(e.key))) return;
  const sweep = entries.filter((e) => SWEEP_MARKERS.includes(e.key));
  if (sweep.length > 0) {
    fail(sweep[0].keyAt, `this looks like a sweep file (it has ${sweep.map((e) => `${e.key}:`).join(' and ')}), not a calibration`, 'a calibration file with method: (docs/CALIBRATING.md)', `Run it with \`waterbed sweep ${display}\`.`);
  }
  const scenarioKeys = entries.filter((e) => TOP_LEVEL_KEYS.includes(e.key) && !CALIBRATION_KEYS.includes(e.key));
  if (scenarioKeys.length > 0) {
    fail(scenarioKeys[0].keyAt, `this looks like a scenario file (it has ${scenarioKeys.slice(0, 3).map((e) => `${e.key}:`).join(', ')}), not a calibration`, 'a calibration file with method: (docs/CALIBRATING.md)', `Run it with \`waterbed run ${display}\`, or name it in a calibration file's scenario: key.`);
  }
}

// --- method ---

function readCount(entries: readonly Entry[], key: string, min: number, expected: string, fallback: number): number {
  const entry = entries.find((e) => e.key === key);
  return entry ? readWhole(entry.value, min, expected) : fallback;
}

function readMethod(field: Field): MethodSpec {
  const expected = 'a mapping with waves, points and replicates, and optionally cutoff, largest, discrepancy, emulator, candidates and margin';
  const entries = mapEntries(field, expected);
  return collectProblems((problems) => {
    problems.check(() => checkKeys(entries, METHOD_KEYS, 'method keys'));
    const get = (key: string) => entries.find((e) => e.key === key);
    const need = (key: string, min: number, what: string) =>
      problems.check(() => {
        const e = get(key);
        if (!e) return fail({ ...field.at, path: [...field.at.path, key] }, `missing required key "${key}"`, `${key}: ${what}`, `Add "${key}: …" under method.`);
        return readWhole(e.value, min, what);
      });
    const waves = need('waves', 1, 'a whole number of history-matching waves, 1 or more, e.g. waves: 3');
    const points = need('points', 4, 'a whole number of parameter points a wave, 4 or more, e.g. points: 60');
    const replicates = need('replicates', 2, 'a whole number of runs a point, 2 or more (the model\'s own variance is estimated from them), e.g. replicates: 2');
    const cutoff = problems.check(() => positive(get('cutoff'), 'the implausibility cutoff, a number above 0, e.g. cutoff: 3', 3), 3);
    const largest = problems.check(() => {
      const e = get('largest');
      if (!e) return 1 as const;
      const k = readWhole(e.value, 1, '1 (cut on the largest implausibility) or 2 (on the second largest)');
      if (k > 2) fail(e.value.at, `${k} is not 1 or 2`, '1 (cut on the largest implausibility) or 2 (on the second largest)');
      return k as 1 | 2;
    }, 1 as const);
    const discrepancy = problems.check(() => {
      const e = get('discrepancy');
      if (!e) return 0.1;
      const v = readNumber(e.value, 'the model discrepancy sd as a share of each target\'s value, 0 or more, e.g. discrepancy: 0.1');
      if (v < 0) fail(e.value.at, `${v} is below 0`, 'a share 0 or more, e.g. 0.1 (10% of each target)');
      return v;
    }, 0.1);
    const emulatorEntry = get('emulator');
    const emulator = problems.check(() => (emulatorEntry ? readBoolean(emulatorEntry.value, 'true (Gaussian-process emulators screen each later wave\'s candidates) or false') : true), true);
    const candidates = problems.check(() => readCount(entries, 'candidates', 1, 'a whole number of candidate points the emulators screen a stage, e.g. candidates: 5000', Math.max(2000, 50 * (points ?? 1))), 2000);
    const margin = problems.check(() => {
      const e = get('margin');
      if (!e) return 0.1;
      const v = readNumber(e.value, 'a share of each prior range, 0 to 1, e.g. margin: 0.1');
      if (v < 0 || v > 1) fail(e.value.at, `${v} is not between 0 and 1`, 'a share of each prior range, 0 to 1, e.g. margin: 0.1');
      return v;
    }, 0.1);
    if (waves === undefined || points === undefined || replicates === undefined || problems.any) return problems.stop();
    if (candidates < points && emulator) fail(get('candidates')!.value.at, `${candidates} candidates are fewer than the ${points} points a wave takes`, `at least ${points} (many more: the emulators keep only some)`);
    return { waves, points, replicates, cutoff, largest, discrepancy, emulator, candidates, margin };
  });
}

function positive(entry: Entry | undefined, expected: string, fallback: number): number {
  if (!entry) return fallback;
  const v = readNumber(entry.value, expected);
  if (!(v > 0)) fail(entry.value.at, `${v} is not above 0`, expected);
  return v;
}

function readAbc(entry: Entry | undefined, wavePoints: number): AbcSpec {
  const defaults: AbcSpec = { points: wavePoints, replicates: 1, accept: 0.2 };
  if (!entry || isEmpty(entry.value)) return defaults;
  const entries = mapEntries(entry.value, 'a mapping with points, replicates and accept, e.g. {points: 200, replicates: 1, accept: 0.2}');
  return collectProblems((problems) => {
    problems.check(() => checkKeys(entries, ABC_KEYS, 'abc keys'));
    const get = (key: string) => entries.find((e) => e.key === key);
    const points = problems.check(() => readCount(entries, 'points', 1, 'a whole number of ABC points, e.g. points: 200', defaults.points), defaults.points);
    const replicates = problems.check(() => readCount(entries, 'replicates', 1, 'a whole number of runs an ABC point, 1 or more', defaults.replicates), defaults.replicates);
    const accept = problems.check(() => {
      const e = get('accept');
      if (!e) return defaults.accept;
      const v = readNumber(e.value, 'the share of ABC points kept in the posterior, above 0 and at most 1, e.g. accept: 0.2');
      if (!(v > 0 && v <= 1)) fail(e.value.at, `${v} is not above 0 and at most 1`, 'a share such as 0.2 (the 20% of points closest to the record)');
      return v;
    }, defaults.accept);
    return { points, replicates, accept };
  });
}

function readTargetsPath(entry: Entry | undefined): string {
  if (!entry) return defaultTargetsFile();
  const written = readString(entry.value, 'a path to a targets CSV file, relative to the calibration file, e.g. ../../data/targets.csv');
  const file = path.resolve(path.dirname(entry.value.at.source.file), written);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(entry.value.at, `no such targets file "${written}" (looked for ${path.relative(process.cwd(), file) || file})`, 'a path to an existing targets CSV file, relative to the calibration file', 'Leave targetsFile out to use the project\'s data/targets.csv.');
  return file;
}

// --- parameters ---

function readParameters(entry: Entry, scenario: Variant, context: ScenarioContext): Factor[] {
  // Read as the factors of a Latin hypercube (a range is a uniform prior), and checked for what a
  // calibration needs besides: a continuous prior, since the waves sample and emulate between points.
  const items = seqItems(entry.value, 'a list of parameters, each starting with "- path: …"');
  return collectProblems((problems) => {
    for (const item of items) {
      problems.check(() => {
        const discrete = mapEntries(item, 'a parameter: a mapping with path and range').find((e) => e.key === 'levels' || e.key === 'steps');
        if (discrete) fail(discrete.keyAt, `a calibration parameter has no ${discrete.key}`, 'a continuous prior: range: [low, high] (uniform) or distribution: {type: …}', 'History matching samples and emulates between points; use range.');
      });
    }
    return problems.check(() => readFactors(entry, { type: 'lhs', samples: 1 }, [scenario], context)) ?? [];
  });
}

// --- targets ---

const inRun = (scenario: ResolvedScenario, window: Period) =>
  window[0] >= scenario.start && window[1] <= scenario.end && monthsInPeriod(new Calendar(scenario.start, scenario.end).months, window).length > 0;

function outsideRun(target: Target, scenario: ResolvedScenario): string | null {
  for (const window of [target.window, ...(target.baseWindow ? [target.baseWindow] : [])]) {
    if (!inRun(scenario, window)) return `its window ${window.join('..')} is not inside the run of ${scenario.name} (${scenario.start}..${scenario.end})`;
  }
  return null;
}

interface Chosen {
  fit: Target[];
  validation: Target[];
  skipped: { id: string; reason: string }[];
}

function chooseTargets(all: Target[], fitEntry: Entry | undefined, validationEntry: Entry | undefined, scenario: ResolvedScenario, root: At, parameters: readonly Factor[]): Chosen {
  const skipped: Chosen['skipped'] = [];
  return collectProblems((problems) => {
    const pick = (entry: Entry | undefined, use: 'fit' | 'validation'): Target[] => {
      const ofUse = all.filter((t) => t.use === use);
      const other = use === 'fit' ? 'validation' : 'fit';
      const key = use === 'fit' ? 'targets' : 'validation';
      const expected = `all${use === 'validation' ? ', none' : ''}, or a list of ${use} target ids of the targets file (${listOf(ofUse.map((t) => t.id))})`;
      const node = entry ? entry.value.at.source.resolve(entry.value.node) : undefined;
      if (!entry || (isScalar(node) && node.value === 'all') || isEmpty(entry.value)) {
        return ofUse.filter((t) => {
          const why = outsideRun(t, scenario);
          if (why) skipped.push({ id: t.id, reason: why });
          return !why;
        });
      }
      if (use === 'validation' && isScalar(node) && node.value === 'none') return [];
      if (!isSeq(node)) fail(entry.value.at, `${describe(node)} is not a list of target ids`, expected);
      const chosen: Target[] = [];
      for (const item of seqItems(entry.value, expected)) {
        problems.check(() => {
          const id = readString(item, expected);
          const target = all.find((t) => t.id === id);
          if (!target) fail(item.at, `unknown target "${id}"`, expected, didYouMean(id, all.map((t) => t.id)));
          if (target.use !== use) fail(item.at, `"${id}" is a ${other} target (use = ${other} in the targets file)`, `a ${use} target under ${key}:`, use === 'fit' ? 'Validation targets are never fit: they are reported as out-of-sample fit. List it under validation:, or change its use in the targets file.' : 'List it under targets:.');
          if (chosen.includes(target)) fail(item.at, `the target ${id} is listed twice`, 'each target once');
          const why = outsideRun(target, scenario);
          if (why) fail(item.at, `the target ${id} cannot be held against this scenario: ${why}`, 'targets whose windows lie inside the scenario\'s run', 'Remove it, or calibrate a scenario that covers its years.');
          chosen.push(target);
        });
      }
      return chosen;
    };
    const fit = problems.check(() => pick(fitEntry, 'fit'), []);
    const validation = problems.check(() => pick(validationEntry, 'validation'), []);
    if (!problems.any && fit.length === 0) fail(fitEntry?.value.at ?? { ...root, path: ['targets'] }, 'no fit target lies inside the scenario\'s run', `fit targets whose windows lie inside ${scenario.start}..${scenario.end}`);
    // Target columns sit beside the parameter columns in the stages' tables.
    for (const t of [...fit, ...validation]) {
      if (FIXED_COLUMNS.includes(t.id) || parameters.some((p) => p.name === t.id)) {
        problems.check(() => fail({ ...root, path: ['targets'] }, `the target id ${t.id} is also a parameter name or a fixed column`, 'target ids different from the parameters\' names'));
      }
    }
    return { fit, validation, skipped };
  });
}

/** The column(s) a target's model value is computed from in a stage's table. */
export function targetColumns(target: Target): string[] {
  return target.statistic === 'ratio' ? [`${target.id}.window`, `${target.id}.base`] : [target.id];
}

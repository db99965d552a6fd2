import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { POSTERIOR_CSV } from '../calibrate/fileNames';
import { readPosteriorSample, type PosteriorSample } from '../calibrate/posterior';
import { choosePosteriorPoints, posteriorFactors } from '../calibrate/posteriorPoints';
import { Calendar, ECHELONS, MARKETS, type Echelon, type Market, type RowKey } from '../core';
import { UserError } from '../errors';
import { METRICS } from '../metrics/series';
import { monthsInPeriod } from '../metrics/windows';
import { loadScenario, ROW_KEYS } from '../scenario';
import { districtsOf, type ScenarioContext } from '../scenario/context';
import { scenarioContext } from '../scenario/projectContext';
import { checkKeys, describe, fail, isEmpty, mapEntries, mistypedKeys, readNumber, readPeriod, readString, seqItems, type Entry, type Field } from '../scenario/fields';
import { collectProblems, readEach } from '../scenario/problems';
import { CALIBRATION_MARKERS, SWEEP_MARKERS, TOP_LEVEL_KEYS } from '../scenario/schema';
import { closestMatch, didYouMean, listOf } from '../scenario/suggest';
import { readYamlSource, yamlFilesBeside, type At } from '../scenario/yamlSource';
import { designRegistry } from './designs/registry';
import { domainBounds, type Domain } from './domains';
import { resolveFactorPath, FACTOR_PATH_EXPECTED } from './factors';
import { sha256Hex } from './hash';
import { ALL_ROWS, outputColumns } from './outputs';
import { AGGREGATE_STATISTICS, DESIGN_TYPES, POSTERIOR_DESIGN, type AggregateSpec, type AggregateStatistic, type DesignSpec, type DesignType, type Factor, type OutputSpec, type SweepSpec, type Variant } from './spec';

// Reading a sweep file. Every check points at the line and key path to fix, with what was expected
// and, where it can, a suggestion, in the same words and format as scenario files (ScenarioError).

export const SWEEP_KEYS = ['name', 'description', 'scenario', 'scenarios', 'design', 'samples', 'replicates', 'seed', 'factors', 'outputs'];
const SHAPE = 'a sweep: a mapping with name, description, scenario (or scenarios), design, samples, replicates, seed, factors and outputs';
const FACTOR_KEYS = ['path', 'name', 'range', 'steps', 'levels', 'distribution'];
const DISTRIBUTIONS = ['uniform', 'loguniform', 'normal', 'triangular'] as const;
const OUTPUT_KEYS = ['verdicts', 'displacement', 'dutchLink', 'aggregates'];
const AGGREGATE_KEYS = ['name', 'metric', 'market', 'echelon', 'districts', 'window', 'statistic', 'channel', 'buyer', 'origin', 'size'];
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9._:-]*$/;
/** Table columns that are not factors or outputs; factor and aggregate names must differ from them. */
export const FIXED_COLUMNS = ['point', 'scenario', 'replicate', 'seed', 'status', 'error'];

export interface ReadSweepOptions {
  context?: Partial<ScenarioContext>;
}

/**
 * Reads and checks a sweep file and the scenarios it names. Every key is checked on its own, so a
 * ScenarioError lists all the problems found; the factors and outputs are checked only when the
 * scenarios load, since policy factors and aggregate windows are checked against them.
 */
export function readSweepFile(file: string, options: ReadSweepOptions = {}): SweepSpec {
  const context = scenarioContext(options.context);
  const source = readYamlSource(file, 'a sweep file');
  return collectProblems((problems) => {
    const root = source.root();
    const top: Field = { node: source.doc.contents, at: root };
    if (isEmpty(top)) fail(root, 'the file is empty', SHAPE);
    const entries = mapEntries(top, SHAPE);
    rejectScenarioFile(entries, source.display);
    problems.check(() => checkKeys(entries, SWEEP_KEYS, 'sweep keys'));
    const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
    // Keys written with a typo: reported as unknown keys above, so not also as missing.
    const mistyped = mistypedKeys(entries, SWEEP_KEYS);
    const required = <T>(key: string, expected: string, read: (entry: Entry) => T): T | undefined =>
      problems.check(() => {
        const entry = get(key);
        if (entry) return read(entry);
        return mistyped.includes(key) ? undefined : fail({ source, path: [key] }, `missing required key "${key}"`, expected, `Add "${key}: …" to the sweep file.`);
      });

    const name = required('name', 'a name for the sweep, e.g. name: icriterion-lhs', (e) => readName(e.value, 'a name of letters, digits, dots, dashes and underscores, e.g. icriterion-lhs'));
    const description = required('description', 'a text saying what the sweep varies and why', (e) => readString(e.value, 'a text saying what the sweep varies and why'));
    const designEntry = get('design');
    const isPosterior = designEntry !== undefined && namesPosterior(designEntry);
    const posterior = isPosterior ? problems.check(() => readPosteriorDesign(designEntry, get('samples'))) : undefined;
    const design = isPosterior ? undefined : required('design', `one of ${FILE_DESIGNS.join(', ')}`, (e) => readDesign(e, get('samples'), mistyped.includes('samples')));
    const replicates = problems.check(() => readCount(get('replicates'), 1, 'a whole number of replicates per design point, 1 or more, e.g. replicates: 2'), 1);
    const seedEntry = get('seed');
    const seed = problems.check(() => (seedEntry ? readWhole(seedEntry.value, 0, 'a whole number 0 or more, e.g. seed: 1') : 1), 1);
    // After the sweep's own keys, so that its problems are listed before those of its scenarios.
    const scenarioMistyped = mistyped.includes('scenario') || mistyped.includes('scenarios');
    const variants = problems.check(() => readVariants(get('scenario'), get('scenarios'), root, context, scenarioMistyped));
    if (!variants) return problems.stop();
    const fromPosterior = posterior && problems.check(() => posteriorDesign(posterior, get('factors'), variants, context, seed));
    const factors = isPosterior ? fromPosterior?.factors : required('factors', 'a list of factors, each with a path and a range, levels or distribution', (e) => readFactors(e, design, variants, context));
    const outputs = problems.check(() => readOutputs(get('outputs'), variants, context, factors ?? []));
    const designSpec = isPosterior ? fromPosterior?.design : design;
    // Each of these is undefined only after a problem, which ends the reading here.
    if (!name || !description || !designSpec || !factors || !outputs || problems.any) return problems.stop();
    return {
      file: source.file,
      fileHash: sha256Hex(fs.readFileSync(source.file)),
      name,
      description,
      variants,
      design: designSpec,
      replicates,
      seed,
      factors,
      outputs,
    };
  });
}

/** A scenario given where a sweep file is expected: told as such, rather than as a list of unknown keys. */
function rejectScenarioFile(entries: readonly Entry[], display: string): void {
  if (entries.some((e) => SWEEP_MARKERS.includes(e.key))) return;
  const calibration = entries.find((e) => CALIBRATION_MARKERS.includes(e.key));
  if (calibration) {
    fail(calibration.keyAt, `this looks like a calibration file (it has ${calibration.key}:), not a sweep`, `a sweep file with ${SWEEP_MARKERS.map((k) => `${k}:`).join(' and ')} (docs/SWEEPS.md)`, `Run it with \`waterbed calibrate ${display}\`.`);
  }
  const scenarioKeys = entries.filter((e) => TOP_LEVEL_KEYS.includes(e.key) && !SWEEP_KEYS.includes(e.key));
  if (scenarioKeys.length === 0) return;
  const keys = scenarioKeys.slice(0, 3).map((e) => `${e.key}:`);
  const shown = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}` : keys[0];
  fail(
    scenarioKeys[0].keyAt,
    `this looks like a scenario file (it has ${shown}), not a sweep`,
    `a sweep file with ${SWEEP_MARKERS.map((k) => `${k}:`).join(' and ')} (docs/SWEEPS.md)`,
    `Run it with \`waterbed run ${display}\`, or name it in a sweep file's scenario: key.`,
  );
}

export function readName(field: Field, expected: string): string {
  const text = readString(field, expected);
  if (!NAME_PATTERN.test(text)) fail(field.at, `"${text}" is not a usable name`, expected);
  return text;
}

export function readWhole(field: Field, min: number, expected: string): number {
  const value = readNumber(field, expected);
  if (!Number.isInteger(value)) fail(field.at, `${value} is not a whole number`, expected, `Did you mean ${Math.round(value)}?`);
  if (value < min || value > Number.MAX_SAFE_INTEGER) fail(field.at, `${value} is ${value < min ? `below ${min}` : 'too large'}`, expected);
  return value;
}

function readCount(entry: Entry | undefined, fallback: number, expected: string): number {
  return entry ? readWhole(entry.value, 1, expected) : fallback;
}

// --- scenarios ---

/** The scenarios of the sweep; undefined when the key is only there mistyped (reported as an unknown key). */
function readVariants(single: Entry | undefined, many: Entry | undefined, root: At, context: ScenarioContext, mistyped: boolean): Variant[] | undefined {
  if (single && many) fail(many.keyAt, 'the sweep has both scenario and scenarios', 'one of the two: scenario: <file> for one scenario, or scenarios: {name: file, …} for variants run at every design point', 'Remove one of the two.');
  if (!single && !many && mistyped) return undefined;
  if (!single && !many) fail({ ...root, path: ['scenario'] }, 'missing required key "scenario"', 'scenario: <file> (the base scenario, relative to this file), or scenarios: {name: file, …}', 'Add "scenario: ../baseline.yaml" or the scenario the sweep varies.');
  if (single) {
    const file = scenarioFile(single.value);
    const scenario = loadScenario(file, { context });
    return [{ name: scenario.name, file, scenario }];
  }
  const entries = mapEntries(many!.value, 'a mapping from a variant name to a scenario file, e.g. {baseline: ../baseline.yaml, short-blows: ../short-blows.yaml}');
  if (entries.length === 0) fail(many!.value.at, 'no scenarios', 'at least one name: file pair');
  return readEach(entries, (e) => {
    if (!NAME_PATTERN.test(e.key)) fail(e.keyAt, `"${e.key}" is not a usable variant name`, 'a name of letters, digits, dots, dashes and underscores');
    const file = scenarioFile(e.value);
    return { name: e.key, file, scenario: loadScenario(file, { context }) };
  });
}

export function scenarioFile(field: Field): string {
  const written = readString(field, 'a path to a scenario file, relative to the sweep file, e.g. ../baseline.yaml');
  const file = path.resolve(path.dirname(field.at.source.file), written);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    const match = closestMatch(path.basename(written), yamlFilesBeside(file));
    const hint = match && `Did you mean "${path.join(path.dirname(written), match).split(path.sep).join('/')}"?`;
    fail(field.at, `no such scenario file "${written}" (looked for ${path.relative(process.cwd(), file) || file})`, 'a path to an existing scenario file, relative to the sweep file', hint);
  }
  return file;
}

// --- design ---

/** The designs a sweep file can name: the generated ones, and a calibration's posterior. */
const FILE_DESIGNS = [...DESIGN_TYPES, POSTERIOR_DESIGN];
const POSTERIOR_EXPECTED = 'design: {type: posterior, calibration: <a finished calibration folder, relative to this file>}';

/** A posterior design read from the file: the calibration's posterior, and how many of its points to run. */
interface PosteriorRead {
  /** the calibration folder as the sweep file writes it */
  written: string;
  sample: PosteriorSample;
  sha256: string;
  /** samples: how many accepted points to run (all when absent) */
  count?: number;
}

function namesPosterior(entry: Entry): boolean {
  const node = entry.value.at.source.resolve(entry.value.node);
  if (!isMap(node)) return false;
  const type = mapEntries(entry.value, POSTERIOR_EXPECTED).find((p) => p.key === 'type');
  const value = type && type.value.at.source.resolve(type.value.node);
  return isScalar(value) && value.value === POSTERIOR_DESIGN;
}

function readPosteriorDesign(entry: Entry, samples: Entry | undefined): PosteriorRead {
  const parts = mapEntries(entry.value, POSTERIOR_EXPECTED);
  checkKeys(parts, ['type', 'calibration'], 'posterior design keys');
  const folderEntry = parts.find((p) => p.key === 'calibration') ?? fail(entry.value.at, 'the posterior design names no calibration', POSTERIOR_EXPECTED, 'Add "calibration: ../../results/calibration-<name>", the folder `waterbed calibrate` wrote.');
  const written = readString(folderEntry.value, 'the path of a finished calibration folder, relative to the sweep file');
  const folder = path.resolve(path.dirname(folderEntry.value.at.source.file), written);
  let sample: PosteriorSample;
  try {
    sample = readPosteriorSample(folder, `"${written}"`);
  } catch (e) {
    // The folder's own problems ("problem; expected …"), said at the line that names it.
    if (!(e instanceof UserError)) throw e;
    const [problem, expected] = e.message.split(/; expected (.*)/s);
    fail(folderEntry.value.at, problem, expected?.replace(/\.$/, '') ?? 'a finished calibration folder that ended with a posterior (calibration.json and posterior.csv)');
  }
  const sha256 = sha256Hex(fs.readFileSync(path.join(folder, POSTERIOR_CSV)));
  const count = samples ? readWhole(samples.value, 1, `a whole number of the posterior's points to run, 1 or more (it holds ${sample.points.length}); leave it out to run them all`) : undefined;
  return { written, sample, sha256, count };
}

/**
 * A posterior design's factors and points: the calibration's parameters, set by the paths it set them
 * by, each a list of levels (the chosen points' values in order) that the points design's row r picks
 * all at once (every unit coordinate (r + ½) / K), so each run is one whole posterior point.
 */
function posteriorDesign(read: PosteriorRead, factorsEntry: Entry | undefined, variants: Variant[], context: ScenarioContext, seed: number): { factors: Factor[]; design: DesignSpec } {
  if (factorsEntry) fail(factorsEntry.keyAt, 'a posterior design takes its factors from the calibration', "no factors: with design: {type: posterior, …}; the calibration's parameters are the factors", 'Remove factors:, or use design: lhs with factors of your own.');
  const { sample } = read;
  const chosen = choosePosteriorPoints(read.count ?? sample.points.length, sample.points.length, seed);
  const factors = posteriorFactors(sample, variants, context).map((f, k): Factor => ({ ...f, domain: { kind: 'levels', levels: chosen.map((i) => sample.points[i].values[k]) } }));
  const unit = chosen.map((_, r) => factors.map(() => (r + 0.5) / chosen.length));
  const posterior = { folder: read.written, calibration: sample.calibration, ids: chosen.map((i) => sample.points[i].id), sha256: read.sha256 };
  return { factors, design: { type: 'points', samples: chosen.length, unit, posterior } };
}

function readDesign(entry: Entry, samples: Entry | undefined, samplesMistyped: boolean): DesignSpec | undefined {
  const expected = `one of ${DESIGN_TYPES.join(', ')}, or a mapping such as {type: morris, levels: 4} or {type: posterior, calibration: DIR}`;
  const node = entry.value.at.source.resolve(entry.value.node);
  let type: DesignType;
  let levels: number | undefined;
  let typeAt = entry.value.at;
  if (isMap(node)) {
    const parts = mapEntries(entry.value, expected);
    checkKeys(parts, ['type', 'levels'], 'design keys');
    const typeEntry = parts.find((p) => p.key === 'type') ?? fail(entry.value.at, 'the design has no type', `type: ${DESIGN_TYPES.join(' | ')}`);
    typeAt = typeEntry.value.at;
    type = designType(typeEntry.value, expected);
    const levelsEntry = parts.find((p) => p.key === 'levels');
    if (levelsEntry) {
      if (type !== 'morris') fail(levelsEntry.keyAt, `levels is a setting of the morris design, not of ${type}`, 'no levels here; factors give their own levels', 'Remove it.');
      levels = readWhole(levelsEntry.value, 2, 'an even whole number of grid levels, 2 or more, e.g. levels: 4');
      if (levels % 2 !== 0) fail(levelsEntry.value.at, `${levels} levels is odd`, 'an even number of levels (4 is usual), so each step Δ = p/(2(p−1)) lands on the grid', `Did you mean ${levels + 1}?`);
    }
  } else {
    type = designType(entry.value, expected);
  }
  if (type === 'morris') levels ??= 4;
  const wants = designRegistry.get(type)!.samples;
  if (!wants) {
    if (samples) fail(samples.keyAt, `a ${type} design has no sample size (a grid takes every combination of its factors' levels)`, `no samples with design: ${type}`, 'Remove samples, or use design: lhs for a sample.');
    return { type };
  }
  if (!samples && samplesMistyped) return undefined;
  if (!samples) fail({ ...typeAt, path: ['samples'] }, `missing required key "samples" for design ${type}`, `samples: the number of ${wants.meaning}`, 'Add e.g. "samples: 20".');
  const n = readWhole(samples.value, wants.minimum, `a whole number of ${wants.meaning}, ${wants.minimum} or more`);
  return levels === undefined ? { type, samples: n } : { type, samples: n, levels };
}

function designType(field: Field, expected: string): DesignType {
  const text = readString(field, expected);
  if (text === POSTERIOR_DESIGN) fail(field.at, 'a posterior design needs the calibration whose posterior it runs', POSTERIOR_EXPECTED);
  if (!(DESIGN_TYPES as readonly string[]).includes(text)) fail(field.at, `unknown design "${text}"`, expected, didYouMean(text, FILE_DESIGNS));
  return text as DesignType;
}

// --- factors ---

/** The factors, each read on its own; `design` is undefined when it could not be read (its own checks are then skipped). */
export function readFactors(entry: Entry, design: DesignSpec | undefined, variants: Variant[], context: ScenarioContext): Factor[] {
  const items = seqItems(entry.value, 'a list of factors, each starting with "- path: …"');
  if (items.length === 0) fail(entry.value.at, 'the list of factors is empty', 'at least one factor, e.g. - {path: enforcement.priority.cannabis, range: [0.5, 2]}');
  return collectProblems((problems) => {
    const factors = items.map((item) => problems.check(() => readFactor(item, design, variants, context)));
    const seen = new Map<string, number>();
    const paths = new Map<string, number>();
    factors.forEach((f, i) => {
      if (!f) return;
      problems.check(() => {
        if (FIXED_COLUMNS.includes(f.name)) fail(items[i].at, `the factor name "${f.name}" is a fixed column of the table`, `a name other than ${FIXED_COLUMNS.join(', ')}`, 'Give the factor another name: key.');
        const before = seen.get(f.name);
        if (before !== undefined) fail(items[i].at, `two factors are named "${f.name}" (factors[${before}] and factors[${i}])`, 'a different name for each factor', 'Give one of them a name: key.');
        seen.set(f.name, i);
      });
      problems.check(() => {
        const before = paths.get(f.path);
        if (before !== undefined) fail(items[i].at, `factors[${before}] and factors[${i}] set the same path "${f.path}"`, 'each path once');
        paths.set(f.path, i);
      });
    });
    return factors as Factor[];
  });
}

function readFactor(field: Field, design: DesignSpec | undefined, variants: Variant[], context: ScenarioContext): Factor {
  const entries = mapEntries(field, 'a factor: a mapping with path and one of range, levels or distribution');
  checkKeys(entries, FACTOR_KEYS, 'factor keys');
  const get = (key: string) => entries.find((e) => e.key === key);
  const pathEntry = get('path') ?? fail(field.at, 'the factor has no path', `path: ${FACTOR_PATH_EXPECTED}`);
  const written = readString(pathEntry.value, FACTOR_PATH_EXPECTED);
  const resolved = resolveFactorPath(written, pathEntry.value.at, variants, context);
  const nameEntry = get('name');
  const name = nameEntry ? readName(nameEntry.value, 'a column name of letters, digits, dots, dashes, colons and underscores') : written;

  const given = ['range', 'levels', 'distribution'].filter((k) => get(k));
  if (given.length !== 1) {
    const problem = given.length === 0 ? 'the factor has no values' : `the factor has both ${given.join(' and ')}`;
    fail(given.length ? get(given[1])!.keyAt : field.at, problem, 'exactly one of range: [low, high], levels: [values…] or distribution: {type: …}', given.length ? 'Keep one of them.' : undefined);
  }
  const steps = get('steps');
  if (steps && !get('range')) fail(steps.keyAt, 'steps goes with range', 'steps only beside range: [low, high]');
  const inRange = (value: number, at: At) => {
    if (resolved.range && (value < resolved.range[0] || value > resolved.range[1])) {
      fail(at, `${value} is outside ${resolved.rangeOf}`, `values from ${resolved.range[0]} to ${resolved.range[1]}`);
    }
    if (resolved.integer && !Number.isInteger(value)) fail(at, `${value} is not a whole number, but ${written} counts things`, 'whole numbers', `Did you mean ${Math.round(value)}?`);
  };

  let domain: Domain;
  if (get('range')) {
    const rangeField = get('range')!.value;
    const [lo, hi] = readPair(rangeField, 'a range [low, high] of two numbers, low below high, e.g. [0.5, 2]');
    inRange(lo, rangeField.at);
    inRange(hi, rangeField.at);
    if (steps) {
      const n = readWhole(steps.value, 2, 'a whole number of evenly spaced values, 2 or more, e.g. steps: 5');
      const levels = Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
      domain = { kind: 'levels', levels: resolved.integer ? [...new Set(levels.map(Math.round))] : levels };
    } else {
      if (design?.type === 'grid') fail(rangeField.at, 'a grid needs a finite list of values', 'levels: [values…], or range with steps: n for n evenly spaced values', 'Add "steps: 3" beside the range, or use levels.');
      domain = { kind: 'uniform', min: lo, max: hi };
    }
  } else if (get('levels')) {
    const levelsField = get('levels')!.value;
    const items = seqItems(levelsField, 'a list of numbers, e.g. [0.5, 1, 2]');
    if (items.length === 0) fail(levelsField.at, 'the list of levels is empty', 'at least one value');
    const levels = items.map((item) => {
      const v = readNumber(item, 'a number');
      inRange(v, item.at);
      return v;
    });
    const twice = levels.findIndex((v, i) => levels.indexOf(v) !== i);
    if (twice >= 0) fail(items[twice].at, `the level ${levels[twice]} is listed twice`, 'each value once');
    domain = { kind: 'levels', levels };
  } else {
    if (design?.type === 'grid') fail(get('distribution')!.keyAt, 'a grid needs a finite list of values, not a distribution', 'levels: [values…], or range: [low, high] with steps: n');
    domain = readDistribution(get('distribution')!.value, resolved.range, resolved.rangeOf);
    const [lo, hi] = domainBounds(domain);
    inRange(lo, get('distribution')!.value.at);
    inRange(hi, get('distribution')!.value.at);
  }
  return { name, path: written, target: resolved.target, domain, integer: resolved.integer };
}

function readPair(field: Field, expected: string): [number, number] {
  const items = seqItems(field, expected);
  if (items.length !== 2) fail(field.at, `a list of ${items.length} values is not a range`, expected);
  const lo = readNumber(items[0], expected);
  const hi = readNumber(items[1], expected);
  if (!(lo < hi)) fail(field.at, `the range [${lo}, ${hi}] is empty or reversed`, expected, lo > hi ? `Did you mean [${hi}, ${lo}]?` : 'Use levels: [value] for a fixed value.');
  return [lo, hi];
}

function readDistribution(field: Field, range: [number, number] | undefined, rangeOf: string): Domain {
  const expected = 'a mapping with type (uniform, loguniform, normal or triangular) and its numbers, e.g. {type: normal, mean: 1, sd: 0.2}';
  const entries = mapEntries(field, expected);
  const get = (key: string) => entries.find((e) => e.key === key);
  const typeEntry = get('type') ?? fail(field.at, 'the distribution has no type', expected);
  const type = readString(typeEntry.value, expected);
  if (!(DISTRIBUTIONS as readonly string[]).includes(type)) fail(typeEntry.value.at, `unknown distribution "${type}"`, `one of ${DISTRIBUTIONS.join(', ')}`, didYouMean(type, DISTRIBUTIONS));
  const allowed: Record<string, string[]> = { uniform: ['min', 'max'], loguniform: ['min', 'max'], normal: ['mean', 'sd', 'min', 'max'], triangular: ['min', 'mode', 'max'] };
  checkKeys(entries, ['type', ...allowed[type]], `keys of a ${type} distribution`);
  const num = (key: string, fallback?: number): number => {
    const e = get(key);
    if (e) return readNumber(e.value, `a number (${key})`);
    if (fallback !== undefined) return fallback;
    return fail(field.at, `the ${type} distribution has no ${key}`, `${allowed[type].join(', ')}${type === 'normal' ? ' (min and max default to ' + rangeOf + ')' : ''}`);
  };
  switch (type) {
    case 'uniform':
    case 'loguniform': {
      const min = num('min');
      const max = num('max');
      if (!(min < max)) fail(field.at, `min ${min} is not below max ${max}`, 'min < max');
      if (type === 'loguniform' && !(min > 0)) fail(get('min')!.value.at, `a loguniform distribution needs min > 0, got ${min}`, 'a positive min');
      return { kind: type, min, max };
    }
    case 'normal': {
      const mean = num('mean');
      const sd = num('sd');
      if (!(sd > 0)) fail(get('sd')!.value.at, `sd ${sd} is not positive`, 'a standard deviation above 0');
      // Truncated to the parameter's range so that no draw is outside what the model accepts, and
      // so that the quantiles 0 and 1 (which Morris designs use) stay finite.
      if (!range && (!get('min') || !get('max'))) fail(field.at, 'a normal distribution of a parameter without a range needs min and max', 'min and max to truncate the normal at');
      const min = num('min', range?.[0]);
      const max = num('max', range?.[1]);
      if (!(min < max)) fail(field.at, `min ${min} is not below max ${max}`, 'min < max');
      if (mean < min || mean > max) fail(get('mean')!.value.at, `the mean ${mean} is outside [${min}, ${max}]`, 'a mean inside the truncation bounds');
      return { kind: 'normal', mean, sd, min, max };
    }
    default: {
      const min = num('min');
      const mode = num('mode');
      const max = num('max');
      if (!(min < max) || mode < min || mode > max) fail(field.at, `min ${min}, mode ${mode}, max ${max} are not in order`, 'min ≤ mode ≤ max and min < max');
      return { kind: 'triangular', min, mode, max };
    }
  }
}

// --- outputs ---

function readOutputs(entry: Entry | undefined, variants: Variant[], context: ScenarioContext, factors: Factor[]): OutputSpec {
  if (!entry || isEmpty(entry.value)) return { verdicts: [...ALL_ROWS], displacement: [...ALL_ROWS], dutchLink: [], aggregates: [] };
  const entries = mapEntries(entry.value, 'a mapping with verdicts, displacement, dutchLink and aggregates');
  return collectProblems((problems) => {
    problems.check(() => checkKeys(entries, OUTPUT_KEYS, 'output keys'));
    const get = (key: string) => entries.find((e) => e.key === key);
    const rows = (key: string) => {
      const found = get(key);
      return found ? problems.check(() => readRows(found.value), []) : [];
    };
    const spec: OutputSpec = { verdicts: rows('verdicts'), displacement: rows('displacement'), dutchLink: rows('dutchLink'), aggregates: [] };
    const aggregates = get('aggregates');
    if (!aggregates || isEmpty(aggregates.value)) return spec;
    // Aggregate names become columns beside the fixed, factor and verdict columns: they must differ.
    const withReference = variants.some((v) => v.scenario.reference !== null);
    const taken = new Set([...FIXED_COLUMNS, ...factors.map((f) => f.name), ...outputColumns(spec, withReference).map((c) => c.name)]);
    for (const item of seqItems(aggregates.value, 'a list of aggregates, each with name, metric, districts, window')) {
      problems.check(() => {
        const aggregate = readAggregate(item, variants, context);
        if (taken.has(aggregate.name)) fail(item.at, `the aggregate name "${aggregate.name}" is already a column of the table`, 'a name different from the factors, the fixed columns and the verdict columns');
        taken.add(aggregate.name);
        spec.aggregates.push(aggregate);
      });
    }
    return spec;
  });
}

function readRows(field: Field): RowKey[] {
  const expected = `all, none, or a list of table rows (${ROW_KEYS.join(', ')})`;
  const node = field.at.source.resolve(field.node);
  if (isScalar(node) && (node.value === 'all' || node.value === 'none')) return node.value === 'all' ? [...ALL_ROWS] : [];
  if (!isSeq(node)) fail(field.at, `${describe(node)} is not a list of rows`, expected);
  const rows: RowKey[] = [];
  for (const item of seqItems(field, expected)) {
    const row = readString(item, expected);
    if (!(ROW_KEYS as readonly string[]).includes(row)) fail(item.at, `unknown table row "${row}"`, `one of ${ROW_KEYS.join(', ')}`, didYouMean(row, ROW_KEYS));
    if (rows.includes(row as RowKey)) fail(item.at, `the row ${row} is listed twice`, 'each row once');
    rows.push(row as RowKey);
  }
  return rows;
}

function readAggregate(field: Field, variants: Variant[], context: ScenarioContext): AggregateSpec {
  const entries = mapEntries(field, 'an aggregate: {name, metric, market, echelon, districts, window, statistic}');
  checkKeys(entries, AGGREGATE_KEYS, 'aggregate keys');
  const get = (key: string) => entries.find((e) => e.key === key);
  const need = (key: string, expected: string) => get(key) ?? fail(field.at, `the aggregate has no ${key}`, `${key}: ${expected}`);
  const name = readName(need('name', 'a column name, e.g. be_cannabis_sites').value, 'a column name of letters, digits, dots, dashes and underscores, e.g. be_cannabis_sites');
  const metricNames = METRICS.map((m) => m.name);
  const metricField = need('metric', `one of ${metricNames.join(', ')}`).value;
  const metric = readString(metricField, `one of the metrics ${metricNames.join(', ')}`);
  if (!metricNames.includes(metric)) fail(metricField.at, `unknown metric "${metric}"`, `one of the metrics ${listOf(metricNames, 20)}`, didYouMean(metric, metricNames));
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const e = get(key);
    if (!e) return undefined;
    const text = readString(e.value, `one of ${allowed.join(', ')}`);
    if (!(allowed as readonly string[]).includes(text)) fail(e.value.at, `unknown ${key} "${text}"`, `one of ${allowed.join(', ')}`, didYouMean(text, allowed));
    return text as T;
  };
  const market = oneOf<Market>('market', MARKETS);
  const echelon = oneOf<Echelon>('echelon', ECHELONS);
  const statistic = oneOf<AggregateStatistic>('statistic', AGGREGATE_STATISTICS) ?? 'mean';
  const districts = readDistricts(need('districts', 'BE, NL, all, or a list of district ids').value, context);
  const windowField = need('window', 'a window [first day, last day], e.g. [2013-01-01, 2017-12-31]').value;
  const window = readPeriod(windowField);
  for (const v of variants) {
    if (window[0] < v.scenario.start || window[1] > v.scenario.end) {
      fail(windowField.at, `the window ${window.join('..')} is not inside the run of scenario ${v.name} (${v.scenario.start}..${v.scenario.end})`, 'a window inside every scenario\'s run');
    }
    if (monthsInPeriod(new Calendar(v.scenario.start, v.scenario.end).months, window).length === 0) {
      fail(windowField.at, `the window ${window.join('..')} contains no first day of a month of the run`, 'a window containing at least one month (months count from their first day)');
    }
  }
  const breakdown: AggregateSpec['breakdown'] = {};
  for (const key of ['channel', 'buyer', 'origin', 'size'] as const) {
    const e = get(key);
    if (e) breakdown[key] = readString(e.value, `a ${key} value (docs/OUTPUTS.md lists them)`);
  }
  return { name, metric, ...(market ? { market } : {}), ...(echelon ? { echelon } : {}), districts, window, statistic, breakdown };
}

function readDistricts(field: Field, context: ScenarioContext): string[] {
  const { world } = context;
  const expected = `BE, NL, all, or a list of district ids (${listOf(world.ids)})`;
  const node = field.at.source.resolve(field.node);
  if (isScalar(node) && typeof node.value === 'string') {
    if (node.value === 'BE' || node.value === 'NL') return districtsOf(world, node.value);
    if (node.value === 'all') return [...world.ids];
    if (world.ids.includes(node.value)) fail(field.at, `"${node.value}" is not a list`, expected, `Write districts: [${node.value}].`);
    fail(field.at, `"${node.value}" is not a set of districts`, expected, didYouMean(node.value, ['BE', 'NL', 'all', ...world.ids]));
  }
  const ids: string[] = [];
  for (const item of seqItems(field, expected)) {
    const id = readString(item, 'a district id');
    if (!world.ids.includes(id)) fail(item.at, `unknown district "${id}"`, `one of the ${world.ids.length} district ids (${listOf(world.ids)})`, didYouMean(id, world.ids));
    if (ids.includes(id)) fail(item.at, `district "${id}" is listed twice`, 'each district once');
    ids.push(id);
  }
  if (ids.length === 0) fail(field.at, 'the list of districts is empty', expected);
  return ids;
}

import fs from 'node:fs';
import { parseIsoDate } from '../core/calendar';
import { ECHELONS, MARKETS, type Echelon, type Market, type Period } from '../core/types';
import { parseCsv } from '../io/csv';
import { projectPath } from '../io/project';
import { METRICS } from '../metrics/series';
import { displayPath } from '../scenario/displayPath';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors';
import { didYouMean, listOf } from '../scenario/suggest';

// The calibration targets (data/targets.csv, described in data/README.md): figures of the public
// record that the model's observed indicators are held against. One row a target; every row is
// checked on its own, and all problems come back at once, each with its line and column, like a
// scenario file's.

export const TARGETS_CSV = 'data/targets.csv';

export const TARGET_COLUMNS = ['id', 'use', 'metric', 'market', 'echelon', 'breakdown', 'area', 'window', 'base_window', 'statistic', 'value', 'low', 'high', 'grade', 'sd', 'source', 'note'] as const;
export const TARGET_USES = ['fit', 'validation'] as const;
export const TARGET_STATISTICS = ['per-year', 'total', 'ratio'] as const;
export const GRADES = ['A', 'B', 'C'] as const;
const BREAKDOWN_KEYS = ['channel', 'buyer', 'origin', 'size'] as const;

/**
 * The observation sd of a target, from its reliability grade: a coefficient of variation of 10% for
 * A (official publication or answer), 20% for B (press quoting official figures) and 40% for C
 * (estimate, blog, inconsistent figure); when the record gives a range, at least half its width.
 */
export const GRADE_CV: Readonly<Record<Grade, number>> = { A: 0.1, B: 0.2, C: 0.4 };

export type TargetUse = (typeof TARGET_USES)[number];
export type TargetStatistic = (typeof TARGET_STATISTICS)[number];
export type Grade = (typeof GRADES)[number];

export interface Target {
  id: string;
  use: TargetUse;
  metric: string;
  market: Market;
  echelon: Echelon;
  /** one breakdown value, e.g. {buyer: 'BE'}; empty: the total */
  breakdown: { channel?: string; buyer?: string; origin?: string; size?: string };
  /** as written: BE, NL, a district id, or ids joined by + */
  area: string;
  districts: string[];
  window: Period;
  /** ratio targets: the window the rate is divided by */
  baseWindow: Period | null;
  statistic: TargetStatistic;
  value: number;
  low: number | null;
  high: number | null;
  grade: Grade;
  /** observation sd: the file's, or by the grade rule (gradeSd) when the file leaves it empty */
  sd: number;
  source: string;
  note: string;
  /** line in the file, for messages */
  line: number;
}

export interface TargetsFile {
  file: string;
  targets: Target[];
}

/** The observation sd by the grade rule (GRADE_CV). */
export function gradeSd(value: number, grade: Grade, low: number | null, high: number | null): number {
  const byGrade = GRADE_CV[grade] * Math.abs(value);
  return low !== null && high !== null ? Math.max(byGrade, (high - low) / 2) : byGrade;
}

/** `2015`, `2016..2018` or `2018-01-01..2018-11-30`: the first and last day of the window. */
export function parseWindow(text: string): Period | null {
  const parts = text.split('..');
  if (parts.length > 2) return null;
  const [first, last] = parts.length === 1 ? [parts[0], parts[0]] : parts;
  const start = /^\d{4}$/.test(first) ? `${first}-01-01` : first;
  const end = /^\d{4}$/.test(last) ? `${last}-12-31` : last;
  if (parseIsoDate(start) === undefined || parseIsoDate(end) === undefined || end < start) return null;
  return [start, end];
}

/** Observed metrics, and retail purchases by the buyers' country (what a count of visitors to shops counts). */
function allowedMetric(metric: string, echelon: string, breakdown: Target['breakdown']): boolean {
  const spec = METRICS.find((m) => m.name === metric);
  if (spec?.observed) return true;
  return echelon === 'retail' && breakdown.buyer !== undefined && (metric === 'transactions' || metric === 'volume_kg');
}

export interface ReadTargetsOptions {
  /** the district ids of the world, for the area column */
  districts: readonly string[];
  /** which district ids are Belgian or Dutch */
  countryOf: (district: string) => 'BE' | 'NL';
}

export function defaultTargetsFile(): string {
  return projectPath(TARGETS_CSV);
}

export function readTargetsFile(file: string, options: ReadTargetsOptions): TargetsFile {
  const shown = displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError({ file: shown, problem: `cannot read the targets file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, expected: `a CSV file of targets with the columns ${TARGET_COLUMNS.join(', ')} (${TARGETS_CSV} is the project's)` });
  }
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows[0] ?? [];
  const missing = TARGET_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new ScenarioError({ file: shown, line: 1, problem: `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, expected: `a header row with the columns ${TARGET_COLUMNS.join(', ')}` });
  }
  const problems: ScenarioProblem[] = [];
  const targets: Target[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (column: (typeof TARGET_COLUMNS)[number]) => (cells[header.indexOf(column)] ?? '').trim();
    const found: ScenarioProblem[] = [];
    const problem = (column: string, what: string, expected: string, suggestion?: string) =>
      found.push({ file: shown, line, keyPath: `${cell('id') || `row ${line}`}.${column}`, problem: what, expected, suggestion });
    const oneOf = <T extends string>(column: (typeof TARGET_COLUMNS)[number], allowed: readonly T[]): T | undefined => {
      const v = cell(column);
      if ((allowed as readonly string[]).includes(v)) return v as T;
      problem(column, v ? `unknown ${column} "${v}"` : `no ${column}`, `one of ${allowed.join(', ')}`, v ? didYouMean(v, allowed) : undefined);
      return undefined;
    };
    const number = (column: 'value' | 'low' | 'high' | 'sd', optional: boolean): number | null => {
      const v = cell(column);
      if (v === '' && optional) return null;
      const x = Number(v);
      if (v === '' || !Number.isFinite(x)) problem(column, v ? `"${v}" is not a number` : `no ${column}`, column === 'value' ? 'the recorded figure, a number above 0' : `a number, or nothing`);
      else if (!(x > 0) && column !== 'low') problem(column, `${x} is not above 0`, column === 'value' ? 'a positive figure (a count, kilograms or a ratio)' : 'a positive number');
      else return x;
      return null;
    };

    const id = cell('id');
    if (!/^[a-z][a-z0-9.-]*$/.test(id)) problem('id', id ? `"${id}" is not a usable id` : 'no id', 'an id of lower-case letters, digits, dots and dashes, starting with a letter, e.g. be-plantations-2005');
    else if (seen.has(id)) problem('id', `the id "${id}" is used twice (lines ${seen.get(id)} and ${line})`, 'each id once');
    seen.set(id, line);
    const use = oneOf('use', TARGET_USES);
    const market = oneOf('market', MARKETS);
    const echelon = oneOf('echelon', ECHELONS);
    const breakdown: Target['breakdown'] = {};
    const breakdownText = cell('breakdown');
    if (breakdownText !== '') {
      const m = /^(\w+)=(\S+)$/.exec(breakdownText);
      if (!m || !(BREAKDOWN_KEYS as readonly string[]).includes(m[1])) problem('breakdown', `"${breakdownText}" is not a breakdown`, `nothing (the total) or one of ${BREAKDOWN_KEYS.map((k) => `${k}=<value>`).join(', ')}, e.g. buyer=BE (docs/OUTPUTS.md lists the values)`);
      else breakdown[m[1] as (typeof BREAKDOWN_KEYS)[number]] = m[2];
    }
    const metric = cell('metric');
    const metricNames = METRICS.map((m) => m.name);
    if (!metricNames.includes(metric)) problem('metric', metric ? `unknown metric "${metric}"` : 'no metric', `one of the observed metrics ${METRICS.filter((m) => m.observed).map((m) => m.name).join(', ')}`, metric ? didYouMean(metric, metricNames) : undefined);
    else if (echelon && !allowedMetric(metric, echelon, breakdown)) {
      problem('metric', `${metric} is true activity, which the record never shows`, `an observed metric (${METRICS.filter((m) => m.observed).map((m) => m.name).join(', ')}), or retail transactions or volume_kg by buyer (a count of buyers in shops)`, 'Hold the record against what police or counters observe.');
    }
    const area = cell('area');
    const districts = area === 'BE' || area === 'NL' ? options.districts.filter((d) => options.countryOf(d) === area) : area.split('+');
    const unknown = area === '' ? [''] : districts.filter((d) => !options.districts.includes(d));
    if (unknown.length > 0) problem('area', area ? `unknown district "${unknown[0]}"` : 'no area', `BE, NL, a district id or district ids joined by + (${listOf(options.districts)})`, unknown[0] ? didYouMean(unknown[0], [...options.districts, 'BE', 'NL']) : undefined);
    const window = parseWindow(cell('window'));
    if (!window) problem('window', cell('window') ? `"${cell('window')}" is not a window` : 'no window', 'a year (2015), years (2016..2018) or days (2018-01-01..2018-11-30)');
    const statistic = oneOf('statistic', TARGET_STATISTICS);
    const baseText = cell('base_window');
    let baseWindow: Period | null = null;
    if (statistic === 'ratio') {
      baseWindow = parseWindow(baseText);
      if (!baseWindow) problem('base_window', baseText ? `"${baseText}" is not a window` : 'a ratio target has no base_window', 'the window whose yearly rate the ratio divides by, e.g. 2005');
    } else if (baseText !== '') problem('base_window', `a ${statistic ?? ''} target has a base_window`, 'nothing here: base_window belongs to ratio targets', 'Remove it, or make the statistic ratio.');
    const value = number('value', false);
    const low = number('low', true);
    const high = number('high', true);
    if ((low === null) !== (high === null)) problem(low === null ? 'low' : 'high', 'a range needs both ends', 'low and high both, or neither');
    else if (low !== null && high !== null && value !== null && !(low <= value && value <= high)) problem('value', `${value} is outside its range ${low}-${high}`, 'low ≤ value ≤ high');
    const grade = oneOf('grade', GRADES);
    const sdGiven = number('sd', true);
    if (found.length > 0) {
      problems.push(...found);
      return;
    }
    targets.push({
      id,
      use: use!,
      metric,
      market: market!,
      echelon: echelon!,
      breakdown,
      area,
      districts,
      window: window!,
      baseWindow,
      statistic: statistic!,
      value: value!,
      low,
      high,
      grade: grade!,
      sd: sdGiven ?? gradeSd(value!, grade!, low, high),
      source: cell('source'),
      note: cell('note'),
      line,
    });
  });
  if (problems.length > 0) throw new ScenarioError(...problems);
  if (targets.length === 0) throw new ScenarioError({ file: shown, problem: 'the file has no targets', expected: 'one row per target under the header' });
  return { file, targets };
}

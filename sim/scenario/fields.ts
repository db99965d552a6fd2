import { isMap, isScalar, isSeq } from 'yaml';
import { parseIsoDate } from '../core/calendar';
import type { Period } from '../core/types';
import { ScenarioError, type ScenarioProblem } from './errors';
import { closestMatch, didYouMean, listOf } from './suggest';
import { formatKeyPath, type At, type PathItem } from './yamlText';

// Typed reading of YAML nodes. Each reader either returns a plain value or throws a ScenarioError
// that points at the node, so the schema code reads as a list of expectations (and, through
// Problems, goes on to the next one).

/** A node of a scenario file together with where it stands. */
export interface Field {
  node: unknown;
  at: At;
}

export interface Entry {
  key: string;
  keyAt: At;
  value: Field;
}

export function fail(at: At, problem: string, expected: string, suggestion?: string): never {
  throw new ScenarioError(problemAt(at, problem, expected, suggestion));
}

function problemAt(at: At, problem: string, expected: string, suggestion?: string): ScenarioProblem {
  return { file: at.source.display, line: at.line, keyPath: at.path.length ? formatKeyPath(at.path) : undefined, problem, expected, suggestion };
}

export function childAt(parent: At, key: PathItem, node: unknown): At {
  return { source: parent.source, path: [...parent.path, key], line: parent.source.lineOf(node) ?? parent.line };
}

/** Empty (`key:` with nothing after it) counts as absent for optional collections. */
export function isEmpty(field: Field): boolean {
  const node = field.at.source.resolve(field.node);
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

const SHOWN_TEXT = 60;

export function describe(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const value = isScalar(node) ? node.value : node;
  if (value === null || value === undefined) return 'an empty value';
  // A whole text file read as YAML can be one long scalar: show its start, not the file.
  if (typeof value === 'string') return `"${value.length > SHOWN_TEXT ? `${value.slice(0, SHOWN_TEXT)}…` : value}"`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function mapEntries(field: Field, expected: string): Entry[] {
  const node = field.at.source.resolve(field.node);
  if (!isMap(node)) fail(field.at, `${describe(node)} is not a mapping`, expected);
  return node.items.map((pair) => {
    const keyNode = pair.key;
    const keyAt = { source: field.at.source, path: field.at.path, line: field.at.source.lineOf(keyNode) ?? field.at.line };
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      fail(keyAt, `${describe(keyNode)} cannot be a key`, 'plain names as keys');
    }
    const key = String(keyNode.value);
    const at = { ...keyAt, path: [...field.at.path, key] };
    return {
      key,
      keyAt: at,
      value: { node: pair.value, at: { ...at, line: field.at.source.lineOf(pair.value) ?? at.line } },
    };
  });
}

/** Rejects every key outside `allowed`, each with the closest allowed one as a suggestion. */
export function checkKeys(entries: readonly Entry[], allowed: readonly string[], whose: string): void {
  const unknown = entries.filter((entry) => !allowed.includes(entry.key));
  if (unknown.length === 0) return;
  throw new ScenarioError(
    ...unknown.map((entry) => problemAt(entry.keyAt, `unknown key "${entry.key}"`, `one of the ${whose} ${listOf(allowed, 10)}`, didYouMean(entry.key, allowed))),
  );
}

/**
 * The allowed keys that `entries` has under a mistyped name. checkKeys reports them as unknown keys
 * with the right name suggested; a check for a required key skips them, so as not to report the
 * same typo twice.
 */
export function mistypedKeys(entries: readonly Entry[], allowed: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const match = allowed.includes(entry.key) ? undefined : closestMatch(entry.key, allowed);
    return match === undefined ? [] : [match];
  });
}

export function seqItems(field: Field, expected: string): Field[] {
  const node = field.at.source.resolve(field.node);
  if (!isSeq(node)) fail(field.at, `${describe(node)} is not a list`, expected);
  return node.items.map((item, i) => ({ node: item, at: childAt(field.at, i, item) }));
}

function scalarValue(field: Field): unknown {
  const node = field.at.source.resolve(field.node);
  return isScalar(node) ? node.value : node;
}

export function readString(field: Field, expected: string): string {
  const value = scalarValue(field);
  if (typeof value !== 'string' || value.trim() === '') {
    fail(field.at, `${describe(field.at.source.resolve(field.node))} is not a text`, expected);
  }
  return value;
}

export function readNumber(field: Field, expected: string): number {
  const value = scalarValue(field);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    fail(field.at, `"${value}" is a text, not a number`, expected, 'Remove the quotes.');
  }
  fail(field.at, `${describe(field.at.source.resolve(field.node))} is not a number`, expected);
}

export function readBoolean(field: Field, expected: string): boolean {
  const value = scalarValue(field);
  if (typeof value === 'boolean') return value;
  const hint = typeof value === 'string' && /^(yes|no|on|off|y|n)$/i.test(value) ? 'Write true or false.' : undefined;
  fail(field.at, `${describe(field.at.source.resolve(field.node))} is not true or false`, expected, hint);
}

const DATE_EXPECTED = 'an ISO date YYYY-MM-DD, e.g. 2012-05-01';

export function readDate(field: Field): string {
  const value = scalarValue(field);
  // Explicit `!!timestamp` tags still produce Date objects; accept those that are whole days.
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  }
  if (typeof value === 'string' && parseIsoDate(value) !== undefined) return value;
  const shown = describe(field.at.source.resolve(field.node));
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    fail(field.at, `${shown} is not a day of the calendar`, DATE_EXPECTED);
  }
  fail(field.at, `${shown} is not a date`, DATE_EXPECTED, typeof value === 'string' ? dateHint(value) : undefined);
}

function dateHint(text: string): string | undefined {
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text.trim());
  const parts = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : undefined;
  if (!parts) return undefined;
  const iso = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
  return parseIsoDate(iso) === undefined ? undefined : `Did you mean "${iso}"?`;
}

const PERIOD_EXPECTED = 'a window [first day, last day] of two ISO dates, e.g. [2005-01-01, 2009-12-31]';

export function readPeriod(field: Field): Period {
  const items = seqItems(field, PERIOD_EXPECTED);
  if (items.length !== 2) fail(field.at, `a list of ${items.length} values is not a window`, PERIOD_EXPECTED);
  const first = readDate(items[0]);
  const last = readDate(items[1]);
  if (last < first) {
    fail(items[1].at, `the window ends (${last}) before it starts (${first})`, 'a last day on or after the first day', 'Swap the two dates if they are in the wrong order.');
  }
  return [first, last];
}

import { UserError } from '../../errors';
import { closestMatch } from '../../scenario/suggest';

// The condition of `waterbed discover --where`: which runs are the cases of interest. A small
// grammar, one comparison of the output column with a value:
//
//   [operator] value
//   operator: == (also =), !=, >=, <=, >, <; none means ==
//   value:    a number, or for == and != text, several alternatives separated by commas
//
// so `expansion`, `"== expansion"`, `"!= none"`, `"shift,expansion"`, `">= 0.5"`, `"< 0"`. A text
// column (a verdict) takes == and != with text; a numeric column takes every operator with a number.

export type Operator = '==' | '!=' | '>=' | '<=' | '>' | '<';

export interface Condition {
  /** the condition as given */
  text: string;
  operator: Operator;
  /** text alternatives (== and != on text) */
  values: string[];
  /** the number compared with (numeric columns) */
  number: number | null;
}

const OPERATORS: readonly string[] = ['==', '!=', '>=', '<=', '>', '<', '='];
const GRAMMAR = 'a value (`expansion`, `"== expansion"`, `"!= none"`, `"shift,expansion"`) or a comparison with a number (`">= 0.5"`, `"< 0"`)';

/** Parses `--where` for a column of the given type; a mistake is a UserError naming the grammar. */
export function parseCondition(text: string, column: string, type: 'text' | 'number'): Condition {
  const trimmed = text.trim();
  const op = OPERATORS.find((o) => trimmed.startsWith(o));
  const operator: Operator = op === undefined || op === '=' ? '==' : (op as Operator);
  const rest = (op ? trimmed.slice(op.length) : trimmed).trim();
  const where = `--where "${text}"`;
  if (rest === '') throw new UserError(`${where}: no value to compare ${column} with; expected ${GRAMMAR}.`);
  if (OPERATORS.some((o) => rest.startsWith(o))) throw new UserError(`${where}: two operators; expected ${GRAMMAR}.`);
  if (type === 'text') {
    if (operator !== '==' && operator !== '!=') {
      throw new UserError(`${where}: ${column} holds text (a verdict), which can only be compared with == or != (e.g. --where expansion, or --where "!= none").`);
    }
    const values = rest.split(',').map((v) => v.trim());
    if (values.some((v) => v === '')) throw new UserError(`${where}: an empty alternative; separate the values with commas, e.g. "shift,expansion".`);
    return { text: trimmed, operator, values, number: null };
  }
  const number = Number(rest);
  if (rest.includes(',') || !Number.isFinite(number)) {
    throw new UserError(`${where}: ${column} holds numbers, so the condition compares it with one number (e.g. ">= 0.5", "< 0", "== 1"); "${rest}" is not a number.`);
  }
  return { text: trimmed, operator, values: [], number };
}

/** Whether a (non-empty) cell of the column meets the condition. */
export function holds(c: Condition, cell: string): boolean {
  if (c.number === null) return c.values.includes(cell) === (c.operator === '==');
  const x = Number(cell);
  switch (c.operator) {
    case '==':
      return x === c.number;
    case '!=':
      return x !== c.number;
    case '>=':
      return x >= c.number;
    case '<=':
      return x <= c.number;
    case '>':
      return x > c.number;
    case '<':
      return x < c.number;
  }
}

/**
 * A text condition must name values the column takes: a mistyped verdict would otherwise quietly
 * find nothing. `seen` are the column's values among the runs used.
 */
export function checkValues(c: Condition, column: string, seen: readonly string[]): void {
  if (c.number !== null) return;
  for (const v of c.values) {
    if (seen.includes(v)) continue;
    const guess = closestMatch(v, seen);
    throw new UserError(
      `--where "${c.text}": no run has ${column} = ${v}; its values are ${seen.join(', ')}.${guess ? ` Did you mean ${guess}?` : ''}`,
    );
  }
}

/** The condition as a phrase: `verdict_cannabis_retail == expansion`, `moved_share_x >= 0.5`. */
export function describeCondition(c: Condition, column: string): string {
  if (c.number !== null) return `${column} ${c.operator} ${c.number}`;
  if (c.values.length === 1) return `${column} ${c.operator} ${c.values[0]}`;
  return `${column} ${c.operator === '==' ? 'is one of' : 'is none of'} ${c.values.join(', ')}`;
}

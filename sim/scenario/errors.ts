import { UserError } from '../errors';

// Errors a user can cause in a scenario or sweep file. The CLI prints `message` alone, so everything
// a reader needs (where, what is wrong, what was expected, how to fix it) must be in it: one
// paragraph per problem, and a numbered list when a file has several.

export interface ScenarioProblem {
  /** The file as it is shown to the user (relative to the working directory when inside it). */
  file: string;
  line?: number;
  /** Where in the file, e.g. `policies[0].districts[1]`. */
  keyPath?: string;
  /** What is wrong, e.g. `unknown district "be-limbourg"`. */
  problem: string;
  /** What would have been accepted, e.g. `one of the 22 district ids (…)`. */
  expected: string;
  /** A sentence that helps to fix it, e.g. `Did you mean "be-limburg"?`. */
  suggestion?: string;
}

export class ScenarioError extends UserError {
  /** Every problem found, file by file in the order they were read, each file's by line. */
  readonly problems: readonly ScenarioProblem[];
  // The first problem's parts, for the many callers that deal with a single one.
  readonly file: string;
  readonly line?: number;
  readonly keyPath?: string;
  readonly problem: string;
  readonly expected: string;
  readonly suggestion?: string;

  constructor(...problems: ScenarioProblem[]) {
    if (problems.length === 0) throw new Error('a ScenarioError needs at least one problem');
    const ordered = inReadingOrder(problems);
    super(ordered.length === 1 ? formatProblem(ordered[0]) : formatList(ordered));
    this.name = 'ScenarioError';
    this.problems = ordered;
    const [first] = ordered;
    this.file = first.file;
    this.line = first.line;
    this.keyPath = first.keyPath;
    this.problem = first.problem;
    this.expected = first.expected;
    this.suggestion = first.suggestion;
  }
}

/** Problems without a line (a missing key, a --set) concern the whole file and come first in it. */
function inReadingOrder(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  const rank = (p: ScenarioProblem) => [files.indexOf(p.file), p.line ?? 0];
  return [...problems].sort((a, b) => {
    const [fa, la] = rank(a);
    const [fb, lb] = rank(b);
    return fa - fb || la - lb;
  });
}

function formatList(problems: readonly ScenarioProblem[]): string {
  const files = [...new Set(problems.map((p) => p.file))];
  const items = problems.map((p, i) => `  ${i + 1}. ${formatProblem(p)}`);
  return [`${problems.length} problems in ${files.join(', ')}:`, ...items].join('\n');
}

/** One problem as the CLI prints it: `file:line: key: problem; expected …. Suggestion.` */
export function formatProblem(d: ScenarioProblem): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const key = d.keyPath ? ` ${d.keyPath}:` : '';
  const tail = d.suggestion ? ` ${sentence(d.suggestion)}` : '';
  // Texts from the YAML library span lines; a problem must stay one paragraph.
  return oneLine(`${where}:${key} ${d.problem}; expected ${d.expected}.${tail}`);
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

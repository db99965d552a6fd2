import path from 'node:path';
import { UserError } from '../errors';

// Errors a user can cause in a scenario. The CLI prints `message` alone, so everything a reader
// needs (where, what is wrong, what was expected, how to fix it) must fit in that one paragraph.

export interface ScenarioErrorDetails {
  /** The file as it is shown to the user (relative to the working directory when inside it). */
  file: string;
  line?: number;
  /** Where in the scenario, e.g. `policies[0].districts[1]`. */
  keyPath?: string;
  /** What is wrong, e.g. `unknown district "be-limbourg"`. */
  problem: string;
  /** What would have been accepted, e.g. `one of the 22 district ids (…)`. */
  expected: string;
  /** A sentence that helps to fix it, e.g. `Did you mean "be-limburg"?`. */
  suggestion?: string;
}

export class ScenarioError extends UserError {
  readonly file: string;
  readonly line?: number;
  readonly keyPath?: string;
  readonly problem: string;
  readonly expected: string;
  readonly suggestion?: string;

  constructor(details: ScenarioErrorDetails) {
    super(formatMessage(details));
    this.name = 'ScenarioError';
    this.file = details.file;
    this.line = details.line;
    this.keyPath = details.keyPath;
    this.problem = details.problem;
    this.expected = details.expected;
    this.suggestion = details.suggestion;
  }
}

function formatMessage(d: ScenarioErrorDetails): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const key = d.keyPath ? ` ${d.keyPath}:` : '';
  const tail = d.suggestion ? ` ${sentence(d.suggestion)}` : '';
  // Texts from the YAML library span lines; a message must stay one paragraph.
  return oneLine(`${where}:${key} ${d.problem}; expected ${d.expected}.${tail}`);
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** How a file is named in messages: relative to the working directory when it lies inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

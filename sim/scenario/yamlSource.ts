import fs from 'node:fs';
import path from 'node:path';
import YAML, { isAlias, LineCounter, type Document, type Node } from 'yaml';
import { displayPath, ScenarioError } from './errors';
import { didYouMean } from './suggest';

// A parsed scenario file that can say on which line any of its nodes stands, so that every check
// after parsing can point the user at the line that needs fixing.

export type PathItem = string | number;

/** A place in a scenario file: its key path and, when known, its line. */
export interface At {
  source: YamlSource;
  path: readonly PathItem[];
  line?: number;
}

export class YamlSource {
  constructor(
    /** absolute path */
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  get display(): string {
    return displayPath(this.file);
  }

  lineOf(node: unknown): number | undefined {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }

  /** Aliases (`*name`) stand for the node they point to; an unknown anchor has no node. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  root(): At {
    return { source: this, path: [], line: this.lineOf(this.doc.contents) };
  }
}

// Codes of the YAML library that have a typical cause worth pointing at.
const SYNTAX_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'Indent with spaces, not tabs.',
  DUPLICATE_KEY: 'Remove or rename one of the two keys.',
  BAD_INDENT: 'Check that brackets and quotes are closed on this line or the one before, and that nested keys are indented consistently.',
  MISSING_CHAR: 'Check that brackets and quotes are closed on this line or the one before.',
  BLOCK_AS_IMPLICIT_KEY: 'Put a space after each colon and start nested keys on a new, indented line.',
  MULTIPLE_DOCS: 'Keep one scenario per file (remove the `---`).',
};

export function readYamlSource(file: string): YamlSource {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (err) {
    throw unreadableFile(absolute, err as NodeJS.ErrnoException);
  }
  const lines = new LineCounter();
  // The core schema keeps dates such as 1995-01-01 as strings and `yes` as a string, so a typo is
  // reported as what was written rather than silently turned into a Date or a boolean.
  const doc = YAML.parseDocument(text, { lineCounter: lines, schema: 'core', prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    throw new ScenarioError({
      file: displayPath(absolute),
      line: lines.linePos(error.pos[0]).line,
      problem: `YAML syntax error: ${error.message}`,
      expected: 'valid YAML',
      suggestion: SYNTAX_HINTS[error.code],
    });
  }
  return new YamlSource(absolute, doc, lines);
}

function unreadableFile(absolute: string, err: NodeJS.ErrnoException): ScenarioError {
  const file = displayPath(absolute);
  if (err.code === 'ENOENT') {
    return new ScenarioError({
      file,
      problem: 'file not found',
      expected: 'an existing scenario file',
      suggestion: didYouMean(path.basename(absolute), yamlFilesBeside(absolute)),
    });
  }
  if (err.code === 'EISDIR') {
    return new ScenarioError({ file, problem: 'is a directory', expected: 'a scenario file (*.yaml)' });
  }
  return new ScenarioError({ file, problem: `cannot be read (${err.code ?? err.message})`, expected: 'a readable scenario file' });
}

export function yamlFilesBeside(file: string): string[] {
  try {
    return fs.readdirSync(path.dirname(file)).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return [];
  }
}

/** `policies[0].districts[1]`, the form key paths take in messages. */
export function formatKeyPath(items: readonly PathItem[]): string {
  return items.map((item, i) => (typeof item === 'number' ? `[${item}]` : i === 0 ? item : `.${item}`)).join('');
}

import YAML, { isAlias, LineCounter, type Document, type Node } from 'yaml';
import { ScenarioError } from './errors';

// A parsed scenario file that can say on which line any of its nodes stands, so that every check
// after parsing can point the user at the line that needs fixing. Pure: the bytes come from a file
// (yamlSource.ts, for the CLI) or from memory (memoryFiles.ts, for the explorer in a browser), and
// both get the same parsing and the same messages.

export type PathItem = string | number;

/** A place in a scenario file: its key path and, when known, its line. */
export interface At {
  source: YamlSource;
  path: readonly PathItem[];
  line?: number;
}

export class YamlSource {
  constructor(
    /** the file's identity: an absolute path on disk, or a library path in memory */
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    /** how messages name the file */
    readonly display: string,
  ) {}

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

/**
 * Parses the bytes of a YAML file named `file` (shown as `display`). `what` names what the file
 * should be in messages, e.g. "a scenario file". Bytes that are not text, or text that is not valid
 * YAML, end the reading: nothing after it can be checked.
 */
export function parseYamlBytes(file: string, display: string, bytes: Uint8Array, what = 'a scenario file'): YamlSource {
  const text = decodeText(display, bytes, what);
  const lines = new LineCounter();
  // The core schema keeps dates such as 1995-01-01 as strings and `yes` as a string, so a typo is
  // reported as what was written rather than silently turned into a Date or a boolean.
  const doc = YAML.parseDocument(text, { lineCounter: lines, schema: 'core', prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    throw new ScenarioError({
      file: display,
      line: lines.linePos(error.pos[0]).line,
      problem: `YAML syntax error: ${error.message}`,
      expected: 'valid YAML',
      suggestion: SYNTAX_HINTS[error.code],
    });
  }
  return new YamlSource(file, doc, lines, display);
}

// Formats a file given by mistake often is in, told by its first bytes.
const SIGNATURES: readonly [string, readonly number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a ZIP archive or an office document', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a Parquet table', [0x50, 0x41, 0x52, 0x31]],
];
const UTF16_MARKS = [[0xff, 0xfe], [0xfe, 0xff]];
// C0 controls other than tab, line feed and carriage return, and DEL: never in a YAML file, and
// echoed to a terminal they can change what it shows.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * The file's text, or a "not a text file" error for bytes that are not UTF-8 text. A binary file
 * must never reach the YAML parser, whose messages would echo its bytes to the terminal.
 */
function decodeText(display: string, bytes: Uint8Array, what: string): string {
  let why: string;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!CONTROL.test(text)) return text;
    why = text.includes('\0') ? 'it contains NUL bytes' : 'it contains control characters';
  } catch {
    why = 'it is not UTF-8';
  }
  const startsWith = (mark: readonly number[]) => mark.every((byte, i) => bytes[i] === byte);
  const format = SIGNATURES.find(([, mark]) => startsWith(mark))?.[0];
  const suggestion = format ? `It looks like ${format}; check the file name.` : UTF16_MARKS.some(startsWith) ? 'It looks like UTF-16 text; save it as UTF-8.' : 'Check the file name.';
  throw new ScenarioError({ file: display, problem: `not a text file (${why})`, expected: `${what}: YAML text in UTF-8`, suggestion });
}

/** `policies[0].districts[1]`, the form key paths take in messages. */
export function formatKeyPath(items: readonly PathItem[]): string {
  return items.map((item, i) => (typeof item === 'number' ? `[${item}]` : i === 0 ? item : `.${item}`)).join('');
}

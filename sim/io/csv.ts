import fs from 'node:fs';
import { formatNumber, roundSignificant } from './numbers';

// CSV for R and pandas: UTF-8 without BOM, `\n` line ends, a header row, RFC 4180 quoting.
// Numbers are formatted here, once, so the same values always give the same bytes.

export { formatNumber, roundSignificant };

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: quoted (with doubled quotes) only when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvField(cells[i]);
  return line + '\n';
}

/** Bytes buffered before a write: large enough for few system calls, small enough to stay modest. */
const CHUNK_CHARS = 1 << 20;

/**
 * A streaming CSV writer: rows are buffered into ~1 MB chunks and appended to the file, so memory
 * stays flat however many rows there are. Each awaited write yields to the event loop, which lets a
 * SIGINT handler run during long writes.
 */
export class CsvWriter {
  private parts: string[] = [];
  private size = 0;
  private closed = false;

  private constructor(private readonly handle: fs.promises.FileHandle, readonly columns: readonly string[]) {}

  /** Creates (or truncates) the file and writes the header. */
  static async open(path: string, columns: readonly string[]): Promise<CsvWriter> {
    const writer = new CsvWriter(await fs.promises.open(path, 'w'), columns);
    await writer.writeRow(columns);
    return writer;
  }

  async writeRow(cells: readonly string[]): Promise<void> {
    if (cells.length !== this.columns.length) throw new RangeError(`CsvWriter: row has ${cells.length} cells, header has ${this.columns.length}`);
    return this.writeEncodedLine(csvLine(cells));
  }

  /**
   * Appends a line whose fields the caller already encoded with csvField, ending in `\n`. For hot
   * loops that encode the repeated fields of many rows once.
   */
  async writeEncodedLine(line: string): Promise<void> {
    if (this.closed) throw new Error('CsvWriter: write after close');
    this.parts.push(line);
    this.size += line.length;
    if (this.size >= CHUNK_CHARS) await this.flush();
  }

  /**
   * Appends lines whose fields the caller already encoded with csvField, each ending in `\n`: many
   * short lines at one await rather than one each (an await per line of a large file adds up).
   */
  async writeEncodedLines(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    return this.writeEncodedLine(lines.join(''));
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    // writeFile on a handle appends at the current position and loops until every byte is written.
    await this.handle.writeFile(chunk, 'utf8');
  }

  /** Writes what is buffered and closes the file; always closes, even when the last write fails. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}

/** Writes a whole CSV file from rows given as cells, streaming. */
export async function writeCsv(path: string, columns: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  const writer = await CsvWriter.open(path, columns);
  try {
    for (const row of rows) await writer.writeRow(row);
  } finally {
    await writer.close();
  }
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) as rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

import fs from 'node:fs';

// CSV for R and pandas: UTF-8 without BOM, `\n` line ends, a header row, RFC 4180 quoting.
// Numbers are formatted here, once, so the same values always give the same bytes.

/** Exact powers of ten (every one up to 1e22 is exactly representable). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * A number as up to 6 significant digits without exponent for ordinary magnitudes (1e-6 ≤ |x| < 1e21),
 * trailing zeros dropped, `0` for zero and negative zero (never `-0`), an empty field
 * (NA) for NaN and `Inf`/`-Inf` for infinities. Only IEEE arithmetic and exactly specified
 * conversions are used (no Math.log10), so the text is the same on every platform.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  const rounded = roundSignificant(x);
  return rounded === 0 ? '0' : String(rounded);
}

/**
 * x rounded to 6 significant digits: the number whose shortest decimal text formatNumber writes
 * (series.parquet stores these). NaN and infinities are returned as they are.
 */
export function roundSignificant(x: number): number {
  const ax = Math.abs(x);
  // Fast path for the common range (the series have millions of numbers): scale to six digits before
  // the point, round, and scale back by an exact power of ten; the result's shortest decimal is
  // those digits without trailing zeros. Scaling can be off by one rounding step, which matters
  // only next to a .5 tie: those few go the exact way below.
  if (ax >= 1e-6 && ax < 1e15) {
    if (ax >= 1e5) {
      let e = 5;
      while (ax >= POW10[e + 1]) e++;
      const step = POW10[e - 5];
      const scaled = ax / step;
      if (!nearTie(scaled)) return (x < 0 ? -1 : 1) * (Math.round(scaled) * step);
    } else {
      let d = 0;
      while (ax * POW10[d] < 1e5) d++;
      const scaled = ax * POW10[d];
      if (!nearTie(scaled)) {
        const digits = Math.round(scaled);
        return (x < 0 ? -digits : digits) / POW10[d];
      }
    }
  }
  // Elsewhere (and for NaN and infinities): toPrecision is exactly specified by ECMAScript.
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** Whether a value in [1e5, 1e6] is so close to n + 0.5 that one rounding error could flip its rounding. */
function nearTie(scaled: number): boolean {
  return Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6;
}

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

import fs from 'node:fs';
import readline from 'node:readline';

// Streams the total rows of series.csv (docs/OUTPUTS.md). The default job's file is ~90 MB with
// ~1.1 M rows, so it is read line by line and never held whole; breakdown rows are skipped at once,
// since the report shows totals only (adding breakdowns to totals would count things twice).

export interface TotalRow {
  date: string;
  district: string;
  country: string;
  market: string;
  echelon: string;
  metric: string;
  value: number;
  lo: number;
  hi: number;
}

const EXPECTED = ['date', 'district', 'country', 'market', 'echelon', 'channel', 'buyer', 'origin', 'size', 'metric', 'value', 'lo', 'hi'];

/** The fields of one CSV line, RFC 4180 quoting (series fields never hold line breaks). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unclosed quote in a series.csv line: ${line}`);
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** A number as series.csv writes it: empty is NA (NaN), `Inf`/`-Inf` are infinities. */
export function parseSeriesNumber(field: string): number {
  if (field === '') return NaN;
  if (field === 'Inf') return Infinity;
  if (field === '-Inf') return -Infinity;
  return Number(field);
}

/** Calls `onRow` for every total row (channel, buyer, origin and size all empty), in file order. */
export async function forEachTotalRow(file: string, onRow: (row: TotalRow) => void): Promise<void> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string[] | null = null;
  for await (const line of lines) {
    if (line === '') continue;
    const f = splitCsvLine(line);
    if (!header) {
      header = f;
      if (EXPECTED.some((c, i) => header![i] !== c)) throw new Error(`${file}: unexpected header ${line}; expected ${EXPECTED.join(',')}`);
      continue;
    }
    if (f[5] !== '' || f[6] !== '' || f[7] !== '' || f[8] !== '') continue;
    onRow({ date: f[0], district: f[1], country: f[2], market: f[3], echelon: f[4], metric: f[9], value: parseSeriesNumber(f[10]), lo: parseSeriesNumber(f[11]), hi: parseSeriesNumber(f[12]) });
  }
  if (!header) throw new Error(`${file}: empty (expected a header row)`);
}

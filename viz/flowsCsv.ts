import fs from 'node:fs';
import { parseCsvNumber, splitCsvLine } from './csvFields';
import type { FlowRow } from './flows';

// Reads flows.csv (docs/OUTPUTS.md): actors that moved from one district to another, per year and
// market × echelon, mean over replicates with its 95% interval. Absent rows are zero. The default
// job's file has ~40,000 rows (~3 MB): small enough to read whole.

export type { FlowRow };

const EXPECTED = ['year', 'market', 'echelon', 'from', 'to', 'from_country', 'to_country', 'value', 'lo', 'hi'];

/** The rows of flows.csv as parsed from its lines (header first); blank lines are skipped. */
export function parseFlowLines(lines: Iterable<string>, name = 'flows.csv'): FlowRow[] {
  const out: FlowRow[] = [];
  let header = false;
  for (const line of lines) {
    if (line === '') continue;
    const f = splitCsvLine(line);
    if (!header) {
      if (EXPECTED.some((c, i) => f[i] !== c)) throw new Error(`${name}: unexpected header ${line}; expected ${EXPECTED.join(',')}`);
      header = true;
      continue;
    }
    out.push({
      year: f[0],
      market: f[1],
      echelon: f[2],
      from: f[3],
      to: f[4],
      fromCountry: f[5],
      toCountry: f[6],
      value: parseCsvNumber(f[7]),
      lo: parseCsvNumber(f[8]),
      hi: parseCsvNumber(f[9]),
    });
  }
  if (!header) throw new Error(`${name}: empty (expected a header row)`);
  return out;
}

export function readFlowsCsv(file: string): FlowRow[] {
  return parseFlowLines(fs.readFileSync(file, 'utf8').split(/\r?\n/), file);
}

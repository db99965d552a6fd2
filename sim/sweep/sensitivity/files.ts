import fs from 'node:fs';
import path from 'node:path';
import { csvLine } from '../../io/csv';
import { toolVersion } from '../../io/project';
import { readDesignDocument } from '../designFile';
import { SweepError } from '../errors';
import { writeFileAtomically } from '../../io/atomic';
import { SENSITIVITY_CSV, SENSITIVITY_JSON, TABLE_CSV } from '../folder';
import { exactNumber, parseCsv } from '../table';
import { analyseSensitivity, SENSITIVITY_COLUMNS, sensitivityRows, type SensitivityReport } from './analyse';

// Reads a finished sweep folder (design.json and table.csv) and writes sensitivity.csv (tidy: one
// row per scenario, output, factor and index) and sensitivity.json (the same, nested, with notes).

export async function sensitivityOfFolder(dir: string, resamples = 1000): Promise<SensitivityReport> {
  const doc = readDesignDocument(dir);
  const tableFile = path.join(dir, TABLE_CSV);
  if (!fs.existsSync(tableFile)) {
    throw new SweepError(`${dir}: no ${TABLE_CSV} yet; the sweep has not finished (resume it with --resume, or merge its shards with \`waterbed sweep merge\`).`);
  }
  const report = analyseSensitivity(doc, parseCsv(fs.readFileSync(tableFile, 'utf8')), resamples);
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? exactNumber(v) : v);
  const csv = [csvLine([...SENSITIVITY_COLUMNS]), ...sensitivityRows(report).map((row) => csvLine(row.map(cell)))].join('');
  await writeFileAtomically(path.join(dir, SENSITIVITY_CSV), csv);
  await writeFileAtomically(path.join(dir, SENSITIVITY_JSON), JSON.stringify({ tool: { name: 'waterbed', version: toolVersion() }, ...report }, null, 2) + '\n');
  return report;
}

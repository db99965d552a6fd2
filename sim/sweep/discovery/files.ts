import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../../io/atomic';
import { toolVersion } from '../../io/project';
import { readDesignDocument } from '../designFile';
import { SweepError } from '../errors';
import { TABLE_CSV } from '../folder';
import { parseCsv } from '../table';
import { discover, type DiscoveryReport, type DiscoveryRequest } from './analyse';

// Reads a finished sweep folder (design.json and table.csv), runs the discovery and writes it as
// JSON: to DIR/discovery.json, where `waterbed report DIR` finds it, unless --out names a file.

export function discoverInFolder(dir: string, request: DiscoveryRequest): DiscoveryReport {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SweepError(`${dir}: no such folder; expected the --out folder of \`waterbed sweep\` (e.g. results/sweep-example).`);
  }
  const doc = readDesignDocument(dir);
  const tableFile = path.join(dir, TABLE_CSV);
  if (!fs.existsSync(tableFile)) {
    throw new SweepError(`${dir}: no ${TABLE_CSV} yet; the sweep has not finished (resume it with --resume, or merge its shards with \`waterbed sweep merge\`).`);
  }
  return discover(doc, parseCsv(fs.readFileSync(tableFile, 'utf8')), request);
}

/** discovery.json's text: the report with the tool that wrote it. */
export function discoveryJson(report: DiscoveryReport): string {
  return JSON.stringify({ tool: { name: 'waterbed', version: toolVersion() }, ...report }, null, 2) + '\n';
}

export async function writeDiscovery(file: string, report: DiscoveryReport): Promise<void> {
  const parent = path.dirname(file);
  if (!fs.existsSync(parent)) throw new SweepError(`--out ${file}: the folder ${parent} does not exist; create it or name a file in an existing folder.`);
  await writeFileAtomically(file, discoveryJson(report));
}

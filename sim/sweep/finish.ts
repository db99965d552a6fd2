import path from 'node:path';
import { toolVersion } from '../io/project';
import type { DesignDocument } from './designFile';
import { writeFileAtomically } from '../io/atomic';
import { MANIFEST, TABLE_CSV, TABLE_PARQUET } from './folder';
import { tableParquet } from './parquet';
import { latestRecords, type StoreContents } from './store';
import { buildTable, runsOfDesign, tableCsv } from './table';

// The end of a sweep (or of a merge): once every run has a record in the stores, the table is
// written as CSV and Parquet, then the manifest, each file atomically.

export interface Completeness {
  total: number;
  ok: number;
  failed: { id: string; error: string }[];
  missing: string[];
}

export function completeness(doc: DesignDocument, stores: readonly StoreContents[]): Completeness {
  const records = latestRecords(stores);
  const out: Completeness = { total: 0, ok: 0, failed: [], missing: [] };
  for (const run of runsOfDesign(doc)) {
    out.total++;
    const record = records.get(run.id);
    if (!record) out.missing.push(run.id);
    else if (record.status === 'ok') out.ok++;
    else out.failed.push({ id: run.id, error: record.error ?? 'failed' });
  }
  return out;
}

export interface ManifestExtras {
  gitCommit: string | null;
  /** the sweep file as given on the command line (or the copy's path, for a merge) */
  sweepFile: string;
  workers?: number;
  finishedAt: string;
}

export function sweepManifest(doc: DesignDocument, stores: readonly StoreContents[], state: Completeness, extras: ManifestExtras) {
  const created = stores.map((s) => s.header.createdAt).sort();
  return {
    tool: { name: 'waterbed', version: toolVersion() },
    gitCommit: extras.gitCommit,
    node: process.version,
    sweep: { name: doc.name, description: doc.description, file: extras.sweepFile, fileHash: doc.identity.sweep.fileHash },
    scenarios: doc.scenarios.map((name) => ({ name, scenarioHash: doc.identity.scenarios[name] })),
    design: { type: doc.design.type, samples: doc.design.samples ?? null, levels: doc.design.levels ?? null, rows: doc.rows.length, points: doc.points.length },
    replicates: doc.replicates,
    seed: doc.seed,
    factors: doc.factors,
    outputs: doc.outputs.map((c) => ({ name: c.name, kind: c.kind, type: c.type, row: c.row ?? null })),
    runs: { total: state.total, ok: state.ok, failed: state.failed.length },
    stores: stores.map((s) => ({ file: path.basename(s.file), shard: s.header.shard, createdAt: s.header.createdAt, records: s.records.length })),
    workers: extras.workers ?? null,
    startedAt: created[0] ?? null,
    finishedAt: extras.finishedAt,
    files: [TABLE_CSV, TABLE_PARQUET],
  };
}

/** Writes table.csv, table.parquet and manifest.json into `dir`; every run must have a record. */
export async function writeSweepTables(dir: string, doc: DesignDocument, stores: readonly StoreContents[], extras: ManifestExtras): Promise<Completeness> {
  const state = completeness(doc, stores);
  if (state.missing.length > 0) throw new Error(`writeSweepTables: ${state.missing.length} runs have no record`);
  const table = buildTable(doc, latestRecords(stores));
  await writeFileAtomically(path.join(dir, TABLE_CSV), tableCsv(table));
  await writeFileAtomically(path.join(dir, TABLE_PARQUET), tableParquet(table, { 'waterbed.version': doc.identity.tool.version, 'waterbed.sweep.fileHash': doc.identity.sweep.fileHash, 'waterbed.sweep.name': doc.name }));
  await writeFileAtomically(path.join(dir, MANIFEST), JSON.stringify(sweepManifest(doc, stores, state, extras), null, 2) + '\n');
  return state;
}

import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Shard } from './plan';

// The layout of a sweep folder (docs/OUTPUTS.md, "The sweep folder"):
//   design.json            the design: factors, points, rows, structure (written when the sweep starts)
//   sweep.yaml             a copy of the sweep file
//   store/*.jsonl          the run store: one file per process (runs.jsonl, or one per shard)
//   table.csv, table.parquet, manifest.json     written when every run is stored
//   sensitivity.csv, sensitivity.json           written by `waterbed sensitivity`
//   slurm/                 scripts written by `waterbed sweep slurm`

export const DESIGN_FILE = 'design.json';
export const SWEEP_COPY = 'sweep.yaml';
export const STORE_DIR = 'store';
export const TABLE_CSV = 'table.csv';
export const TABLE_PARQUET = 'table.parquet';
export const MANIFEST = 'manifest.json';
export const SENSITIVITY_CSV = 'sensitivity.csv';
export const SENSITIVITY_JSON = 'sensitivity.json';
export const SLURM_DIR = 'slurm';

export function storeFileName(shard: Shard | null): string {
  return shard ? `runs-shard-${shard.index}-of-${shard.count}.jsonl` : 'runs.jsonl';
}

export function storeFiles(dir: string): string[] {
  const store = path.join(dir, STORE_DIR);
  if (!fs.existsSync(store)) return [];
  return fs.readdirSync(store).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(store, f));
}

/** Writes a file so that it appears complete or not at all: a synced temporary sibling, renamed. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  await handle.close();
  fs.renameSync(tmp, file);
  syncDirectory(path.dirname(file));
}

/** fsync a folder so a new or renamed name in it is durable (not supported everywhere: best effort). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems and platforms cannot sync a folder; the data itself is synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

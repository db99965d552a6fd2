import fs from 'node:fs';
import path from 'node:path';
import type { Shard } from './plan';

// The layout of a sweep folder (docs/OUTPUTS.md, "The sweep folder"):
//   design.json            the design: factors, points, rows, structure (written when the sweep starts)
//   sweep.yaml             a copy of the sweep file
//   store/*.jsonl          the run store: one file per process (runs.jsonl, or one per shard)
//   table.csv, table.parquet, manifest.json     written when every run is stored
//   sensitivity.csv, sensitivity.json           written by `waterbed sensitivity`
//   discovery.json                              written by `waterbed discover`
//   slurm/                 scripts written by `waterbed sweep slurm`

export const DESIGN_FILE = 'design.json';
export const SWEEP_COPY = 'sweep.yaml';
export const STORE_DIR = 'store';
export const TABLE_CSV = 'table.csv';
export const TABLE_PARQUET = 'table.parquet';
export const MANIFEST = 'manifest.json';
export const SENSITIVITY_CSV = 'sensitivity.csv';
export const SENSITIVITY_JSON = 'sensitivity.json';
export const DISCOVERY_JSON = 'discovery.json';
export const SLURM_DIR = 'slurm';

export function storeFileName(shard: Shard | null): string {
  return shard ? `runs-shard-${shard.index}-of-${shard.count}.jsonl` : 'runs.jsonl';
}

export function storeFiles(dir: string): string[] {
  const store = path.join(dir, STORE_DIR);
  if (!fs.existsSync(store)) return [];
  return fs.readdirSync(store).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(store, f));
}

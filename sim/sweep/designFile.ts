import fs from 'node:fs';
import path from 'node:path';
import { SweepError } from './errors';
import { writeFileAtomically } from '../io/atomic';
import { DESIGN_FILE, SLURM_DIR, STORE_DIR, SWEEP_COPY } from './folder';
import { identityDifference, sweepIdentity, type SweepIdentity } from './identity';
import type { Domain } from './domains';
import type { DesignStructure } from './designs/design';
import type { OutputColumn } from '../metrics/runOutputs';
import { outputColumns } from './outputs';
import type { Plan } from './plan';
import type { DesignSpec, SweepSpec } from './spec';

// design.json: the sweep's design as data, written when a sweep starts. The sensitivity analysis
// reads it (which rows form a Morris trajectory or a Saltelli matrix, and their unit coordinates),
// and every later process on the folder (a resume, a shard, a merge) checks it is the same sweep.

export const DESIGN_FORMAT = 1;

export interface DesignDocument {
  format: number;
  identity: SweepIdentity;
  name: string;
  description: string;
  design: DesignSpec & { structure: DesignStructure };
  factors: { name: string; path: string; kind: 'parameter' | 'policy'; domain: Domain; integer: boolean }[];
  scenarios: string[];
  replicates: number;
  seed: number;
  /** distinct points: id and factor values */
  points: { id: string; values: number[] }[];
  /** design rows: the point each names and its unit coordinates */
  rows: { point: number; unit: number[] }[];
  /** the output columns every run records */
  outputs: OutputColumn[];
}

/** The output columns of a sweep: reference-match columns when any scenario names a reference table. */
export function sweepOutputColumns(spec: SweepSpec): OutputColumn[] {
  return outputColumns(spec.outputs, spec.variants.some((v) => v.scenario.reference !== null));
}

export function designDocument(spec: SweepSpec, plan: Plan): DesignDocument {
  // A given design's coordinates are the rows' `unit` below; `design` says only what it is.
  const { unit: _given, ...design } = spec.design;
  return {
    format: DESIGN_FORMAT,
    identity: sweepIdentity(spec),
    name: spec.name,
    description: spec.description,
    design: { ...design, structure: plan.design.structure },
    factors: spec.factors.map((f) => ({ name: f.name, path: f.path, kind: f.target.kind, domain: f.domain, integer: f.integer })),
    scenarios: spec.variants.map((v) => v.name),
    replicates: spec.replicates,
    seed: spec.seed,
    points: plan.points.map((p) => ({ id: p.id, values: p.values })),
    rows: plan.design.unit.map((unit, i) => ({ point: plan.rowPoint[i], unit })),
    outputs: sweepOutputColumns(spec),
  };
}

export function readDesignDocument(dir: string): DesignDocument {
  const file = path.join(dir, DESIGN_FILE);
  if (!fs.existsSync(file)) throw new SweepError(`${dir}: not a sweep folder (no ${DESIGN_FILE}); expected the --out folder of \`waterbed sweep\`.`);
  let doc: DesignDocument;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as DesignDocument;
  } catch (err) {
    throw new SweepError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)}); the folder is damaged. Run the sweep again into a new folder.`);
  }
  if (doc.format !== DESIGN_FORMAT) throw new SweepError(`${file}: design format ${doc.format}, expected ${DESIGN_FORMAT}; this folder was made by another version of waterbed.`);
  return doc;
}

/**
 * Writes design.json and the sweep file's copy into a new sweep folder, or checks that an existing
 * folder holds the same sweep. Shards starting at once write the same bytes, atomically.
 */
export async function prepareFolder(dir: string, spec: SweepSpec, plan: Plan): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DESIGN_FILE);
  const expected = sweepIdentity(spec);
  if (fs.existsSync(file)) {
    const found = readDesignDocument(dir);
    const difference = identityDifference(found.identity, expected);
    if (difference) throw new SweepError(`${dir} holds another sweep: ${difference}. Resuming or adding to it would mix runs that do not belong to one table; choose another --out, or delete the folder to start over.`);
    return;
  }
  // What a sweep folder may hold before design.json: the Slurm scripts, and what shards starting at
  // the same moment are writing (their temporary files, their stores).
  const ours = [SWEEP_COPY, DESIGN_FILE, STORE_DIR, SLURM_DIR];
  const entries = fs.readdirSync(dir).filter((e) => !e.startsWith('.') && !ours.some((name) => e === name || e.startsWith(`${name}.tmp-`)));
  if (entries.length > 0) throw new SweepError(`${dir} exists and is not a sweep folder (no ${DESIGN_FILE}); refusing to write into it. Choose another --out.`);
  await writeFileAtomically(path.join(dir, SWEEP_COPY), fs.readFileSync(spec.file));
  await writeFileAtomically(file, JSON.stringify(designDocument(spec, plan)) + '\n');
}

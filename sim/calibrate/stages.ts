import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../io/csv';
import { readDesignDocument, type DesignDocument } from '../sweep/designFile';
import { DESIGN_FILE, TABLE_CSV } from '../sweep/folder';
import { sha256Hex } from '../sweep/hash';
import type { AggregateSpec, SweepSpec } from '../sweep/spec';
import { summariseReplicates, type ReplicateSummary } from './implausibility';
import { targetColumns } from './schema';
import type { CalibrationSpec } from './spec';
import type { Target } from './targets';

// A calibration runs in stages, each a sweep folder of its own on the sweep machinery (its durable
// store, --resume, --workers, --shard, merging): the waves of history matching, waves/wave-<k>/, and
// the ABC stage, abc/. A stage's points are chosen from the finished stages before it, so they are
// the same in every process that plans them; the sweep records, per run, the aggregates the targets
// are computed from.

export const WAVES_DIR = 'waves';
export const ABC_STAGE = 'abc';

export function waveName(k: number): string {
  return `wave-${k}`;
}

/** The stages of a calibration, in order: wave-1 … wave-K, then abc. */
export function stageNames(spec: CalibrationSpec): string[] {
  return [...Array.from({ length: spec.method.waves }, (_, i) => waveName(i + 1)), ABC_STAGE];
}

export function stageDir(out: string, stage: string): string {
  return stage === ABC_STAGE ? path.join(out, ABC_STAGE) : path.join(out, WAVES_DIR, stage);
}

/** Every target, fit then validation: the order of a stage's target values. */
export function allTargets(spec: CalibrationSpec): Target[] {
  return [...spec.fit, ...spec.validation];
}

/** The aggregates a run records for a target: its window's, and for a ratio its base window's too. */
export function targetAggregates(target: Target): AggregateSpec[] {
  const base = { metric: target.metric, market: target.market, echelon: target.echelon, districts: target.districts, breakdown: target.breakdown };
  const [window, baseColumn] = targetColumns(target);
  if (target.statistic === 'ratio') {
    return [
      { ...base, name: window, window: target.window, statistic: 'per-year' },
      { ...base, name: baseColumn, window: target.baseWindow!, statistic: 'per-year' },
    ];
  }
  return [{ ...base, name: window, window: target.window, statistic: target.statistic === 'total' ? 'sum' : 'per-year' }];
}

/** The sweep of one stage: its points (unit coordinates), the calibration's scenario and parameters, the targets' aggregates as outputs. */
export function stageSweep(spec: CalibrationSpec, stage: string, unit: number[][], replicates: number): SweepSpec {
  return {
    file: spec.file,
    // The stage's identity: the calibration file, the targets file and which stage it is. A
    // resume with a changed file is refused by the sweep machinery as for any sweep.
    fileHash: sha256Hex(`waterbed-calibration-stage:${spec.fileHash}:${spec.targetsHash}:${stage}`),
    name: `${spec.name}-${stage}`,
    description: `${stage} of the calibration ${spec.name}: ${spec.description}`,
    variants: [spec.scenario],
    design: { type: 'points', samples: unit.length, unit },
    replicates,
    seed: spec.seed,
    factors: spec.parameters,
    outputs: { verdicts: [], displacement: [], dutchLink: [], aggregates: allTargets(spec).flatMap(targetAggregates) },
  };
}

/** One point of a finished stage: where it is and what its replicates gave for each target. */
export interface StagePoint {
  id: string;
  /** unit coordinates (prior quantiles) */
  unit: number[];
  /** parameter values */
  values: number[];
  /** per target (fit, then validation): the replicates' summary */
  summaries: ReplicateSummary[];
}

export interface StageResults {
  stage: string;
  points: StagePoint[];
  runs: number;
  replicates: number;
}

/** Whether a stage's folder holds its table (every run stored and the table written). */
export function stageFinished(dir: string): boolean {
  return fs.existsSync(path.join(dir, TABLE_CSV)) && fs.existsSync(path.join(dir, DESIGN_FILE));
}

export function stageStarted(dir: string): boolean {
  return fs.existsSync(path.join(dir, DESIGN_FILE));
}

/**
 * A target's value in one run, from `read` (a run's value of an output column, null where it has
 * none): its column, or for a ratio the window's rate over the base's.
 */
export function targetValue(read: (column: number) => number | null, index: readonly number[]): number | null {
  if (index.length === 1) return read(index[0]);
  const [a, b] = [read(index[0]), read(index[1])];
  if (a === null || b === null || b === 0) return null;
  return a / b;
}

/** A table cell as a number (null where empty). */
const cellValue = (row: readonly string[]) => (i: number) => (row[i] === '' || row[i] === undefined ? null : Number(row[i]));

/** Reads a finished stage from its design.json and table.csv (exact numbers: table.csv writes the shortest text of each double). */
export function readStageResults(spec: CalibrationSpec, stage: string, dir: string): StageResults {
  const doc: DesignDocument = readDesignDocument(dir);
  const rows = parseCsv(fs.readFileSync(path.join(dir, TABLE_CSV), 'utf8'));
  const header = rows[0];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path.join(dir, TABLE_CSV)}: no column ${name}`);
    return i;
  };
  const targets = allTargets(spec);
  const indices = targets.map((t) => targetColumns(t).map(col));
  const pointCol = col('point');
  const statusCol = col('status');
  const byPoint = new Map<string, string[][]>();
  for (const row of rows.slice(1)) {
    if (row.length < header.length) continue;
    if (row[statusCol] !== 'ok') throw new Error(`${path.join(dir, TABLE_CSV)}: run ${row[pointCol]} r${row[col('replicate')]} failed`);
    const list = byPoint.get(row[pointCol]) ?? [];
    list.push(row);
    byPoint.set(row[pointCol], list);
  }
  const unitOf = new Map<number, number[]>();
  for (const r of doc.rows) if (!unitOf.has(r.point)) unitOf.set(r.point, r.unit);
  const points = doc.points.map((p, i): StagePoint => {
    const runs = byPoint.get(p.id) ?? [];
    return { id: p.id, unit: unitOf.get(i)!, values: p.values, summaries: indices.map((index) => summariseReplicates(runs.map((row) => targetValue(cellValue(row), index)))) };
  });
  return { stage, points, runs: rows.length - 1, replicates: doc.replicates };
}

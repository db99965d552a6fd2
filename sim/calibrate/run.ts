import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../io/atomic';
import { displayPath } from '../scenario/displayPath';
import { prepareFolder, readDesignDocument } from '../sweep/designFile';
import { SweepError } from '../sweep/errors';
import { completeness, writeSweepTables } from '../sweep/finish';
import { storeFileName, storeFiles } from '../sweep/folder';
import { planSweep, type Shard } from '../sweep/plan';
import { runSweep, type SweepProgress } from '../sweep/run';
import { readStore } from '../sweep/store';
import { assessPoints, firstWavePoints, fitWaveEmulators, laterStagePoints, type FinishedWave } from './analysis';
import { TABLE_CSV } from '../sweep/folder';
import { sha256Hex } from '../sweep/hash';
import { CALIBRATION_COPY, PLAN_FILE, TARGETS_COPY } from './fileNames';
import { calibrationDifference, calibrationIdentity, planDocument, writeCalibrationFiles, type CalibrationIdentity } from './files';
import type { StageSample } from './region';
import type { CalibrationSpec } from './spec';
import { ABC_STAGE, readStageResults, stageDir, stageFinished, stageNames, stageStarted, stageSweep, type StageResults } from './stages';
import { summarise, type CalibrationSummary, type FinishedStage } from './summary';

// `waterbed calibrate`: history matching in waves, then rejection ABC, each stage a sweep run on
// the sweep machinery. Stage by stage: plan its points from the finished stages before it, run what
// is missing of it (or of this process's shard), read its table, assess its points. When every
// stage is done, the posterior, the best point and the fit of every target are written. A stage's
// points depend only on finished tables, so a calibration stopped anywhere and resumed, on any
// number of workers or shards, gives the same files.

export interface CalibrateOptions {
  out: string;
  workers: number;
  resume: boolean;
  shard: Shard | null;
  /**
   * Run nothing: finish the first unfinished stage from its stores (all of its runs must be there),
   * or prepare its folder when it has not started. The Slurm chain runs this between stages.
   */
  advance?: boolean;
  signal?: AbortSignal;
  gitCommit?: string | null;
  onStageStart?: (info: { stage: string; sample: StageSample; replicates: number; total: number; done: number; todo: number; workers: number }) => void;
  onProgress?: (stage: string, progress: SweepProgress) => void;
  onStageEnd?: (info: { stage: string; points: number; survivors: number | null }) => void;
}

export type CalibrationOutcome =
  | { kind: 'finished'; summary: CalibrationSummary; files: string[] }
  | { kind: 'interrupted'; stage: string }
  | { kind: 'failed'; stage: string; failures: { id: string; error: string }[] }
  /** a shard ran its part of the stage; the stage is complete when `complete` */
  | { kind: 'shard-done'; stage: string; complete: boolean }
  /** advance: the stage's folder is ready and its runs are to be done */
  | { kind: 'ready'; stage: string; runs: number }
  /** advance: the stage lacks runs (a shard has not finished) */
  | { kind: 'incomplete'; stage: string; missing: number; total: number };

/** A wave folder's emulators.json: the hyperparameters fitted to its table (fitGaussianProcess's theta). */
export const EMULATORS_FILE = 'emulators.json';
interface EmulatorsDocument {
  format: 1;
  /** sha256 of the table.csv they were fitted to */
  table: string;
  targets: { id: string; theta: number[] }[];
}

export class CalibrationError extends SweepError {
  override name = 'CalibrationError';
}

function readIdentity(out: string): CalibrationIdentity | null {
  const file = path.join(out, PLAN_FILE);
  if (!fs.existsSync(file)) return null;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { identity: CalibrationIdentity }).identity;
}

/** Creates the calibration folder, or checks that an existing one holds this calibration. */
async function prepareCalibrationFolder(out: string, spec: CalibrationSpec, options: CalibrateOptions): Promise<void> {
  const shown = displayPath(out);
  const found = fs.existsSync(out) ? readIdentity(out) : null;
  if (found) {
    const difference = calibrationDifference(found, calibrationIdentity(spec));
    if (difference) throw new CalibrationError(`${shown} holds another calibration: ${difference}. Resuming would mix runs that do not belong together; choose another --out, or delete ${shown} to start over.`);
    if (!options.resume && !options.advance) {
      const own = storeFileName(options.shard);
      const stored = stageNames(spec).map((s) => path.join(stageDir(out, s), 'store', own)).find((f) => fs.existsSync(f));
      if (stored) throw new CalibrationError(`${shown} already holds runs of this calibration (${displayPath(stored)}); add --resume to go on where it stopped, or choose another --out.`);
    }
    return;
  }
  if (fs.existsSync(out)) {
    const ours = [PLAN_FILE, CALIBRATION_COPY, TARGETS_COPY, 'slurm', 'waves', ABC_STAGE];
    const others = fs.readdirSync(out).filter((e) => !e.startsWith('.') && !ours.some((name) => e === name || e.startsWith(`${name}.tmp-`)));
    if (others.length > 0) throw new CalibrationError(`${shown} exists and is not a calibration folder (no ${PLAN_FILE}); refusing to write into it. Choose another --out.`);
  }
  fs.mkdirSync(out, { recursive: true });
  await writeFileAtomically(path.join(out, CALIBRATION_COPY), fs.readFileSync(spec.file));
  await writeFileAtomically(path.join(out, TARGETS_COPY), fs.readFileSync(spec.targetsFile));
  // Last: a folder with plan.json is a calibration folder.
  await writeFileAtomically(path.join(out, PLAN_FILE), JSON.stringify(planDocument(spec), null, 2) + '\n');
}

/**
 * A wave's emulators, fitted once: their hyperparameters go to the wave's emulators.json with the
 * hash of the table they were fitted to, and a later process (a resume, a shard, the next stage)
 * rebuilds the same emulators from them without the search.
 */
async function waveEmulators(spec: CalibrationSpec, results: StageResults, dir: string) {
  const file = path.join(dir, EMULATORS_FILE);
  const table = sha256Hex(fs.readFileSync(path.join(dir, TABLE_CSV)));
  let cached: (number[] | undefined)[] | undefined;
  if (fs.existsSync(file)) {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorsDocument;
    if (doc.format === 1 && doc.table === table) cached = spec.fit.map((t) => doc.targets.find((e) => e.id === t.id)?.theta);
  }
  const emulators = fitWaveEmulators(spec, results, cached);
  if (!cached || cached.some((t) => t === undefined)) {
    const doc: EmulatorsDocument = { format: 1, table, targets: spec.fit.map((t, i) => ({ id: t.id, theta: emulators.emulators[i].fit.theta })) };
    await writeFileAtomically(file, JSON.stringify(doc) + '\n');
  }
  return emulators;
}

/** A stage folder started by another process must hold the points this process planned. */
function checkPlannedPoints(dir: string, planned: readonly { id: string }[]): void {
  if (!stageStarted(dir)) return;
  const stored = readDesignDocument(dir).points.map((p) => p.id);
  if (stored.length !== planned.length || stored.some((id, i) => id !== planned[i].id)) {
    throw new CalibrationError(`${displayPath(dir)} holds other points than the finished stages before it call for (the code or an earlier stage's table changed since it was planned); delete ${displayPath(dir)} and resume to plan it again.`);
  }
}

export async function runCalibration(spec: CalibrationSpec, options: CalibrateOptions): Promise<CalibrationOutcome> {
  const out = path.resolve(options.out);
  await prepareCalibrationFolder(out, spec, options);
  const waves: FinishedWave[] = [];
  const stages: FinishedStage[] = [];
  let abc: FinishedStage | null = null;
  let workersUsed: number | null = null;

  for (const stage of stageNames(spec)) {
    const isAbc = stage === ABC_STAGE;
    const sample = waves.length === 0 ? firstWavePoints(spec, stage) : laterStagePoints(spec, stage, waves, isAbc ? spec.abc.points : spec.method.points);
    if (!sample) break; // nothing survived the last wave
    const replicates = isAbc ? spec.abc.replicates : spec.method.replicates;
    const sweep = stageSweep(spec, stage, sample.unit, replicates);
    const dir = stageDir(out, stage);

    if (!stageFinished(dir)) {
      const plan = planSweep(sweep);
      checkPlannedPoints(dir, plan.points);
      if (options.advance) {
        if (!stageStarted(dir)) {
          await prepareFolder(dir, sweep, plan);
          return { kind: 'ready', stage, runs: plan.runs.length };
        }
        const doc = readDesignDocument(dir);
        const stores = storeFiles(dir).map(readStore);
        const state = completeness(doc, stores);
        if (state.missing.length > 0) return { kind: 'incomplete', stage, missing: state.missing.length, total: state.total };
        if (state.failed.length > 0) return { kind: 'failed', stage, failures: state.failed };
        await writeSweepTables(dir, doc, stores, { gitCommit: options.gitCommit ?? null, sweepFile: displayPath(spec.file), finishedAt: new Date().toISOString() });
      } else {
        const outcome = await runSweep(sweep, {
          out: dir,
          workers: options.workers,
          resume: true,
          shard: options.shard,
          signal: options.signal,
          gitCommit: options.gitCommit,
          onStart: (info) => {
            workersUsed = info.workers;
            options.onStageStart?.({ stage, sample, replicates, ...info });
          },
          onProgress: (p) => options.onProgress?.(stage, p),
        });
        if (outcome.interrupted) return { kind: 'interrupted', stage };
        if (outcome.failures.length > 0) return { kind: 'failed', stage, failures: outcome.failures };
        if (options.shard) return { kind: 'shard-done', stage, complete: outcome.tables !== null };
      }
    }

    const results = readStageResults(spec, stage, dir);
    const assessments = assessPoints(spec, results);
    const finished: FinishedStage = { results, sample, assessments };
    stages.push(finished);
    if (isAbc) abc = finished;
    else waves.push({ results, assessments, emulators: spec.method.emulator ? await waveEmulators(spec, results, dir) : null });
    options.onStageEnd?.({ stage, points: results.points.length, survivors: isAbc ? null : assessments.filter((a) => a.plausible).length });
  }

  const summary = summarise(spec, waves, stages, abc);
  const created = stages.flatMap((s) => storeFiles(stageDir(out, s.results.stage)).map((f) => readStore(f).header.createdAt)).sort();
  const files = await writeCalibrationFiles(out, spec, stages, summary, {
    gitCommit: options.gitCommit ?? null,
    file: displayPath(spec.file),
    workers: workersUsed,
    startedAt: created[0] ?? new Date().toISOString(),
    finishedAt: new Date().toISOString(),
  });
  return { kind: 'finished', summary, files };
}

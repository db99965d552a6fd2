import path from 'node:path';
import { runPool } from '../runner/pool';
import { displayPath } from '../scenario/displayPath';
import { prepareFolder, readDesignDocument, sweepOutputColumns } from './designFile';
import { SweepError } from './errors';
import { completeness, writeSweepTables, type Completeness } from './finish';
import { STORE_DIR, storeFileName, storeFiles } from './folder';
import { identityDifference, sweepIdentity } from './identity';
import { planSweep, runScenario, shardRuns, type Shard } from './plan';
import type { SweepSpec } from './spec';
import { latestRecords, readStore, StoreWriter, STORE_FORMAT, type RunRecord, type StoreContents } from './store';

// One process's part of a sweep: plan it, prepare or check the folder, run what is missing of its
// slice on the worker pool, store every run before counting it, and write the tables when the
// whole sweep is stored.

export interface SweepProgress {
  /** runs of this slice stored (before and during this process) */
  done: number;
  total: number;
  failed: number;
  /** runs stored by this process */
  ran: number;
  elapsedMs: number;
}

export interface SweepOptions {
  out: string;
  workers: number;
  resume: boolean;
  shard: Shard | null;
  signal?: AbortSignal;
  onStart?: (info: { total: number; done: number; todo: number; workers: number }) => void;
  onProgress?: (progress: SweepProgress) => void;
  gitCommit?: string | null;
}

export interface SweepOutcome {
  /** runs of this process's slice (all runs without a shard) */
  total: number;
  /** already stored when the process started */
  alreadyDone: number;
  /** stored by this process */
  ran: number;
  /** runs of the slice whose latest record is a failure */
  failures: { id: string; error: string }[];
  interrupted: boolean;
  /** the whole sweep's state when the tables were written; null when they were not (not complete) */
  tables: Completeness | null;
}

function checkStores(stores: StoreContents[], spec: SweepSpec, out: string): void {
  const expected = sweepIdentity(spec);
  for (const store of stores) {
    const difference = identityDifference(store.header.identity, expected);
    if (difference) throw new SweepError(`${displayPath(store.file)} belongs to another sweep: ${difference}. Resuming would mix runs that do not belong to one table; choose another --out, or delete ${displayPath(out)} to start over.`);
  }
}

export async function runSweep(spec: SweepSpec, options: SweepOptions): Promise<SweepOutcome> {
  const started = Date.now();
  const out = path.resolve(options.out);
  const plan = planSweep(spec);
  await prepareFolder(out, spec, plan);
  const stores = storeFiles(out).map(readStore);
  checkStores(stores, spec, out);
  const ownFile = path.join(out, STORE_DIR, storeFileName(options.shard));
  const own = stores.find((s) => s.file === ownFile);
  if (own && !options.resume) {
    throw new SweepError(`${displayPath(out)} already holds ${own.records.length} stored runs of this sweep (${displayPath(ownFile)}); add --resume to run only the missing ones, or choose another --out.`);
  }

  const stored = latestRecords(stores);
  const slice = shardRuns(plan, options.shard);
  const todo = slice.filter((i) => stored.get(plan.runs[i].id)?.status !== 'ok');
  const alreadyDone = slice.length - todo.length;
  const columns = sweepOutputColumns(spec);
  const workers = Math.max(1, Math.min(options.workers, todo.length || 1));
  options.onStart?.({ total: slice.length, done: alreadyDone, todo: todo.length, workers });

  const writer = own
    ? await StoreWriter.append(own)
    : await StoreWriter.create(ownFile, { type: 'header', format: STORE_FORMAT, identity: sweepIdentity(spec), columns: columns.map((c) => c.name), shard: options.shard, createdAt: new Date().toISOString() });

  // Job j of the pool is run todo[j]: replicate 0 of the run's own seed, so that
  // `waterbed run --seed <seed> --reps 1` repeats it; only its outputs come back.
  const wanted = { kind: 'outputs' as const, columns, aggregates: spec.outputs.aggregates };
  const request = (job: number) => {
    const run = plan.runs[todo[job]];
    return { scenario: runScenario(spec, plan, run), seed: run.seed, replicate: 0, wanted };
  };

  let ran = 0;
  let failedNow = 0;
  const failedBefore = new Set(slice.filter((i) => stored.get(plan.runs[i].id)?.status === 'failed').map((i) => plan.runs[i].id));
  const writes = new Set<Promise<void>>();
  let writeError: unknown;
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onOuterAbort);
  try {
    await runPool(todo.length, request, { workers, signal: abort.signal }, (reply) => {
      const id = plan.runs[todo[reply.job]].id;
      const record: RunRecord =
        reply.kind === 'outputs'
          ? { type: 'run', id, status: 'ok', outputs: reply.outputs, ms: Math.round(reply.ms) }
          : { type: 'run', id, status: 'failed', error: reply.error.split('\n')[0], ...(reply.stack ? { stack: reply.stack } : {}), ms: Math.round(reply.ms) };
      const write = writer.write(record).then(
        () => {
          // Counted only now that it is on disk.
          ran++;
          failedBefore.delete(record.id);
          if (record.status === 'failed') failedNow++;
          options.onProgress?.({ done: alreadyDone + ran, total: slice.length, failed: failedNow + failedBefore.size, ran, elapsedMs: Date.now() - started });
        },
        (err) => {
          writeError ??= err;
          abort.abort();
        },
      );
      writes.add(write);
      void write.finally(() => writes.delete(write));
    });
    await Promise.all([...writes]);
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    await writer.close();
  }
  if (writeError) throw writeError;

  const interrupted = options.signal?.aborted ?? false;
  const after = storeFiles(out).map(readStore);
  const latest = latestRecords(after);
  const failures = slice.flatMap((i) => {
    const record = latest.get(plan.runs[i].id);
    return record?.status === 'failed' ? [{ id: record.id, error: record.error ?? 'failed' }] : [];
  });
  let tables: Completeness | null = null;
  if (!interrupted) {
    // Whoever stores the last run of the sweep writes the tables (a shard too, when it is last).
    const doc = readDesignDocument(out);
    if (completeness(doc, after).missing.length === 0) {
      tables = await writeSweepTables(out, doc, after, { gitCommit: options.gitCommit ?? null, sweepFile: displayPath(spec.file), workers, finishedAt: new Date().toISOString() });
    }
  }
  return { total: slice.length, alreadyDone, ran, failures, interrupted, tables };
}

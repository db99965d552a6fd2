import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../io/project';
import { loadWorld } from '../io/worldData';
import { POOL_WORKER, type FinalReply, type ReplicateRequest, type Wanted, type WorkerReply } from './protocol';
import { answer } from './answer';

// The pool of worker threads that runs every replicate of every command (protocol.ts), and reports
// each job's final reply as it comes. Each worker holds up to PREFETCH jobs, so it starts the next
// one the moment it finishes one instead of waiting for the main thread (which, on a machine with
// as many workers as cores, must first be scheduled) to answer. A worker that dies (an uncaught
// error, process.exit in the thread, running out of heap) fails the job it was running, its other
// jobs go back to the queue, and it is replaced, so one bad run cannot stop a sweep.

const PREFETCH = 2;

export interface PoolOptions {
  workers: number;
  /**
   * With one worker, run the jobs in this thread: no thread to start (0.1–0.3 s of a short command),
   * but a crash ends the process, so only for callers that stop at the first failure anyway.
   */
  inThreadWhenOne?: boolean;
  /** stop handing out jobs; jobs under way are abandoned (they get no reply) */
  signal?: AbortSignal;
  /** a job's progress, for requests that want it: `tick` of `ticks` simulated */
  onProgress?: (job: number, tick: number, ticks: number) => void;
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism ? os.availableParallelism() : os.cpus().length);
}

/** The compiled worker script: beside this file in dist/, or dist/ when running from the sources. */
function workerScript(): string {
  const beside = path.join(__dirname, 'worker.js');
  if (fs.existsSync(beside)) return beside;
  return projectPath('dist', 'sim', 'runner', 'worker.js');
}

/**
 * Runs jobs 0 … count−1. `request(job)` makes a job's request when it is handed to a worker (again,
 * should its worker die first), so a long sweep never holds all its scenarios at once. Rejects with
 * the first error thrown by `request` or `onReply`, after stopping the workers.
 */
export async function runPool<W extends Wanted>(
  count: number,
  request: (job: number) => Omit<ReplicateRequest<W>, 'job'>,
  options: PoolOptions,
  onReply: (reply: FinalReply<W>) => void,
): Promise<void> {
  if (count === 0) return;
  const size = Math.max(1, Math.min(options.workers, count));
  if (size === 1 && options.inThreadWhenOne) return runHere(count, request, options, onReply);
  const script = workerScript();
  // Jobs not yet handed out; jobs of a dead worker come back to the front.
  const queue = Array.from({ length: count }, (_, job) => job);
  const workers = new Set<Worker>();

  await new Promise<void>((resolve, reject) => {
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      Promise.all([...workers].map((w) => w.terminate())).then(() => (err ? reject(err) : resolve()), reject);
    };
    const onAbort = () => finish();
    options.signal?.addEventListener('abort', onAbort);
    /** Calls back into the caller; false (and the pool finished with its error) when it throws. */
    const guarded = (call: () => void): boolean => {
      try {
        call();
        return true;
      } catch (err) {
        finish(err);
        return false;
      }
    };

    const start = () => {
      const worker = new Worker(script, { workerData: { kind: POOL_WORKER } });
      workers.add(worker);
      // Jobs sent to this worker and not answered yet, in the order it runs them.
      const held: number[] = [];
      const fill = () => {
        while (!finished && !options.signal?.aborted && held.length < PREFETCH && queue.length > 0) {
          const job = queue.shift()!;
          held.push(job);
          if (!guarded(() => worker.postMessage({ ...request(job), job } satisfies ReplicateRequest))) return;
        }
        if (held.length === 0) {
          workers.delete(worker);
          void worker.terminate();
          if (workers.size === 0) finish();
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        if (finished) return;
        if (reply.kind === 'progress') {
          guarded(() => options.onProgress?.(reply.job, reply.tick, reply.ticks));
          return;
        }
        held.shift();
        // The worker answers what it was asked (protocol.ts): a reply of the kind W wants, or a failure.
        if (guarded(() => onReply(reply as FinalReply<W>))) fill();
      });
      const died = (reason: string) => {
        if (finished || !workers.has(worker)) return;
        workers.delete(worker);
        const [running, ...waiting] = held.splice(0);
        queue.unshift(...waiting);
        if (running !== undefined) {
          const failed: FinalReply = { kind: 'failed', job: running, error: `the worker thread running it stopped: ${reason}`, ms: 0 };
          if (!guarded(() => onReply(failed as FinalReply<W>))) return;
        }
        if (queue.length > 0 && !options.signal?.aborted) start();
        else if (workers.size === 0) finish();
      };
      worker.on('error', (err) => died(err instanceof Error ? err.message : String(err)));
      worker.on('exit', (code) => died(`exit code ${code}`));
      fill();
    };
    for (let i = 0; i < size; i++) start();
  });
}

/** The pool's jobs in this thread, one after another, answered as a worker would. */
function runHere<W extends Wanted>(count: number, request: (job: number) => Omit<ReplicateRequest<W>, 'job'>, options: PoolOptions, onReply: (reply: FinalReply<W>) => void): void {
  const world = loadWorld();
  for (let job = 0; job < count && !options.signal?.aborted; job++) {
    answer({ ...request(job), job }, world, (reply) => {
      if (reply.kind === 'progress') options.onProgress?.(reply.job, reply.tick, reply.ticks);
      else onReply(reply as FinalReply<W>);
    });
  }
}

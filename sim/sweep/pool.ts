import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../io/project';
import type { RunJob, WorkerReply, WorkerSetup } from './worker';

// A pool of worker threads that runs a list of jobs and reports each reply as it comes. Each worker
// holds up to PREFETCH jobs, so it starts the next one the moment it finishes one instead of waiting
// for the main thread (which, on a machine with as many workers as cores, must first be scheduled)
// to answer. A worker that dies (an uncaught error, process.exit in the thread, running out of heap)
// fails the job it was running, its other jobs go back to the queue, and it is replaced, so one bad
// run cannot stop the sweep.

const PREFETCH = 2;

export interface PoolOptions {
  workers: number;
  setup: WorkerSetup;
  /** stop handing out jobs; jobs under way are abandoned (their runs stay missing) */
  signal?: AbortSignal;
}

/** The compiled worker script: beside this file in dist/, or dist/ when running from the sources. */
export function workerScript(): string {
  const beside = path.join(__dirname, 'worker.js');
  if (fs.existsSync(beside)) return beside;
  return projectPath('dist', 'sim', 'sweep', 'worker.js');
}

export async function runPool(jobs: readonly RunJob[], options: PoolOptions, onReply: (reply: WorkerReply, job: RunJob) => void): Promise<void> {
  if (jobs.length === 0) return;
  const script = workerScript();
  const size = Math.max(1, Math.min(options.workers, jobs.length));
  // Jobs not yet handed out; jobs of a dead worker come back to the front.
  const queue = [...jobs];
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
    const report = (reply: WorkerReply, job: RunJob): boolean => {
      try {
        onReply(reply, job);
        return true;
      } catch (err) {
        finish(err);
        return false;
      }
    };

    const start = () => {
      const worker = new Worker(script, { workerData: { kind: 'waterbed-sweep', setup: options.setup } });
      workers.add(worker);
      // Jobs sent to this worker and not answered yet, in the order it runs them.
      const held: RunJob[] = [];
      const fill = () => {
        while (!options.signal?.aborted && held.length < PREFETCH && queue.length > 0) {
          const job = queue.shift()!;
          held.push(job);
          worker.postMessage(job);
        }
        if (held.length === 0) {
          workers.delete(worker);
          void worker.terminate();
          if (workers.size === 0) finish();
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        if (finished) return;
        const job = held.shift()!;
        if (report(reply, job)) fill();
      });
      const died = (reason: string) => {
        if (finished || !workers.has(worker)) return;
        workers.delete(worker);
        const [running, ...waiting] = held.splice(0);
        queue.unshift(...waiting);
        if (running && !report({ kind: 'failed', index: running.index, error: `the worker thread running it stopped: ${reason}`, ms: 0 }, running)) return;
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

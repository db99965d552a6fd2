import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { simulateReplicate } from '../engine/simulate';
import type { ResolvedScenario } from '../core';
import { loadWorld } from '../io/worldData';
import type { ReplicateSeries, SeriesKey } from '../metrics/series';
import type { ReplicateJob, WorkerMessage } from './replicateWorker';

// Runs a scenario's replicates on a pool of worker threads (or in this thread with one worker).
// Each replicate depends only on (scenario, seed, replicate index), and results are returned in
// replicate order, so the outputs are the same whatever the worker count.

export interface ReplicateRun {
  series: ReplicateSeries;
  agentTicks: number;
  peakAgents: number;
}

export interface RunOptions {
  reps: number;
  seed: number;
  workers: number;
  /** called with the share of all ticks done (0..1) */
  onProgress?: (done: number) => void;
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism ? os.availableParallelism() : os.cpus().length);
}

export async function runReplicates(scenario: ResolvedScenario, options: RunOptions): Promise<ReplicateRun[]> {
  const { reps, seed } = options;
  const workers = Math.max(1, Math.min(options.workers, reps));
  const progress = new Float64Array(reps);
  const report = () => options.onProgress?.(progress.reduce((a, b) => a + b, 0) / reps);

  if (workers === 1) {
    const runs: ReplicateRun[] = [];
    for (let r = 0; r < reps; r++) {
      const out = simulateReplicate(scenario, loadWorld(), seed, r, (tick, ticks) => {
        if (tick % 52 === 0 || tick === ticks) {
          progress[r] = tick / ticks;
          report();
        }
      });
      runs.push(out);
    }
    return runs;
  }

  const workerFile = path.join(__dirname, 'replicateWorker.js');
  const results: (ReplicateRun | undefined)[] = new Array(reps);
  let next = 0;
  const pool = Array.from({ length: workers }, () => new Worker(workerFile));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= reps) return resolve();
              const job: ReplicateJob = { scenario, seed, replicate: next++ };
              worker.postMessage(job);
            };
            worker.on('message', (m: WorkerMessage) => {
              if (m.kind === 'progress') {
                progress[m.replicate] = m.tick / m.ticks;
                report();
              } else if (m.kind === 'done') {
                results[m.replicate] = {
                  series: { months: m.months, keys: m.keys as SeriesKey[], values: m.values, flows: m.flows },
                  agentTicks: m.agentTicks,
                  peakAgents: m.peakAgents,
                };
                give();
              } else {
                reject(new Error(`replicate ${m.replicate} failed: ${m.message}`));
              }
            });
            worker.on('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results as ReplicateRun[];
}

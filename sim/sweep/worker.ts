import { parentPort, workerData } from 'node:worker_threads';
import { simulateReplicate } from '../engine/simulate';
import type { ResolvedScenario } from '../core';
import { loadWorld } from '../io/worldData';
import { applyFactors } from './factors';
import { runOutputs, type OutputColumn, type OutputValue } from './outputs';
import type { Factor, OutputSpec } from './spec';

// A worker thread of a sweep: set up once with the scenarios, factors and outputs, then runs one run
// per message and sends back only its outputs (a few numbers), so nothing large crosses threads
// and nothing of a finished run stays in memory.

export interface WorkerSetup {
  scenarios: ResolvedScenario[];
  factors: Pick<Factor, 'target'>[];
  outputs: OutputSpec;
  columns: OutputColumn[];
  /** test hooks: run ids that throw, or that end the worker thread, instead of running */
  failRuns?: string[];
  crashRuns?: string[];
}

export interface RunJob {
  /** index into the plan's runs */
  index: number;
  id: string;
  variant: number;
  values: number[];
  seed: number;
}

export type WorkerReply =
  | { kind: 'done'; index: number; outputs: OutputValue[]; ms: number }
  | { kind: 'failed'; index: number; error: string; stack?: string; ms: number };

export function runJob(setup: WorkerSetup, job: RunJob, world = loadWorld()): WorkerReply {
  const started = performance.now();
  try {
    if (setup.failRuns?.includes(job.id)) throw new Error(`injected failure of run ${job.id}`);
    const scenario = applyFactors(setup.scenarios[job.variant], job.variant, setup.factors, job.values);
    // Replicate 0 of the run's own seed: `waterbed run --seed <seed> --reps 1` repeats it.
    const out = simulateReplicate(scenario, world, job.seed, 0);
    const outputs = runOutputs(out.series, scenario, setup.outputs, setup.columns);
    return { kind: 'done', index: job.index, outputs, ms: performance.now() - started };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { kind: 'failed', index: job.index, error, stack: err instanceof Error ? err.stack : undefined, ms: performance.now() - started };
  }
}

const port = parentPort;
if (port && workerData?.kind === 'waterbed-sweep') {
  const setup = workerData.setup as WorkerSetup;
  const world = loadWorld();
  port.on('message', (job: RunJob) => {
    if (setup.crashRuns?.includes(job.id)) process.exit(70);
    port.postMessage(runJob(setup, job, world) satisfies WorkerReply);
  });
}

import { parentPort, workerData } from 'node:worker_threads';
import { simulateReplicate } from '../engine/simulate';
import type { ResolvedScenario } from '../core';
import { loadWorld } from '../io/worldData';
import { applyFactors } from './factors';
import type { Factor } from './spec';

// For the sweep benchmark: a worker thread that runs a fixed list of runs with nothing around them
// (no pool, outputs or store), to measure what two threads can do on this machine at best.

export interface BareJobs {
  scenario: ResolvedScenario;
  factors: Pick<Factor, 'target'>[];
  runs: { values: number[]; seed: number }[];
}

const port = parentPort;
if (port && workerData?.kind === 'waterbed-bench') {
  const jobs = workerData.jobs as BareJobs;
  const world = loadWorld();
  for (const run of jobs.runs) simulateReplicate(applyFactors(jobs.scenario, 0, jobs.factors, run.values), world, run.seed, 0);
  port.postMessage('done');
}

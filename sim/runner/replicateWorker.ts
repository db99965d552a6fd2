import { parentPort } from 'node:worker_threads';
import { simulateReplicate } from '../engine/simulate';
import type { ResolvedScenario } from '../core';
import { loadWorld } from '../io/worldData';
import type { RelocationFlows } from '../metrics/series';

// A worker thread that runs replicates on request and sends back their series. The series' values
// travel as a transferred buffer, so no copy is made.

export interface ReplicateJob {
  scenario: ResolvedScenario;
  seed: number;
  replicate: number;
}

export type WorkerMessage =
  | { kind: 'progress'; replicate: number; tick: number; ticks: number }
  | { kind: 'done'; replicate: number; months: string[]; keys: unknown[]; values: Float64Array; flows: RelocationFlows; agentTicks: number; peakAgents: number }
  | { kind: 'failed'; replicate: number; message: string };

const port = parentPort;
if (port) {
  port.on('message', (job: ReplicateJob) => {
    try {
      const out = simulateReplicate(job.scenario, loadWorld(), job.seed, job.replicate, (tick, ticks) => {
        if (tick % 52 === 0 || tick === ticks) port.postMessage({ kind: 'progress', replicate: job.replicate, tick, ticks } satisfies WorkerMessage);
      });
      const { months, keys, values, flows } = out.series;
      port.postMessage(
        { kind: 'done', replicate: job.replicate, months, keys, values, flows, agentTicks: out.agentTicks, peakAgents: out.peakAgents } satisfies WorkerMessage,
        [values.buffer as ArrayBuffer, flows.values.buffer as ArrayBuffer],
      );
    } catch (err) {
      port.postMessage({ kind: 'failed', replicate: job.replicate, message: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies WorkerMessage);
    }
  });
}

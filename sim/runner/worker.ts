import { parentPort, workerData } from 'node:worker_threads';
import { censusBuffers } from '../agents/census';
import { simulateReplicate } from '../engine/simulate';
import { loadWorld } from '../io/worldData';
import { runOutputs } from '../metrics/runOutputs';
import type { World } from '../world/world';
import { POOL_WORKER, type FinalReply, type ReplicateRequest, type WorkerReply } from './protocol';

// A worker thread of the pool (pool.ts): loads the world once, then answers one replicate request
// per message, in the order they come. The pool also calls `answer` in its own thread when it
// runs with one worker in this thread.

type Send = (reply: WorkerReply, transfer?: ArrayBuffer[]) => void;

function failure(job: number, err: unknown, started: number): FinalReply {
  const error = err instanceof Error ? err.message : String(err);
  return { kind: 'failed', job, error, stack: err instanceof Error ? err.stack : undefined, ms: performance.now() - started };
}

/** Runs one request and sends its replies: progress as it goes (when wanted), then the final one. */
export function answer(request: ReplicateRequest, world: World, send: Send): void {
  const { job, wanted } = request;
  const started = performance.now();
  let reply: FinalReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const onTick = wanted.kind === 'outcome' && wanted.progress ? (tick: number, ticks: number) => {
      if (tick % 52 === 0 || tick === ticks) send({ kind: 'progress', job, tick, ticks });
    } : undefined;
    const outcome = simulateReplicate(request.scenario, world, request.seed, request.replicate, onTick, request.measureWindows, request.census);
    if (wanted.kind === 'outputs') {
      reply = { kind: 'outputs', job, outputs: runOutputs(outcome.series, request.scenario, wanted.columns, wanted.aggregates), ms: performance.now() - started };
    } else {
      reply = { kind: 'outcome', job, outcome, ms: performance.now() - started };
      transfer = [outcome.series.values.buffer as ArrayBuffer, outcome.series.flows.values.buffer as ArrayBuffer];
      if (outcome.census) transfer.push(...censusBuffers(outcome.census));
    }
  } catch (err) {
    reply = failure(job, err, started);
  }
  // Outside the try: what the receiver does with the reply is not the replicate's failure.
  send(reply, transfer);
}

/**
 * Faults for the tests of crash and failure handling, from WATERBED_TEST_FAULTS: a comma-separated
 * list of `fail@SEED/REPLICATE` (the replicate fails as if it had thrown) and `crash@SEED/REPLICATE`
 * (the worker thread ends, as on running out of heap). Read here only, never by the commands.
 */
function injectedFaults(text: string | undefined): Map<string, 'fail' | 'crash'> {
  const faults = new Map<string, 'fail' | 'crash'>();
  for (const entry of (text ?? '').split(',').filter((e) => e.trim())) {
    const m = /^(fail|crash)@(\d+\/\d+)$/.exec(entry.trim());
    if (!m) throw new Error(`WATERBED_TEST_FAULTS: "${entry}" is not fail@SEED/REPLICATE or crash@SEED/REPLICATE`);
    faults.set(m[2], m[1] as 'fail' | 'crash');
  }
  return faults;
}

const port = parentPort;
if (port && workerData?.kind === POOL_WORKER) {
  const world = loadWorld();
  const faults = injectedFaults(process.env.WATERBED_TEST_FAULTS);
  const send: Send = (reply, transfer) => port.postMessage(reply, transfer);
  port.on('message', (request: ReplicateRequest) => {
    const fault = faults.get(`${request.seed}/${request.replicate}`);
    if (fault === 'crash') process.exit(70);
    if (fault === 'fail') send(failure(request.job, new Error(`injected failure of seed ${request.seed}, replicate ${request.replicate}`), performance.now()));
    else answer(request, world, send);
  });
}

import { censusBuffers } from '../agents/census';
import { simulateReplicate } from '../engine/simulate';
import { runOutputs } from '../metrics/runOutputs';
import type { World } from '../world/world';
import type { FinalReply, ReplicateRequest, WorkerReply } from './protocol';

// One replicate request answered: what a worker thread of the pool (worker.ts) does with each
// message, what the pool does in its own thread when it runs with one worker, and what the
// explorer's Web Workers do in a browser. Pure: the world comes in, the replies go out by `send`.

export type Send = (reply: WorkerReply, transfer?: ArrayBuffer[]) => void;

export function failure(job: number, err: unknown, started: number): FinalReply {
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


import type { CensusSchedule } from '../agents/census';
import type { ReplicateOutcome } from '../engine/simulate';
import type { AnalysisWindows, ResolvedScenario, RowKey } from '../core/types';
import type { OutputColumn, OutputValue } from '../metrics/runOutputs';
import type { WindowAggregate } from '../metrics/windowAggregate';

// What the main thread and a worker thread of the pool (pool.ts, worker.ts) say to each other, for
// every command that runs replicates: run, compare, check-history, sweeps and the benchmarks. A
// request is one replicate, decided by its scenario, seed and replicate index alone; the reply
// carries what the caller wants of it.

/** workerData.kind of the pool's threads (other code, e.g. vitest, runs worker threads of its own). */
export const POOL_WORKER = 'waterbed-pool';

/** What to send back of a replicate. */
export type Wanted =
  /** its whole outcome (the series' buffers are transferred, not copied); with progress, a message every simulated year */
  | { kind: 'outcome'; progress: boolean }
  /** only these outputs (a sweep's columns): a few numbers, so nothing large crosses threads or stays in memory */
  | { kind: 'outputs'; columns: readonly OutputColumn[]; aggregates: readonly WindowAggregate[] };

export interface ReplicateRequest<W extends Wanted = Wanted> {
  /** the job's place in the pool's list; every reply to it carries it back */
  job: number;
  scenario: ResolvedScenario;
  seed: number;
  replicate: number;
  /** more sets of analysis windows to measure who carried each row's change over (simulateReplicate) */
  measureWindows?: readonly Record<RowKey, AnalysisWindows>[];
  /** how often to take the actor census (simulateReplicate); none when absent */
  census?: CensusSchedule;
  wanted: W;
}

export type WorkerReply =
  | { kind: 'progress'; job: number; tick: number; ticks: number }
  | { kind: 'outcome'; job: number; outcome: ReplicateOutcome; ms: number }
  | { kind: 'outputs'; job: number; outputs: OutputValue[]; ms: number }
  | { kind: 'failed'; job: number; error: string; stack?: string; ms: number };

/** The reply that ends a job asking for W: what it wanted, or its failure. */
export type FinalReply<W extends Wanted = Wanted> = Extract<WorkerReply, { kind: W['kind'] | 'failed' }>;

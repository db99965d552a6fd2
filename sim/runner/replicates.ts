import type { CensusSchedule } from '../agents/census';
import type { ReplicateOutcome } from '../engine/simulate';
import type { AnalysisWindows, ResolvedScenario, RowKey } from '../core/types';
import { runPool } from './pool';

// Replicates of scenarios for run, compare and check-history, on the worker pool. Each depends only
// on (scenario, seed, replicate index), and the outcomes are returned in the order asked, so the
// outputs are the same whatever the worker count.

export interface Replicate {
  scenario: ResolvedScenario;
  seed: number;
  replicate: number;
  /** more sets of analysis windows to measure who carried each row's change over (simulateReplicate) */
  measureWindows?: readonly Record<RowKey, AnalysisWindows>[];
  /** how often to take the actor census (simulateReplicate) */
  census?: CensusSchedule;
}

/** Replicates 0 … reps−1 of a scenario. */
export function replicatesOf(
  scenario: ResolvedScenario,
  reps: number,
  seed: number,
  measureWindows?: readonly Record<RowKey, AnalysisWindows>[],
  census?: CensusSchedule,
): Replicate[] {
  return Array.from({ length: reps }, (_, replicate) => ({ scenario, seed, replicate, measureWindows, census }));
}

export interface RunOptions {
  workers: number;
  /** called with the share of all ticks done (0..1) */
  onProgress?: (done: number) => void;
}

/** Runs the replicates; a failed one (a bug, never a user's mistake) rejects with its stack. */
export async function runReplicates(replicates: readonly Replicate[], options: RunOptions): Promise<ReplicateOutcome[]> {
  const outcomes: ReplicateOutcome[] = new Array(replicates.length);
  const progress = new Float64Array(replicates.length);
  const { onProgress } = options;
  await runPool(
    replicates.length,
    (job) => ({ ...replicates[job], wanted: { kind: 'outcome', progress: onProgress !== undefined } }),
    {
      workers: options.workers,
      // A failed replicate stops the command, so a crash in this thread costs nothing more.
      inThreadWhenOne: true,
      onProgress: (job, tick, ticks) => {
        progress[job] = tick / ticks;
        onProgress?.(progress.reduce((a, b) => a + b, 0) / replicates.length);
      },
    },
    (reply) => {
      if (reply.kind === 'outcome') {
        outcomes[reply.job] = reply.outcome;
        return;
      }
      const { scenario, replicate } = replicates[reply.job];
      throw new Error(`replicate ${replicate} of ${scenario.name} failed: ${reply.stack ?? reply.error}`);
    },
  );
  return outcomes;
}

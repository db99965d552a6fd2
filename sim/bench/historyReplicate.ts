import { performance } from 'node:perf_hooks';
import type { ResolvedScenario } from '../core';
import { simulateReplicate } from '../engine';
import type { World } from '../world';
import { median } from './stats';

// One replicate of the historical scenario (1995–2025, the default population) on this thread: what
// a user waits for per replicate, and the figure the fixed cost per week weighs on most.
//
// A thread's first replicates cost more than the later ones: V8 is still compiling the model's code
// and the process's heap and allocator are still growing (page faults of fresh memory). Measured on
// this kind of machine the first replicate after one warm-up took ~1.3× a replicate once the thread is
// warm, the second ~1.1×, and from the third on the cost is flat. A worker of a run or sweep spends
// nearly all its replicates warm, so the figure held against the target is the warm one (the median
// of the repetitions after `warmUp` replicates), as benchmark harnesses measure steady state; the
// first replicate of a fresh thread is shown beside it, so neither hides the other.

export interface HistoryReplicateResult {
  /** seconds per replicate of a warm thread, median of the repetitions */
  seconds: number;
  /** seconds of the first replicate of this (fresh) thread, compilation included */
  firstSeconds: number;
  weeks: number;
  meanAgents: number;
}

/** `warmUp`: replicates run before the timed ones (3: after these the cost per replicate no longer falls) */
export function runHistoryReplicateBenchmark(o: { scenario: ResolvedScenario; world: World; warmUp: number; repetitions: number; log: (line: string) => void }): HistoryReplicateResult {
  const timed = (replicate: number) => {
    let ticks = 0;
    const t0 = performance.now();
    const outcome = simulateReplicate(o.scenario, o.world, 1, replicate, (_, total) => (ticks = total));
    return { seconds: (performance.now() - t0) / 1000, ticks, agentTicks: outcome.agentTicks };
  };
  // warm-up replicates are numbered apart from the timed ones (1 … repetitions), which every build measures alike
  const firstSeconds = timed(1001).seconds;
  for (let w = 2; w <= o.warmUp; w++) timed(1000 + w);
  const times: number[] = [];
  let weeks = 0;
  let meanAgents = 0;
  for (let r = 1; r <= o.repetitions; r++) {
    const run = timed(r);
    times.push(run.seconds);
    weeks = run.ticks;
    meanAgents = run.agentTicks / run.ticks;
  }
  const seconds = median(times);
  o.log('| what | figure | target |');
  o.log('|---|---|---|');
  o.log(
    `| history replicate, one thread | ${seconds.toFixed(2)} s (${o.scenario.name}, ${weeks} weeks, ${Math.round(meanAgents)} agents on average; ` +
      `median of ${times.length} on a warm thread, after ${o.warmUp} replicate${o.warmUp === 1 ? '' : 's'}) | ≤ 0.5 s |`,
  );
  o.log(`| history replicate, first of a fresh thread | ${firstSeconds.toFixed(2)} s (compiling the model's code and growing the heap included) | |`);
  return { seconds, firstSeconds, weeks, meanAgents };
}

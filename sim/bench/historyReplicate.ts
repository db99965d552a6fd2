import { performance } from 'node:perf_hooks';
import type { ResolvedScenario } from '../core';
import { simulateReplicate } from '../engine';
import type { World } from '../world';
import { median } from './stats';

// One replicate of the historical scenario (1995–2025, the default population) on this thread: what
// a user waits for per replicate, and the figure the fixed cost per week weighs on most.

export interface HistoryReplicateResult {
  /** seconds per replicate, median of the repetitions (after one warm-up replicate) */
  seconds: number;
  weeks: number;
  meanAgents: number;
}

export function runHistoryReplicateBenchmark(o: { scenario: ResolvedScenario; world: World; repetitions: number; log: (line: string) => void }): HistoryReplicateResult {
  simulateReplicate(o.scenario, o.world, 1, 0); // warm-up: compile the model's code
  const times: number[] = [];
  let weeks = 0;
  let meanAgents = 0;
  for (let r = 1; r <= o.repetitions; r++) {
    let ticks = 0;
    const t0 = performance.now();
    const outcome = simulateReplicate(o.scenario, o.world, 1, r, (_, total) => (ticks = total));
    times.push((performance.now() - t0) / 1000);
    weeks = ticks;
    meanAgents = outcome.agentTicks / ticks;
  }
  const seconds = median(times);
  o.log('| what | figure | target |');
  o.log('|---|---|---|');
  o.log(
    `| history replicate, one thread | ${seconds.toFixed(2)} s (${o.scenario.name}, ${weeks} weeks, ${Math.round(meanAgents)} agents on average; ` +
      `median of ${times.length}, after a warm-up) | ≤ 0.5 s |`,
  );
  return { seconds, weeks, meanAgents };
}

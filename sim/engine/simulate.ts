import { CensusTaker, type ActorCensus, type CensusSchedule } from '../agents/census';
import type { ReplicateSeries } from '../metrics/series';
import type { World } from '../world/world';
import { agentCount, buildModel } from './model';
import { step } from './scheduler';
import type { AnalysisWindows, ResolvedScenario, RowKey } from '../core/types';

// One replicate, start to end. Pure: a resolved scenario, the world and a seed in, series (and, when
// asked, the actor census of sim/agents/census.ts) out.

export interface ReplicateOutcome {
  series: ReplicateSeries;
  /** the actor census, when one was asked for */
  census?: ActorCensus;
  agentTicks: number;
  peakAgents: number;
}

export function simulateReplicate(
  scenario: ResolvedScenario,
  world: World,
  seed: number | string,
  replicate: number,
  onTick?: (tick: number, ticks: number) => void,
  measureWindows: readonly Record<RowKey, AnalysisWindows>[] = [],
  census: CensusSchedule = 'none',
): ReplicateOutcome {
  const model = buildModel(scenario, world, seed, replicate, measureWindows);
  const taker = census === 'none' ? undefined : new CensusTaker(model.kinds, world, model.ctx.calendar, census);
  const ticks = model.ctx.calendar.ticks;
  let agentTicks = 0;
  let peakAgents = 0;
  for (let t = 0; t < ticks; t++) {
    const n = agentCount(model);
    agentTicks += n;
    if (n > peakAgents) peakAgents = n;
    step(model, taker);
    if (onTick) onTick(t + 1, ticks);
  }
  const series = model.ctx.recorder.result();
  series.carriers = model.ctx.carriers.result();
  const outcome: ReplicateOutcome = { series, agentTicks, peakAgents };
  if (taker) outcome.census = taker.result();
  return outcome;
}

import type { Context } from '../agents/context';
import { Enforcement } from '../agents/enforcement';
import { Investigations } from '../agents/investigations';
import { BuiltKinds, type ActorKind } from '../agents/kind';
import type { Organisations } from '../agents/organisations';
import { actorKinds } from '../agents/registry';
import { Knowhow } from '../behaviour/knowhow';
import { MarketPrices } from '../behaviour/market';
import { PublicSignal } from '../behaviour/publicSignal';
import { Calendar } from '../core/calendar';
import { KeyedStreams, type KeyedStream } from '../core/keyed';
import { ECHELONS, MARKETS, type AnalysisWindows, type ResolvedScenario, type RowKey } from '../core/types';
import { Carriers } from '../metrics/carriers';
import { Recorder } from '../metrics/recorder';
import { ParameterReader } from '../params/read';
import { Levers } from '../policies/levers';
import { PolicySchedule } from '../policies/schedule';
import type { World } from '../world/world';

// Builds one replicate's world of actors from a resolved scenario and a seed.

export interface Model {
  ctx: Context;
  policies: PolicySchedule;
  /** every actor kind, in the registry's order (sim/agents/registry.ts) */
  kinds: ActorKind[];
  /** the same kinds down the supply chain: the order in which they act within a phase */
  chain: ActorKind[];
  /** every distinct set of organisations (some kinds share one) */
  organisations: Organisations[];
  parameters: ParameterReader;
  /** per market: whether a takedown reaches across the border */
  investigationStreams: KeyedStream[];
}

/**
 * `measureWindows`: more sets of analysis windows to measure who carries each row's change over,
 * beside the scenario's own (a comparison judges a baseline over each scenario's windows).
 */
export function buildModel(scenario: ResolvedScenario, world: World, seed: number | string, replicate: number, measureWindows: readonly Record<RowKey, AnalysisWindows>[] = []): Model {
  const p = new ParameterReader(scenario.parameters);
  const calendar = new Calendar(scenario.start, scenario.end);
  const K = world.size;
  const levers = new Levers(K);
  const bias = Float64Array.of(
    p.num('risk.bias.belgiansOnBelgium'),
    p.num('risk.bias.belgiansOnNetherlands'),
    p.num('risk.bias.dutchOnBelgium'),
    p.num('risk.bias.dutchOnNetherlands'),
  );
  const ctx: Context = {
    world,
    calendar,
    levers,
    enforcement: new Enforcement(world, p),
    investigations: new Investigations(),
    signal: new PublicSignal(K, p.num('risk.newsLagWeeks'), p.num('risk.newsSmoothing'), p.num('risk.initialPublicRisk')),
    knowhow: new Knowhow(
      world,
      MARKETS.length,
      p.num('knowhow.initial'),
      p.num('knowhow.contactRatePerWeek'),
      p.num('knowhow.baseRatePerWeek'),
      p.num('knowhow.halfExposureSites'),
      p.num('knowhow.neighbourWeight'),
    ),
    prices: new MarketPrices(MARKETS.length, p.num('prices.elasticity'), p.num('prices.smoothing'), [p.num('prices.minIndex'), p.num('prices.maxIndex')], p.num('prices.tradeCost')),
    recorder: new Recorder(world, calendar),
    carriers: new Carriers(calendar, [scenario.analysis, ...measureWindows]),
    streams: new KeyedStreams(seed, replicate),
    bias,
    tick: 0,
    year: calendar.yearOfTick(0),
  };
  const policies = new PolicySchedule(scenario.policies, calendar, world);
  policies.apply(levers, 0, world);
  const built = new BuiltKinds();
  for (const build of actorKinds) built.add(build(ctx, p, built));
  ctx.recorder.open();
  const kinds = [...built.list()];
  const sites = kinds.flatMap((k) => (k.site ? [k.site] : []));
  return {
    ctx,
    policies,
    kinds,
    // a stable sort: kinds of one echelon keep the registry's order
    chain: [...kinds].sort((a, b) => ECHELONS.indexOf(a.echelon) - ECHELONS.indexOf(b.echelon)),
    organisations: [...new Set(sites.map((s) => s.orgs))],
    parameters: p,
    investigationStreams: MARKETS.map((m) => ctx.streams.get(`investigations.${m}`)),
  };
}

/** Agents alive now: supply-side actors plus consumer cohorts. */
export function agentCount(model: Model): number {
  return model.kinds.reduce((n, k) => n + k.agents, 0);
}

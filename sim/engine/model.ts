import { Brokers } from '../agents/brokers';
import { Consumers } from '../agents/consumers';
import { Enforcement } from '../agents/enforcement';
import { Growers } from '../agents/growers';
import { Importers } from '../agents/importers';
import { Investigations } from '../agents/investigations';
import { Labs } from '../agents/labs';
import { Sellers } from '../agents/sellers';
import type { Organisations } from '../agents/organisations';
import type { SiteKind } from '../agents/siteKind';
import { Knowhow } from '../behaviour/knowhow';
import { MarketPrices } from '../behaviour/market';
import { PublicSignal } from '../behaviour/publicSignal';
import { Recorder } from '../metrics/recorder';
import { ParameterReader } from '../params/read';
import { Levers } from '../policies/levers';
import { PolicySchedule } from '../policies/schedule';
import type { World } from '../world/world';
import { Calendar } from './calendar';
import type { Context } from './context';
import { Streams, type RandomStream } from './rng';
import { MARKETS, type ResolvedScenario } from './types';

// Builds one replicate's world of actors from a resolved scenario and a seed.

export interface Model {
  ctx: Context;
  policies: PolicySchedule;
  growers: Growers;
  labs: Labs;
  sellers: Sellers[];
  consumers: Consumers;
  importers: Importers;
  brokers: Brokers;
  /** every supply-side actor kind, for counting and benchmarks */
  kinds: SiteKind[];
  /** every distinct set of organisations (some kinds share one) */
  organisations: Organisations[];
  parameters: ParameterReader;
  /** per market: whether a takedown reaches across the border */
  investigationStreams: RandomStream[];
}

export function buildModel(scenario: ResolvedScenario, world: World, seed: number | string, replicate: number): Model {
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
    prices: new MarketPrices(MARKETS.length, p.num('prices.elasticity'), p.num('prices.smoothing'), [p.num('prices.minIndex'), p.num('prices.maxIndex')]),
    recorder: new Recorder(world, calendar),
    streams: new Streams(seed, replicate),
    bias,
    tick: 0,
    year: calendar.yearOfTick(0),
  };
  const policies = new PolicySchedule(scenario.policies, calendar, world);
  policies.apply(levers, 0, world);
  const growers = new Growers(ctx, p);
  const labs = new Labs(ctx, p);
  const sellers = MARKETS.map((m) => new Sellers(ctx, p, m, m === 'synthetic' ? labs.site : undefined));
  const consumers = new Consumers(ctx, p);
  const importers = new Importers(ctx, p);
  const brokers = new Brokers(ctx, p);
  ctx.recorder.open();
  consumers.initialise(sellers);
  const kinds = [growers.site, labs.site, ...sellers.map((s) => s.site), importers.site, brokers.site];
  return {
    ctx,
    policies,
    growers,
    labs,
    sellers,
    consumers,
    importers,
    brokers,
    kinds,
    organisations: [...new Set(kinds.map((k) => k.orgs))],
    parameters: p,
    investigationStreams: MARKETS.map((m) => ctx.streams.get(`investigations.${m}`)),
  };
}

/** Agents alive now: supply-side actors plus consumer cohorts. */
export function agentCount(model: Model): number {
  return model.kinds.reduce((n, k) => n + k.pop.alive, 0) + model.consumers.count;
}

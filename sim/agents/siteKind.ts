import { chooseLocation, type LocationTerms, type RiskView } from '../behaviour/location';
import { pickWeighted } from '../behaviour/choice';
import { detectionHazard } from '../behaviour/risk';
import type { Context } from '../engine/context';
import type { RandomStream } from '../engine/rng';
import type { Echelon, Market } from '../engine/types';
import { MARKETS } from '../engine/types';
import type { ParameterReader } from '../params/read';
import type { World } from '../world/world';
import { MARKET_ECHELONS } from '../metrics/series';
import { Organisations } from './organisations';
import { Population } from './population';

// What every supply-side actor kind shares: a population, its organisations, how police find it,
// what a raid or a takedown does, retiring, entering, relocating, and the per-district counts it
// records. The kind modules (growers, labs, sellers, importers, brokers) add what they produce.

/** flags bits: why a site counts as having a Dutch link */
export const LINK_DUTCH_ORGANISER = 1;
export const LINK_SUPPLY_FROM_NL = 2;
export const LINK_SOLD_IN_NL = 4;

export interface SiteKindConfig {
  name: string;
  market: Market;
  echelon: Echelon;
  /** labels of the `kind` field (size classes, channels, routes) */
  classes: readonly string[];
  /** parameter prefix, e.g. 'growers' */
  prefix: string;
  /**
   * Classes that serve the buyers of the district they are in (dealers, couriers): after a raid
   * they carry on where their customers are, or quit, instead of choosing a new district.
   */
  localClasses?: readonly string[];
}

export class SiteKind {
  readonly market: number;
  /** index of this kind's market × echelon in MARKET_ECHELONS, for relocation flows */
  readonly flowRow: number;
  readonly pop: Population;
  readonly orgs: Organisations;
  /** real-world actors one agent stands for */
  readonly weight: number;
  readonly visibility: Float64Array;
  readonly stake: Float64Array;
  readonly bottomOfChain: Float64Array;
  readonly personsPerArrest: Float64Array;
  /** how much the actor's precautions lower the chance police find it (0 none, 1 invisible) */
  readonly care: number;
  readonly exitAfterArrest: number;
  readonly quitPerWeek: number;
  readonly leadProbability: number;
  readonly investigationWeeks: number;
  readonly ownRaidWeight: number;
  readonly contactRaidWeight: number;
  readonly joinOrganisation: number;
  readonly location: LocationTerms;
  /** per class: 1 if a raided actor that carries on picks a new district (see localClasses) */
  private readonly relocatesAfterRaid: Uint8Array;
  /**
   * This week's hazards, the same for every actor of a district and class (and cross-border link),
   * so worked out once a week rather than once per actor: regular detection at
   * (k * classes + cls) * 2 + link, short blows at k * classes + cls.
   */
  private readonly pRegular: Float64Array;
  private readonly pQuick: Float64Array;
  private hazardsTick = -1;
  readonly view: RiskView;
  readonly events: RandomStream;
  readonly choices: RandomStream;
  readonly entryStream: RandomStream;

  // recorder ids per district
  readonly idActive: Int32Array;
  readonly idActiveByOrigin: Int32Array;
  readonly idLink: Int32Array;
  readonly idRelocIn: Int32Array;
  readonly idRelocOut: Int32Array;
  readonly idEntries: Int32Array;
  readonly idExits: Int32Array;
  readonly idDismantled: Int32Array;
  readonly idSeized: Int32Array;
  readonly idArrests: Int32Array;

  /** scratch: where newcomers come from (see homeWeightsFor) */
  private readonly homeWeights: Float64Array;

  // this tick's counts, flushed to the recorder once
  private readonly activeCount: Float64Array;
  private readonly linkCount: Float64Array;
  private readonly world: World;

  /**
   * `sharedOrganisations`: the organisations of another kind that this kind's actors belong to (mail
   * vendors work for the labs' organisations), so raids and takedowns reach across both.
   */
  constructor(readonly config: SiteKindConfig, ctx: Context, p: ParameterReader, initialAgents: number, sharedOrganisations?: Organisations) {
    const { world, recorder, streams } = ctx;
    const K = world.size;
    this.world = world;
    this.market = MARKETS.indexOf(config.market);
    this.flowRow = MARKET_ECHELONS.findIndex((r) => r.market === config.market && r.echelon === config.echelon);
    const pre = config.prefix;
    const keep = p.num('risk.memoryKeepPerWeek');
    this.pop = new Population(initialAgents, K, keep);
    this.orgs = sharedOrganisations ?? new Organisations(Math.ceil(initialAgents / 2), K, keep);
    this.weight = 1 / (p.num(`${pre}.agentsPerActor`) * p.num('population.scale'));
    this.visibility = p.list(`${pre}.visibility`, config.classes);
    this.stake = p.list(`${pre}.stake`, config.classes);
    this.bottomOfChain = p.list(`${pre}.bottomOfChain`, config.classes);
    this.personsPerArrest = p.list(`${pre}.personsPerArrest`, config.classes);
    this.care = p.num(`${pre}.care`);
    this.exitAfterArrest = p.num(`${pre}.exitAfterArrest`);
    this.quitPerWeek = p.num(`${pre}.quitPerYear`) / 52;
    this.leadProbability = p.num(`${pre}.leadProbability`);
    this.investigationWeeks = p.num('enforcement.investigationWeeks');
    this.ownRaidWeight = p.num('risk.ownRaidWeight');
    this.contactRaidWeight = p.num('risk.contactRaidWeight');
    this.joinOrganisation = p.num(`${pre}.joinOrganisation`);
    this.pRegular = new Float64Array(K * config.classes.length * 2);
    this.pQuick = new Float64Array(K * config.classes.length);
    this.relocatesAfterRaid = Uint8Array.from(config.classes, (c) => (config.localClasses?.includes(c) ? 0 : 1));
    this.location = {
      attract: new Float64Array(2 * K),
      riskWeight: p.num(`${pre}.location.riskWeight`),
      kmWeightPer100: p.num(`${pre}.location.kmWeightPer100`),
      foreignPenalty: p.num(`${pre}.location.foreignPenalty`),
      stayBonus: p.num(`${pre}.location.stayBonus`),
    };
    this.view = { publicRisk: ctx.signal.perceived, publicOffset: this.market * K, bias: ctx.bias };
    this.events = streams.get(`${config.name}.events`);
    this.choices = streams.get(`${config.name}.choices`);
    this.entryStream = streams.get(`${config.name}.entry`);

    const m = config.market;
    const e = config.echelon;
    const origins = { by: 'origin' as const, labels: ['BE', 'NL'] };
    this.idActive = recorder.table(m, e, 'active_sites');
    this.idActiveByOrigin = recorder.table(m, e, 'active_sites', origins);
    this.idLink = recorder.table(m, e, 'dutch_link_sites');
    this.idRelocIn = recorder.table(m, e, 'relocations_in');
    this.idRelocOut = recorder.table(m, e, 'relocations_out');
    this.idEntries = recorder.table(m, e, 'entries');
    this.idExits = recorder.table(m, e, 'exits');
    this.idDismantled = recorder.table(m, e, 'dismantled_sites');
    this.idSeized = recorder.table(m, e, 'seized_kg');
    this.idArrests = recorder.table(m, e, 'arrests');
    this.homeWeights = new Float64Array(K);
    this.activeCount = new Float64Array(2 * K);
    this.linkCount = new Float64Array(K);
  }

  /**
   * Where newcomers of one origin come from: the districts of their country by population and, for
   * Belgians in a production market (`knowhowMarket` ≥ 0), by how far know-how has arrived there;
   * `organiserBase` (per district) weighs where a trade's organisers are based.
   * Returns the total weight; `drawHome` then draws from it.
   */
  homeWeightsFor(ctx: Context, origin: number, knowhowMarket = -1, organiserBase?: Float64Array): number {
    const { world } = ctx;
    const K = world.size;
    let total = 0;
    for (let k = 0; k < K; k++) {
      let weight = world.country[k] === origin ? world.population[k] : 0;
      if (knowhowMarket >= 0 && origin === 0) weight *= ctx.knowhow.level[knowhowMarket * K + k];
      if (organiserBase) weight *= organiserBase[k];
      this.homeWeights[k] = weight;
      total += weight;
    }
    return total;
  }

  drawHome(): number {
    return pickWeighted(this.homeWeights, this.homeWeights.length, this.entryStream.next());
  }

  /**
   * A new actor from `home`: joins the organisation of a contact (an actor of `recruitedFrom`) or
   * founds one there, then settles where the location choice takes it (or at `district`, for actors
   * that go where their customers are).
   */
  enter(ctx: Context, home: number, origin: number, cls: number, district = -1, recruitedFrom: Population = this.pop): number {
    let org = -1;
    if (recruitedFrom.alive > 0 && this.entryStream.next() < this.joinOrganisation) {
      for (let tries = 0; tries < 8 && org < 0; tries++) {
        const j = this.entryStream.below(recruitedFrom.highWater);
        if (recruitedFrom.isAlive[j]) org = recruitedFrom.organisation[j];
      }
    }
    if (org < 0) org = this.orgs.create(origin, home);
    this.orgs.join(org);
    const i = this.pop.add(home, origin, org, cls);
    if (origin === 1 || this.orgs.origin[org] === 1) this.pop.flags[i] |= LINK_DUTCH_ORGANISER;
    if (district < 0) district = this.settle(i);
    this.pop.district[i] = district;
    ctx.recorder.flow(this.idEntries[district], this.weight);
    return i;
  }

  leave(ctx: Context, i: number): void {
    ctx.recorder.flow(this.idExits[this.pop.district[i]], this.weight);
    this.orgs.leave(this.pop.organisation[i]);
    this.pop.remove(i);
  }

  /**
   * The start of every actor's week: an organisation taken down, a raid, or retiring. Returns false
   * when the actor is gone or lost its operation this week (the caller skips its production).
   */
  survive(ctx: Context, i: number): boolean {
    const pop = this.pop;
    const k = pop.district[i];
    const org = pop.organisation[i];
    const country = this.world.country[k];
    if (this.orgs.takedown[org] && (this.orgs.takedownCountry[org] === country || this.orgs.takedownCrossBorder[org])) {
      this.recordRaid(ctx, i);
      this.leave(ctx, i);
      return false;
    }
    if (this.hazardsTick !== ctx.tick) this.updateHazards(ctx);
    const cell = k * this.visibility.length + pop.kind[i];
    const crossBorderLink = (pop.flags[i] !== 0) !== (country === 1) ? 1 : 0;
    const pRegular = this.pRegular[cell * 2 + crossBorderLink];
    const pQuick = this.pQuick[cell];
    const u = this.events.next();
    if (u < pRegular) {
      this.raid(ctx, i, true);
      return false;
    }
    if (u < pRegular + (1 - pRegular) * pQuick) {
      this.raid(ctx, i, false);
      return false;
    }
    if (u > 1 - this.quitPerWeek) {
      this.leave(ctx, i);
      return false;
    }
    return true;
  }

  private updateHazards(ctx: Context): void {
    const { enforcement, levers } = ctx;
    const C = this.visibility.length;
    for (let k = 0; k < this.world.size; k++) {
      const mk = this.market * this.world.size + k;
      for (let cls = 0; cls < C; cls++) {
        const cell = k * C + cls;
        for (let link = 0; link < 2; link++) {
          const boost = 1 + levers.crossBorderCooperation * enforcement.crossBorderBoost * link;
          this.pRegular[cell * 2 + link] = detectionHazard(enforcement.ratePerVisibility[mk] * boost, this.visibility[cls], this.care);
        }
        this.pQuick[cell] = detectionHazard(enforcement.shortBlowRate[mk], this.bottomOfChain[cls], 0);
      }
    }
    this.hazardsTick = ctx.tick;
  }

  /** Counts an active actor this week (and its share of police workload). */
  count(ctx: Context, i: number): void {
    const pop = this.pop;
    const k = pop.district[i];
    const cls = pop.kind[i];
    const mk = this.market * this.world.size + k;
    this.activeCount[k * 2 + pop.origin[i]] += 1;
    if (pop.flags[i] !== 0 || pop.origin[i] === 1) this.linkCount[k] += 1;
    ctx.enforcement.loadNext[mk] += this.visibility[cls] * this.weight;
    ctx.enforcement.bottomLoadNext[mk] += this.bottomOfChain[cls] * this.weight;
    ctx.signal.activeThisTick[mk] += this.weight;
  }

  /** Writes this tick's counts to the recorder. */
  flush(ctx: Context): void {
    const K = this.world.size;
    const w = this.weight;
    for (let k = 0; k < K; k++) {
      const be = this.activeCount[k * 2];
      const nl = this.activeCount[k * 2 + 1];
      ctx.recorder.stock(this.idActive[k], (be + nl) * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2], be * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + 1], nl * w);
      ctx.recorder.stock(this.idLink[k], this.linkCount[k] * w);
    }
    this.activeCount.fill(0);
    this.linkCount.fill(0);
  }

  /** Observed indicators of a dismantled site (or an intercepted shipment) in district k. */
  private recordRaid(ctx: Context, i: number, k = this.pop.district[i]): void {
    const w = this.weight;
    ctx.recorder.flow(this.idDismantled[k], w);
    ctx.recorder.flow(this.idArrests[k], w * this.personsPerArrest[this.pop.kind[i]]);
    ctx.recorder.flow(this.idSeized[k], w * this.pop.stockKg[i]);
    ctx.signal.dismantledThisTick[this.market * this.world.size + k] += w;
    this.pop.stockKg[i] = 0;
  }

  private raid(ctx: Context, i: number, regularInvestigation: boolean): void {
    const pop = this.pop;
    const k = pop.district[i];
    this.recordRaid(ctx, i);
    pop.risk.learn(i, k, this.ownRaidWeight);
    this.orgs.risk.learn(pop.organisation[i], k, this.contactRaidWeight);
    if (regularInvestigation) this.followLead(ctx, i, k);
    if (this.choices.next() < this.exitAfterArrest) {
      this.leave(ctx, i);
      return;
    }
    pop.timer[i] = 0;
    if (this.relocatesAfterRaid[pop.kind[i]]) this.relocate(ctx, i);
  }

  /**
   * A shipment (its kg in stockKg) intercepted in district `where`: arrests and news there, a lead
   * into the organisation, and the importer may give up.
   */
  seizure(ctx: Context, i: number, where: number): void {
    this.recordRaid(ctx, i, where);
    this.pop.risk.learn(i, where, this.ownRaidWeight);
    this.orgs.risk.learn(this.pop.organisation[i], where, this.contactRaidWeight);
    this.followLead(ctx, i, where);
    if (this.choices.next() < this.exitAfterArrest) this.leave(ctx, i);
  }

  /** A regular raid can give a lead into the organisation; short blows do not follow up. */
  private followLead(ctx: Context, i: number, k: number): void {
    const org = this.pop.organisation[i];
    if (this.orgs.investigated[org] || this.choices.next() >= this.leadProbability) return;
    if (!ctx.enforcement.tryOpenInvestigation(this.market, k)) return;
    ctx.investigations.start({
      orgs: this.orgs,
      organisation: org,
      market: this.market,
      district: k,
      country: this.world.country[k],
      endTick: ctx.tick + this.investigationWeeks,
    });
  }

  /** Picks a district by the location choice and moves there if it differs. */
  relocate(ctx: Context, i: number): void {
    const pop = this.pop;
    const from = pop.district[i];
    const to = chooseLocation(pop, this.orgs, i, this.stake[pop.kind[i]], this.location, this.view, this.world, this.choices.next());
    if (to === from) return;
    pop.district[i] = to;
    ctx.recorder.flow(this.idRelocOut[from], this.weight);
    ctx.recorder.flow(this.idRelocIn[to], this.weight);
    ctx.recorder.relocation(this.flowRow, from, to, this.weight);
  }

  /** Where a newcomer from `home` settles: the same choice, made from its organisation's view. */
  settle(i: number): number {
    const pop = this.pop;
    return chooseLocation(pop, this.orgs, i, this.stake[pop.kind[i]], this.location, this.view, this.world, this.choices.next());
  }
}

import { firstOfTwoChance } from '../behaviour/choice';
import { priceCell } from '../behaviour/market';
import { happensIn, weekUniform } from '../core/keyed';
import { SYNTHETIC } from '../core/types';
import type { CarrierLedger } from '../metrics/carriers';
import type { ParameterReader } from '../params/read';
import { neighbours } from '../world/queries';
import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { ActorKind } from './kind';
import { LINK_SOLD_IN_NL, LINK_SUPPLY_FROM_NL } from './population';
import { INITIAL_WEEK } from './site';
import { SiteKind } from './siteKind';
import { ConversionSupply } from './conversionSupply';
import { pow } from '../core/math';

// Synthetic-drug labs: conversion labs turn pre-precursors into precursors, production labs cook
// XTC/amphetamine in batches. Each batch needs chemicals bought in BE or NL (wherever acquiring them
// is less risky and nearer) and leaves waste that is dumped, often in a neighbouring district, where
// police may find it. Output is sold on to Dutch traders or to mail vendors.

export const LAB_KINDS = ['conversion', 'production'] as const;
const CONVERSION = 0;
const PRODUCTION = 1;

export class Labs implements ActorKind {
  readonly name = 'labs';
  readonly echelon = 'production';
  readonly prefix = 'labs';
  readonly steps = { production: (ctx: Context) => this.step(ctx), entry: (ctx: Context) => this.enter(ctx) };
  readonly site: SiteKind;
  private readonly batchWeeks: number;
  private readonly outputKg: Float64Array;
  private readonly productionShare: Float64Array;
  private readonly dumpPerBatch: number;
  private readonly dumpAway: number;
  private readonly dumpFound: number;
  private readonly precursorAccess: Float64Array;
  private readonly precursorRiskWeight: number;
  private readonly kmWeight: number;
  private readonly beOrganisedSellsInNL: number;
  private readonly reconsiderPerBatch: number;
  private readonly entryPer100k: Float64Array;
  private readonly priceResponse: number;
  private readonly priceEurPerKg: number;
  /** where synthetic-drug organisers are based, per district */
  private readonly organiserBase: Float64Array;
  private readonly idVolume: Int32Array;
  /** who carries synthetic production: the labs' organisations */
  private readonly carriers: CarrierLedger;
  /** whether this week counts for the carriers (most weeks lie outside the analysis windows) */
  private measuring = false;
  private readonly idVolumeByOrigin: Int32Array;
  private readonly idRevenue: Int32Array;
  private readonly idDumpsFound: Int32Array;
  /** the districts bordering each district, where waste may be dumped */
  private readonly neighbours: number[][];
  /** per district: the chance that a batch's precursors come from NL (looked at once a week, worked out again when the levers it depends on change) */
  private readonly precursorsFromNL: Float64Array;
  private precursorsWeek = -1;
  /** the risk of acquiring precursors in NL and BE that precursorsFromNL was worked out for */
  private precursorRiskNL = NaN;
  private precursorRiskBE = NaN;
  private precursorSupplyBE = NaN;
  /** utility of a factor e in Belgium's precursor supply (its conversion labs operating) against the first week's */
  private readonly precursorSupplyWeight: number;
  /** which Belgian conversion lab a batch's precursors bought in Belgium come from */
  private readonly conversionSupply: ConversionSupply;

  constructor(ctx: Context, p: ParameterReader) {
    const initial = p.list('labs.initialSites', COUNTRIES);
    const agentsPerSite = p.num('labs.agentsPerActor') * p.num('population.scale');
    const ruralWeight = p.num('labs.location.ruralWeight');
    this.site = new SiteKind(
      {
        name: this.name,
        market: 'synthetic',
        echelon: this.echelon,
        classes: LAB_KINDS,
        prefix: this.prefix,
        attractiveness: p.perDistrict('world.ruralShare').map((remoteness) => ruralWeight * remoteness),
        // sheds, barns and industrial units: places go with the land
        places: ctx.world.areaKm2,
        spreadsKnowhow: true,
        suppliesRecordedIn: NL,
      },
      ctx,
      p,
      Math.ceil((initial[BE] + initial[NL]) * agentsPerSite * 1.5),
    );
    this.carriers = ctx.carriers.ledger('synthetic/production');
    this.site.orgs.follow(this.carriers);
    // what a site holds: the part of the cycle's output grown so far
    this.site.heldKg = (i) => (this.outputKg[this.site.pop.kind[i]] * this.site.pop.timer[i]) / this.batchWeeks;
    this.batchWeeks = p.num('labs.batchWeeks');
    this.outputKg = p.list('labs.outputKgPerBatch', LAB_KINDS);
    this.productionShare = Float64Array.of(1 - p.num('labs.productionShare'), p.num('labs.productionShare'));
    this.dumpPerBatch = p.num('labs.dumpPerBatch');
    this.dumpAway = p.num('labs.dumpInNeighbourDistrict');
    this.dumpFound = p.num('labs.dumpFoundProbability');
    this.precursorAccess = p.list('labs.precursorAccess', COUNTRIES);
    this.precursorRiskWeight = p.num('labs.precursorRiskWeight');
    this.kmWeight = p.num('labs.supplyKmWeightPer100');
    this.precursorSupplyWeight = p.num('labs.precursorSupplySizeWeight');
    this.beOrganisedSellsInNL = p.num('labs.beOrganisedSellsInNL');
    this.reconsiderPerBatch = p.num('labs.reconsiderPerBatch');
    this.entryPer100k = p.list('labs.entryPer100kPerWeek', COUNTRIES);
    this.priceResponse = p.num('prices.entryResponse');
    this.priceEurPerKg = p.num('prices.syntheticEurPerKg');
    this.organiserBase = p.perDistrict('labs.organiserBase');

    const r = ctx.recorder;
    this.idVolume = r.table('synthetic', 'production', 'volume_kg');
    this.idVolumeByOrigin = r.table('synthetic', 'production', 'volume_kg', { by: 'origin', labels: COUNTRIES });
    this.idRevenue = r.table('synthetic', 'production', 'revenue_eur');
    this.idDumpsFound = r.table('synthetic', 'production', 'dump_sites_found');
    this.neighbours = neighbours(ctx.world);
    this.precursorsFromNL = new Float64Array(ctx.world.size);
    this.conversionSupply = new ConversionSupply(this.site, ctx, this.kmWeight);

    for (const origin of [BE, NL]) {
      const n = Math.round(initial[origin] * agentsPerSite);
      this.site.turnover.homeWeightsFor(ctx, origin, -1, this.organiserBase);
      for (let a = 0; a < n; a++) this.site.turnover.newcomer(ctx, INITIAL_WEEK, origin, a, this.productionShare);
    }
    const pop = this.site.pop;
    for (let i = 0; i < pop.highWater; i++) pop.timer[i] = this.site.random.below(this.batchWeeks, pop.drawKey[i], ctx.tick, DRAW.cyclePhase);
  }

  get agents(): number {
    return this.site.pop.alive;
  }

  /** A lab finishes a batch every batchWeeks; a conversion lab's output is precursors, 0 kg of drugs. */
  volumeKgPerYear(i: number): number {
    return ((this.outputKg[this.site.pop.kind[i]] * 52) / this.batchWeeks) * this.site.weight;
  }

  private step(ctx: Context): void {
    const site = this.site;
    const pop = site.pop;
    const n = site.startWeek(ctx);
    const { active } = site;
    const { timer } = pop;
    const { kind, district } = pop;
    const country = ctx.world.country;
    this.measuring = this.carriers.measures(ctx.tick);
    this.conversionSupply.beginWeek();
    for (let j = 0; j < n; j++) {
      const i = active[j];
      const t = ++timer[i];
      if (kind[i] === CONVERSION && country[district[i]] === BE) this.conversionSupply.operating(ctx, i);
      if (t === 1) this.buyPrecursors(ctx, i);
      if (t >= this.batchWeeks) this.finishBatch(ctx, i);
    }
    this.conversionSupply.endWeek(ctx);
    site.countActive();
    site.counts.flush(ctx);
  }

  /** New labs where profits are seen (the price in their own country): Dutch organisers, and Belgian cooks where know-how arrived. */
  private enter(ctx: Context): void {
    for (const origin of [BE, NL]) {
      const pull = pow(ctx.prices.index[priceCell(SYNTHETIC, origin)], this.priceResponse);
      const base = this.site.turnover.homeWeightsFor(ctx, origin, SYNTHETIC, this.organiserBase);
      // (entry cells 0 and 1: mail vendors, who share the labs' organisations, number theirs apart)
      this.site.turnover.newcomers(ctx, origin, (this.entryPer100k[origin] * base * pull) / 100_000 / this.site.weight, this.productionShare);
    }
  }

  private buyPrecursors(ctx: Context, i: number): void {
    const pop = this.site.pop;
    if (this.precursorsWeek !== ctx.tick) this.updatePrecursors(ctx);
    const fromNL = this.site.happens(ctx, i, DRAW.supplyFromNL, this.precursorsFromNL[pop.district[i]]);
    pop.setLink(i, LINK_SUPPLY_FROM_NL, fromNL);
    if (!fromNL && pop.kind[i] === PRODUCTION) this.conversionSupply.order(i, pop.district[i]);
  }

  /**
   * Precursors from NL or BE, by a logit on access less the risk of acquiring them (levers) and
   * transport, Belgium's access growing with the log of its conversion labs against the first week's
   * (a destination choice's size variable: more suppliers to find, Ben-Akiva & Lerman 1985, ch. 9): the
   * chances, when the levers or Belgium's supply differ from those they were worked out for.
   */
  private updatePrecursors(ctx: Context): void {
    const risk = ctx.levers.precursorRisk;
    const supplyBE = this.precursorSupplyWeight * this.conversionSupply.logSupplyChange();
    this.precursorsWeek = ctx.tick;
    if (risk[NL] === this.precursorRiskNL && risk[BE] === this.precursorRiskBE && supplyBE === this.precursorSupplyBE) return;
    this.precursorRiskNL = risk[NL];
    this.precursorRiskBE = risk[BE];
    this.precursorSupplyBE = supplyBE;
    for (let k = 0; k < ctx.world.size; k++) {
      const inNL = ctx.world.country[k] === NL;
      const km = ctx.world.kmToOtherCountry[k] / 100;
      const uNL = this.precursorAccess[NL] - this.precursorRiskWeight * risk[NL] - (inNL ? 0 : this.kmWeight * km);
      const uBE = this.precursorAccess[BE] + supplyBE - this.precursorRiskWeight * risk[BE] - (inNL ? this.kmWeight * km : 0);
      this.precursorsFromNL[k] = firstOfTwoChance(uNL, uBE);
    }
  }

  private finishBatch(ctx: Context, i: number): void {
    const site = this.site;
    const pop = site.pop;
    const k = pop.district[i];
    const w = site.weight;
    // (a batch's draws are all of the lab's week: its week key hashed once)
    const week = site.weekOf(ctx, i);
    if (pop.kind[i] === PRODUCTION) {
      const volume = this.outputKg[PRODUCTION] * w;
      const dutchOrganised = site.orgs.origin[pop.organisation[i]] === NL;
      const soldInNL = dutchOrganised || happensIn(week, DRAW.soldInNL, this.beOrganisedSellsInNL);
      pop.setLink(i, LINK_SOLD_IN_NL, soldInNL);
      const market = priceCell(SYNTHETIC, soldInNL ? NL : BE);
      const month = ctx.recorder.current;
      month[this.idVolume[k]] += volume;
      if (this.measuring) this.carriers.add(pop.organisation[i], ctx.world.country[k], volume, ctx.tick);
      month[this.idVolumeByOrigin[k * 2 + pop.origin[i]]] += volume;
      month[this.idRevenue[k]] += volume * this.priceEurPerKg * ctx.prices.index[market];
      ctx.prices.supplyThisTick[market] += volume;
    }
    if (happensIn(week, DRAW.dump, this.dumpPerBatch)) {
      const near = this.neighbours[k];
      const away = near.length > 0 && happensIn(week, DRAW.dumpAway, this.dumpAway);
      const where = away ? near[Math.floor(weekUniform(week, DRAW.dumpWhere) * near.length)] : k;
      const mk = SYNTHETIC * ctx.world.size + where;
      const found = this.dumpFound * ctx.enforcement.relativeEffort[mk];
      if (happensIn(week, DRAW.dumpFound, found)) ctx.recorder.flow(this.idDumpsFound[where], w);
    }
    pop.timer[i] = 0;
    if (happensIn(week, DRAW.reconsider, this.reconsiderPerBatch)) site.relocation.relocate(ctx, i);
  }
}

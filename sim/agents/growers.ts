import { firstOfTwoChance } from '../behaviour/choice';
import { priceCell } from '../behaviour/market';
import { happensIn } from '../core/keyed';
import { CANNABIS } from '../core/types';
import type { CarrierLedger } from '../metrics/carriers';
import type { ParameterReader } from '../params/read';
import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { ActorKind } from './kind';
import { LINK_SOLD_IN_NL, LINK_SUPPLY_FROM_NL } from './population';
import { INITIAL_WEEK } from './site';
import { SiteKind } from './siteKind';
import { pow } from '../core/math';

// Cannabis growers: one agent is one or more plantations of a size class. A plantation buys growth
// material at the start of a grow cycle (in NL or BE, wherever it is easier to get), harvests at the
// end, sells the harvest where it pays best net of transport (the Dutch coffee shops' back door via
// middlemen, or the Belgian domestic market), and may then move or scale up.

export const GROWER_SIZES = ['small', 'medium', 'large', 'industrial'] as const;

export class Growers implements ActorKind {
  readonly name = 'growers';
  readonly echelon = 'production';
  readonly prefix = 'growers';
  readonly steps = { production: (ctx: Context) => this.step(ctx), entry: (ctx: Context) => this.enter(ctx) };
  readonly site: SiteKind;
  private readonly cycleWeeks: number;
  private readonly yieldKg: Float64Array;
  private readonly sizeShareByOrigin: Float64Array[];
  private readonly scaleUpPerHarvest: number;
  private readonly reconsiderPerHarvest: number;
  private readonly entryPer100k: Float64Array;
  private readonly priceEurPerKg: Float64Array;
  private readonly priceResponse: number;
  /** utility of a factor e in the price a harvest fetches (where to sell it) */
  private readonly saleResponse: number;
  /** utility of a factor e in the demand a country's wholesalers buy (how many buyers a harvest can find there) */
  private readonly saleMarketSize: number;
  private readonly growShopDensity: Float64Array;
  private readonly kmWeight: number;
  private readonly dutchTie: number;
  private readonly idVolume: Int32Array;
  /** who carries cannabis production: the growers' organisations */
  private readonly carriers: CarrierLedger;
  /** whether this week counts for the carriers (most weeks lie outside the analysis windows) */
  private measuring = false;
  private readonly idVolumeByOrigin: Int32Array;
  /** harvests by where they were sold (k * 2 + country) */
  private readonly idVolumeByBuyer: Int32Array;
  private readonly idRevenue: Int32Array;
  private readonly idActiveBySize: Int32Array;
  /** per district: the chance that growth material comes from NL (looked at once a week, worked out again when the levers it depends on change) */
  private readonly supplyFromNL: Float64Array;
  private supplyWeek = -1;
  /** the grow-shop access in NL and BE that supplyFromNL was worked out for */
  private supplyAccessNL = NaN;
  private supplyAccessBE = NaN;
  /** per district × Dutch organiser (0/1): the chance that a harvest is sold in NL this week (worked out on first use) */
  private readonly soldInNL: Float64Array;
  private saleWeek = -1;

  constructor(ctx: Context, p: ParameterReader) {
    const initial = p.list('growers.initialSites', COUNTRIES);
    const agentsPerSite = p.num('growers.agentsPerActor') * p.num('population.scale');
    const rentWeight = p.num('growers.location.rentWeight');
    this.site = new SiteKind(
      {
        name: this.name,
        market: 'cannabis',
        echelon: this.echelon,
        classes: GROWER_SIZES,
        classesAreSizes: true,
        prefix: this.prefix,
        attractiveness: p.perDistrict('world.rentIndex').map((rent) => -rentWeight * rent),
        // indoor plantations in houses, flats and sheds: places go with the dwellings
        places: ctx.world.population,
        spreadsKnowhow: true,
        suppliesRecordedIn: BE,
      },
      ctx,
      p,
      Math.ceil((initial[BE] + initial[NL]) * agentsPerSite * 1.5),
    );
    this.carriers = ctx.carriers.ledger('cannabis/production');
    this.site.orgs.follow(this.carriers);
    // what a site holds: the part of the cycle's output grown so far
    this.site.heldKg = (i) => (this.yieldKg[this.site.pop.kind[i]] * this.site.pop.timer[i]) / this.cycleWeeks;
    this.cycleWeeks = p.num('growers.cycleWeeks');
    this.yieldKg = p.list('growers.yieldKgPerCycle', GROWER_SIZES);
    this.sizeShareByOrigin = COUNTRIES.map((c) => p.list(`growers.sizeShare.${c}`, GROWER_SIZES));
    this.scaleUpPerHarvest = p.num('growers.scaleUpPerHarvest');
    this.reconsiderPerHarvest = p.num('growers.reconsiderPerHarvest');
    this.entryPer100k = p.list('growers.entryPer100kPerWeek', COUNTRIES);
    this.priceEurPerKg = p.list('prices.cannabisEurPerKg', COUNTRIES);
    this.priceResponse = p.num('prices.entryResponse');
    this.saleResponse = p.num('growers.salePriceResponse');
    this.saleMarketSize = p.num('growers.saleMarketSizeWeight');
    this.growShopDensity = p.list('growers.growShopDensity', COUNTRIES);
    this.kmWeight = p.num('growers.supplyKmWeightPer100');
    this.dutchTie = p.num('growers.dutchOrganiserSellsInNL');
    this.supplyFromNL = new Float64Array(ctx.world.size);
    this.soldInNL = new Float64Array(ctx.world.size * 2);

    const r = ctx.recorder;
    this.idVolume = r.table('cannabis', 'production', 'volume_kg');
    this.idVolumeByOrigin = r.table('cannabis', 'production', 'volume_kg', { by: 'origin', labels: COUNTRIES });
    this.idVolumeByBuyer = r.table('cannabis', 'production', 'volume_kg', { by: 'buyer', labels: COUNTRIES });
    this.idRevenue = r.table('cannabis', 'production', 'revenue_eur');
    this.idActiveBySize = r.table('cannabis', 'production', 'active_sites', { by: 'size', labels: GROWER_SIZES });

    // Initial plantations: organisers' homes spread by population, sites where the location choice
    // puts them, each partway through a grow cycle.
    for (const origin of [BE, NL]) {
      const n = Math.round(initial[origin] * agentsPerSite);
      this.site.turnover.homeWeightsFor(ctx, origin);
      for (let a = 0; a < n; a++) this.site.turnover.newcomer(ctx, INITIAL_WEEK, origin, a, this.sizeShareByOrigin[origin]);
    }
    const pop = this.site.pop;
    for (let i = 0; i < pop.highWater; i++) pop.timer[i] = this.site.random.below(this.cycleWeeks, pop.drawKey[i], ctx.tick, DRAW.cyclePhase);
  }

  get agents(): number {
    return this.site.pop.alive;
  }

  /** A plantation harvests its size's yield every cycle (until a raid or it quits). */
  volumeKgPerYear(i: number): number {
    return ((this.yieldKg[this.site.pop.kind[i]] * 52) / this.cycleWeeks) * this.site.weight;
  }

  private step(ctx: Context): void {
    const site = this.site;
    const pop = site.pop;
    const K = ctx.world.size;
    const w = site.weight;
    const nSizes = GROWER_SIZES.length;
    const n = site.startWeek(ctx);
    const { active } = site;
    const { timer } = pop;
    this.measuring = this.carriers.measures(ctx.tick);
    for (let j = 0; j < n; j++) {
      const i = active[j];
      const t = ++timer[i];
      if (t === 1) this.buyGrowthMaterial(ctx, i);
      if (t >= this.cycleWeeks) this.harvest(ctx, i);
    }
    site.countActive();
    for (let k = 0; k < K; k++) {
      for (let cls = 0; cls < nSizes; cls++) ctx.recorder.stock(this.idActiveBySize[k * nSizes + cls], site.counts.ofClass(k, cls) * w);
    }
    site.counts.flush(ctx);
  }

  /**
   * New growers where profits are seen (the price in their own country): Dutch organisers from
   * anywhere in NL, Belgian ones from where know-how has arrived; each then settles by the location
   * choice (possibly across the border).
   */
  private enter(ctx: Context): void {
    for (const origin of [BE, NL]) {
      const pull = pow(ctx.prices.index[priceCell(CANNABIS, origin)], this.priceResponse);
      const base = this.site.turnover.homeWeightsFor(ctx, origin, CANNABIS);
      this.site.turnover.newcomers(ctx, origin, (this.entryPer100k[origin] * base * pull) / 100_000 / this.site.weight, this.sizeShareByOrigin[origin]);
    }
  }

  private buyGrowthMaterial(ctx: Context, i: number): void {
    const pop = this.site.pop;
    if (this.supplyWeek !== ctx.tick) this.updateSupply(ctx);
    pop.setLink(i, LINK_SUPPLY_FROM_NL, this.site.happens(ctx, i, DRAW.supplyFromNL, this.supplyFromNL[pop.district[i]]));
  }

  /**
   * Growth material from NL or BE, by a logit on how easily it is bought there (levers) less transport:
   * the chances, when the levers differ from those they were worked out for (seldom: a policy's start or end).
   */
  private updateSupply(ctx: Context): void {
    const access = ctx.levers.growShopAccess;
    this.supplyWeek = ctx.tick;
    if (access[NL] === this.supplyAccessNL && access[BE] === this.supplyAccessBE) return;
    this.supplyAccessNL = access[NL];
    this.supplyAccessBE = access[BE];
    for (let k = 0; k < ctx.world.size; k++) {
      const inNL = ctx.world.country[k] === NL;
      const km = ctx.world.kmToOtherCountry[k] / 100;
      const uNL = Math.log(1e-6 + access[NL] * this.growShopDensity[NL]) - (inNL ? 0 : this.kmWeight * km);
      const uBE = Math.log(1e-6 + access[BE] * this.growShopDensity[BE]) - (inNL ? this.kmWeight * km : 0);
      this.supplyFromNL[k] = firstOfTwoChance(uNL, uBE);
    }
  }

  /**
   * A harvest sold in NL or BE, by a logit on the log of the price it fetches in each country (the
   * reference price times the country's index) and on the log of the demand its wholesalers buy (a
   * destination choice's size variable: a country with more buyers offers more of them to find, Ben-Akiva
   * & Lerman 1985, ch. 9), less the cost of taking it across the border; Dutch organisers lean to NL,
   * where their channels are.
   */
  private updateSale(ctx: Context): void {
    const chances = this.soldInNL;
    const index = ctx.prices.index;
    const size = (c: number) => this.saleMarketSize * Math.log(1e-9 + ctx.prices.demand(priceCell(CANNABIS, c)));
    const valueNL = this.saleResponse * Math.log(this.priceEurPerKg[NL] * index[priceCell(CANNABIS, NL)]) + size(NL);
    const valueBE = this.saleResponse * Math.log(this.priceEurPerKg[BE] * index[priceCell(CANNABIS, BE)]) + size(BE);
    for (let k = 0; k < ctx.world.size; k++) {
      const inNL = ctx.world.country[k] === NL;
      const crossing = this.kmWeight * (ctx.world.kmToOtherCountry[k] / 100);
      for (const dutch of [0, 1]) {
        const uNL = valueNL + (dutch ? this.dutchTie : 0) - (inNL ? 0 : crossing);
        const uBE = valueBE - (inNL ? crossing : 0);
        chances[k * 2 + dutch] = firstOfTwoChance(uNL, uBE);
      }
    }
    this.saleWeek = ctx.tick;
  }

  private harvest(ctx: Context, i: number): void {
    const site = this.site;
    const pop = site.pop;
    const k = pop.district[i];
    const w = site.weight;
    const volume = this.yieldKg[pop.kind[i]] * w;
    const dutchOrganiser = site.orgs.origin[pop.organisation[i]] === NL ? 1 : 0;
    if (this.saleWeek !== ctx.tick) this.updateSale(ctx);
    const week = site.weekOf(ctx, i);
    const soldInNL = happensIn(week, DRAW.soldInNL, this.soldInNL[k * 2 + dutchOrganiser]);
    pop.setLink(i, LINK_SOLD_IN_NL, soldInNL);
    const market = priceCell(CANNABIS, soldInNL ? NL : BE);
    const price = this.priceEurPerKg[soldInNL ? NL : BE] * ctx.prices.index[market];
    const month = ctx.recorder.current;
    month[this.idVolume[k]] += volume;
    if (this.measuring) this.carriers.add(pop.organisation[i], ctx.world.country[k], volume, ctx.tick);
    month[this.idVolumeByOrigin[k * 2 + pop.origin[i]]] += volume;
    month[this.idVolumeByBuyer[k * 2 + (soldInNL ? NL : BE)]] += volume;
    month[this.idRevenue[k]] += volume * price;
    ctx.prices.supplyThisTick[market] += volume;
    pop.timer[i] = 0;
    if (pop.kind[i] < GROWER_SIZES.length - 1 && happensIn(week, DRAW.scaleUp, this.scaleUpPerHarvest)) pop.setKind(i, pop.kind[i] + 1);
    if (happensIn(week, DRAW.reconsider, this.reconsiderPerHarvest)) site.relocation.relocate(ctx, i);
  }
}

import type { CarrierLedger } from '../metrics/carriers';
import type { ParameterReader } from '../params/read';
import { mainSeaport } from '../world/queries';
import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { Importers } from './importers';
import type { ActorKind } from './kind';
import { LINK_DUTCH_ORGANISER } from './population';
import { SiteKind } from './siteKind';

// Cocaine middle-market brokers: they hold stock and sell it on in wholesale deals to buyers who
// come to them. Stock arrives two ways: importers deliver to the brokers of the country whose
// wholesale demand buys each shipment (Importers.shareBuyers), and
// extraction crews' pay in kind in a seaport is sold through brokers in that port district. Where
// stock waits for a broker, new brokers appear (local groups that accumulated stock and capital).

/** the one class of brokers */
const BROKER = 0;

export class Brokers implements ActorKind {
  readonly name = 'brokers';
  readonly echelon = 'middle';
  readonly prefix = 'brokers';
  readonly steps = { trade: (ctx: Context) => this.step(ctx), entry: (ctx: Context) => this.enter(ctx) };
  readonly site: SiteKind;
  private readonly sellShare: number;
  private readonly dealKg: number;
  private readonly eurPerKg: Float64Array;
  private readonly kgPerBrokerWeek: number;
  private readonly entryShare: number;
  private readonly idVolume: Int32Array;
  /** who carries the cocaine middle market: the brokers' organisations */
  private readonly carriers: CarrierLedger;
  private readonly idTransactions: Int32Array;
  private readonly idRevenue: Int32Array;
  /** what Dutch-run brokers sold */
  private readonly idDutchRunKg: Int32Array;
  private readonly countByCountry = new Float64Array(COUNTRIES.length);
  private readonly countByDistrict: Float64Array;
  private readonly waitingKg = new Float64Array(COUNTRIES.length);
  private readonly crewPerBroker: Float64Array;
  private readonly perBroker = new Float64Array(COUNTRIES.length);
  /** where new brokers of a country start: its main seaport, where the stock comes in */
  private readonly portOf: Int32Array;

  /** `importers`: whose deliveries and crews' stock the brokers sell */
  constructor(ctx: Context, p: ParameterReader, private readonly importers: Importers) {
    const K = ctx.world.size;
    const portWeight = p.num('brokers.location.portWeight');
    this.site = new SiteKind(
      {
        name: this.name,
        market: 'cocaine',
        echelon: this.echelon,
        classes: ['broker'],
        prefix: this.prefix,
        attractiveness: Float64Array.from(ctx.world.majorSeaport, (port) => portWeight * port),
        // stash houses and premises to meet buyers: places go with the people
        places: ctx.world.population,
      },
      ctx,
      p,
      256,
    );
    this.carriers = ctx.carriers.ledger('cocaine/middle');
    this.site.orgs.follow(this.carriers);
    this.sellShare = p.num('brokers.sellSharePerWeek');
    this.dealKg = p.num('brokers.dealKg');
    this.eurPerKg = p.list('prices.cocaineWholesaleEurPerKg', COUNTRIES);
    this.kgPerBrokerWeek = p.num('brokers.kgPerBrokerWeek');
    this.entryShare = p.num('brokers.entryShareOfGapPerWeek');
    this.countByDistrict = new Float64Array(K);
    this.crewPerBroker = new Float64Array(K);
    const r = ctx.recorder;
    this.idVolume = r.table('cocaine', 'middle', 'volume_kg');
    this.idTransactions = r.table('cocaine', 'middle', 'transactions');
    this.idRevenue = r.table('cocaine', 'middle', 'revenue_eur');
    this.idDutchRunKg = r.table('cocaine', 'middle', 'dutch_run_kg');
    this.portOf = Int32Array.from(COUNTRIES, (_, c) => mainSeaport(ctx.world, c));
  }

  get agents(): number {
    return this.site.pop.alive;
  }

  /**
   * This week's sales, for a year: it sold sellShare of what it held, and kept the rest (a broker
   * that sells all it holds held this week's deliveries only).
   */
  volumeKgPerYear(i: number): number {
    const pop = this.site.pop;
    const held = this.sellShare < 1 ? pop.stockKg[i] / (1 - this.sellShare) : this.perBroker[pop.origin[i]] + this.crewPerBroker[pop.district[i]];
    return held * this.sellShare * this.site.weight * 52;
  }

  private step(ctx: Context): void {
    const { site, importers } = this;
    const pop = site.pop;
    const K = ctx.world.size;
    const w = site.weight;
    // First the week's raids and exits, so that stock goes only to brokers still trading (timer 1).
    this.countByCountry.fill(0);
    this.countByDistrict.fill(0);
    const n = site.startWeek(ctx);
    const { active } = site;
    for (let j = 0; j < n; j++) {
      const i = active[j];
      this.countByCountry[pop.origin[i]] += 1;
      this.countByDistrict[pop.district[i]] += 1;
    }
    // Deliveries are shared by the brokers of the country whose demand bought them; crews' stock by
    // those in the port. Where there is no broker, the stock waits.
    const perBroker = this.perBroker;
    for (const c of [BE, NL]) {
      const stock = importers.deliveredKg[c] + this.waitingKg[c];
      perBroker[c] = this.countByCountry[c] > 0 ? stock / (this.countByCountry[c] * w) : 0;
      this.waitingKg[c] = this.countByCountry[c] > 0 ? 0 : stock;
    }
    const crewPerBroker = this.crewPerBroker;
    for (let k = 0; k < K; k++) {
      crewPerBroker[k] = 0;
      if (this.countByDistrict[k] > 0 && importers.crewStockKg[k] > 0) {
        crewPerBroker[k] = importers.crewStockKg[k] / (this.countByDistrict[k] * w);
        importers.crewStockKg[k] = 0;
      }
    }
    const measuring = this.carriers.measures(ctx.tick);
    for (let j = 0; j < n; j++) {
      const i = active[j];
      const k = pop.district[i];
      pop.stockKg[i] += perBroker[pop.origin[i]] + crewPerBroker[k];
      const sold = pop.stockKg[i] * this.sellShare;
      pop.stockKg[i] -= sold;
      const kg = sold * w;
      const month = ctx.recorder.current;
      month[this.idVolume[k]] += kg;
      if (measuring) this.carriers.add(pop.organisation[i], ctx.world.country[k], kg, ctx.tick);
      month[this.idTransactions[k]] += kg / this.dealKg;
      month[this.idRevenue[k]] += kg * this.eurPerKg[ctx.world.country[k]];
      if (pop.flags[i] & LINK_DUTCH_ORGANISER) month[this.idDutchRunKg[k]] += kg;
    }
    site.countActive();
    site.counts.flush(ctx);
  }

  /** New brokers where stock waits for them: in the importers' country, and in the ports with crews' stock. */
  private enter(ctx: Context): void {
    const { site, importers } = this;
    const w = site.weight;
    const s = site.random;
    const tick = ctx.tick;
    // Entry cells: the origin for newcomers to the main seaports, 2 + k for those to district k's crews.
    for (const origin of [BE, NL]) {
      // Stock waits only where the country has no broker, and then it includes this week's delivery.
      const flow = this.waitingKg[origin] > 0 ? this.waitingKg[origin] : importers.deliveredKg[origin];
      const gap = flow / this.kgPerBrokerWeek - this.countByCountry[origin] * w;
      const n = gap > 0 ? s.poisson((this.entryShare * gap) / w, s.keyOf(origin), tick, DRAW.entrants) : 0;
      for (let a = 0; a < n; a++) site.turnover.enter(ctx, site.newId(tick, origin, a), this.portOf[origin], origin, BROKER);
      importers.deliveredKg[origin] = 0;
    }
    for (let k = 0; k < ctx.world.size; k++) {
      const stock = importers.crewStockKg[k];
      if (stock <= 0) continue;
      const gap = stock / this.kgPerBrokerWeek - this.countByDistrict[k] * w;
      const n = gap > 0 ? s.poisson((this.entryShare * gap) / w, s.keyOf(2 + k), tick, DRAW.entrants) : 0;
      for (let a = 0; a < n; a++) site.turnover.enter(ctx, site.newId(tick, 2 + k, a), k, ctx.world.country[k], BROKER, k);
    }
  }
}

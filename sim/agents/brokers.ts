import type { Context } from '../engine/context';
import type { ParameterReader } from '../params/read';
import { BE, NL } from '../world/world';
import type { Importers } from './importers';
import { SiteKind } from './siteKind';

// Cocaine middle-market brokers: they hold stock and sell it on in wholesale deals to buyers who
// come to them. Stock arrives two ways: importers deliver to brokers of their own country, and
// extraction crews' pay in kind in a seaport is sold through brokers in that port district. Where
// stock waits for a broker, new brokers appear (local groups that accumulated stock and capital).

export class Brokers {
  readonly site: SiteKind;
  /** kg delivered by importers this week, per country of the importing organisation */
  readonly supplyKg = new Float64Array(2);
  private readonly sellShare: number;
  private readonly dealKg: number;
  private readonly eurPerKg: Float64Array;
  private readonly kgPerBrokerWeek: number;
  private readonly entryShare: number;
  private readonly idVolume: Int32Array;
  private readonly idTransactions: Int32Array;
  private readonly idRevenue: Int32Array;
  private readonly countByCountry = new Float64Array(2);
  private readonly countByDistrict: Float64Array;
  private readonly waitingKg = new Float64Array(2);
  private readonly crewPerBroker: Float64Array;
  private readonly perBroker = new Float64Array(2);

  constructor(ctx: Context, p: ParameterReader) {
    const K = ctx.world.size;
    this.site = new SiteKind(
      { name: 'brokers', market: 'cocaine', echelon: 'middle', classes: ['broker'], prefix: 'brokers' },
      ctx,
      p,
      256,
    );
    this.sellShare = p.num('brokers.sellSharePerWeek');
    this.dealKg = p.num('brokers.dealKg');
    this.eurPerKg = p.list('prices.cocaineWholesaleEurPerKg', ['BE', 'NL']);
    this.kgPerBrokerWeek = p.num('brokers.kgPerBrokerWeek');
    this.entryShare = p.num('brokers.entryShareOfGapPerWeek');
    this.countByDistrict = new Float64Array(K);
    this.crewPerBroker = new Float64Array(K);
    const r = ctx.recorder;
    this.idVolume = r.table('cocaine', 'middle', 'volume_kg');
    this.idTransactions = r.table('cocaine', 'middle', 'transactions');
    this.idRevenue = r.table('cocaine', 'middle', 'revenue_eur');
    const portWeight = p.num('brokers.location.portWeight');
    for (let o = 0; o < 2; o++) for (let k = 0; k < K; k++) this.site.location.attract[o * K + k] = portWeight * ctx.world.majorSeaport[k];
  }

  step(ctx: Context, importers: Importers): void {
    const site = this.site;
    const pop = site.pop;
    const K = ctx.world.size;
    const w = site.weight;
    // First the week's raids and exits, so that stock goes only to brokers still trading (timer 1).
    this.countByCountry.fill(0);
    this.countByDistrict.fill(0);
    for (let i = 0; i < pop.highWater; i++) {
      if (!pop.isAlive[i]) continue;
      const trading = site.survive(ctx, i);
      pop.timer[i] = trading ? 1 : 0;
      if (!trading) continue;
      this.countByCountry[pop.origin[i]] += 1;
      this.countByDistrict[pop.district[i]] += 1;
    }
    // Deliveries are shared by the brokers of the importer's country; crews' stock by those in the
    // port. Where there is no broker, the stock waits.
    const perBroker = this.perBroker;
    for (let c = 0; c < 2; c++) {
      const stock = this.supplyKg[c] + this.waitingKg[c];
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
    for (let i = 0; i < pop.highWater; i++) {
      if (!pop.isAlive[i] || pop.timer[i] === 0) continue;
      const k = pop.district[i];
      pop.stockKg[i] += perBroker[pop.origin[i]] + crewPerBroker[k];
      const sold = pop.stockKg[i] * this.sellShare;
      pop.stockKg[i] -= sold;
      const kg = sold * w;
      const month = ctx.recorder.current;
      month[this.idVolume[k]] += kg;
      month[this.idTransactions[k]] += kg / this.dealKg;
      month[this.idRevenue[k]] += kg * this.eurPerKg[ctx.world.country[k]];
      site.count(ctx, i);
    }
    site.flush(ctx);
  }

  /** New brokers where stock waits for them: in the importers' country, and in the ports with crews' stock. */
  enter(ctx: Context, importers: Importers): void {
    const site = this.site;
    const w = site.weight;
    const s = site.entryStream;
    for (const origin of [BE, NL]) {
      // Stock waits only where the country has no broker, and then it includes this week's delivery.
      const flow = this.waitingKg[origin] > 0 ? this.waitingKg[origin] : this.supplyKg[origin];
      const gap = flow / this.kgPerBrokerWeek - this.countByCountry[origin] * w;
      const n = gap > 0 ? s.poisson((this.entryShare * gap) / w) : 0;
      for (let a = 0; a < n; a++) {
        const home = this.biggestPortOf(ctx, origin);
        site.enter(ctx, home, origin, 0);
      }
      this.supplyKg[origin] = 0;
    }
    for (let k = 0; k < ctx.world.size; k++) {
      const stock = importers.crewStockKg[k];
      if (stock <= 0) continue;
      const gap = stock / this.kgPerBrokerWeek - this.countByDistrict[k] * w;
      const n = gap > 0 ? s.poisson((this.entryShare * gap) / w) : 0;
      for (let a = 0; a < n; a++) site.enter(ctx, k, ctx.world.country[k], 0, k);
    }
  }

  private biggestPortOf(ctx: Context, country: number): number {
    const { world } = ctx;
    let best = -1;
    for (let k = 0; k < world.size; k++) {
      if (world.country[k] !== country) continue;
      if (best < 0 || world.majorSeaport[k] > world.majorSeaport[best] || (world.majorSeaport[k] === world.majorSeaport[best] && world.population[k] > world.population[best])) best = k;
    }
    return best;
  }
}

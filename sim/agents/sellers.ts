import { priceCell } from '../behaviour/market';
import { MARKETS, SYNTHETIC, type Market } from '../core/types';
import type { CarrierLedger } from '../metrics/carriers';
import type { ParameterReader } from '../params/read';
import { nearestAcrossBorder } from '../world/queries';
import { BE, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { ActorKind } from './kind';
import type { Labs } from './labs';
import { SiteKind } from './siteKind';
import { pow } from '../core/math';

// Retail sellers of one market: local dealers, couriers sent by call centres, and (synthetic drugs)
// vendors who post online orders as mail. Dealers and couriers appear where buyers ask for them and
// leave where there are too many for the demand (suppliers follow demand); Dutch dealing
// organisations and call centres also choose to serve Belgian districts they can reach, from the
// demand they see there and its risk (dutchOperations). Mail vendors serve buyers worldwide and pick
// the district they post from by perceived risk, like producers pick a site.

export const SELLER_CLASSES = ['dealer', 'courier', 'mail'] as const;
export const DEALER = 0;
export const COURIER = 1;
export const MAIL = 2;
/** the classes that serve the buyers of their own district (mail vendors serve buyers anywhere) */
export const LOCAL_SELLERS = [DEALER, COURIER] as const;
/** the classes whose buyers a Dutch dealing organisation sees (dutchOperations; a call centre sees LOCAL_SELLERS') */
const DEALERS_ONLY = [DEALER] as const;

export class Sellers implements ActorKind {
  readonly name: string;
  readonly echelon = 'retail';
  readonly prefix = 'sellers';
  readonly steps = { trade: (ctx: Context) => this.step(ctx), entry: (ctx: Context) => this.enter(ctx) };
  readonly site: SiteKind;
  readonly market: number;
  /** agents per class × district counted last tick, at cls * K + k */
  readonly count: Float64Array;
  /** of those, the Dutch-run ones (a Dutch seller, or one in a Dutch organisation) */
  private readonly dutchRunCount: Float64Array;
  /** purchases asked of dealers and couriers this tick, per class × district (real transactions) */
  readonly demandTransactions: Float64Array;
  readonly demandKg: Float64Array;
  /** the part of demandTransactions from buyers who have left a shop across the border for local sellers */
  readonly formerShopTransactions: Float64Array;
  private readonly excessQuit: Float64Array;
  private readonly salesPerWeek: Float64Array;
  private readonly entryShare: number;
  private readonly excessExit: number;
  /** Dutch organisations' Belgian operations (see dutchOperations) */
  private readonly operation: { perWeek: number; setupCost: number; followWeight: number; riskWeight: number; rangeKm: number };
  /** where a Dutch-run seller in a Belgian district is run from: the nearest Dutch district */
  private readonly nearestAcross: Int32Array;
  /** per district: how far Dutch organisations reach it, e^(−km to NL / rangeKm) (see dutchOperations) */
  private readonly operationReach: Float64Array;
  // mail (synthetic only)
  private readonly mailKgPerWeek: number;
  private readonly mailGrowthPerYear: number;
  private readonly mailKgPerVendorWeek: number;
  private readonly mailKgPerParcel: number;
  private readonly mailDutchShare: number;
  private readonly reconsiderPerWeek: number;
  private readonly retailEurPerGram: number;
  private readonly startYear: number;
  private readonly organiserBase: Float64Array;
  private readonly idMailVolume: Int32Array;
  private readonly idMailTransactions: Int32Array;
  private readonly idMailRevenue: Int32Array;
  private readonly idVolume: Int32Array;
  /** who carries the mail-order part of the row: the vendors' organisations (null without mail vendors) */
  private readonly mailCarriers: CarrierLedger | null;
  private readonly idTransactions: Int32Array;
  private readonly idRevenue: Int32Array;
  /** what Dutch-run sellers sold, per district × class (k * classes + cls; the class is the channel) */
  private readonly idDutchRunKg: Int32Array;
  private mailKgThisTick = 0;
  /** this week's orders per mail vendor (agent), kg */
  private mailKgPerVendor = 0;

  /** `labs`: for synthetic drugs, the labs whose organisations the mail vendors work for */
  constructor(ctx: Context, p: ParameterReader, market: Market, private readonly labs?: Labs) {
    const { world } = ctx;
    const K = world.size;
    const cells = SELLER_CLASSES.length * K;
    const ruralWeight = p.num('sellers.location.ruralWeight');
    const local = LOCAL_SELLERS.map((c) => SELLER_CLASSES[c]);
    // Mail vendors sell synthetic drugs only; without them, sellers start where their buyers are,
    // run from there or (in Belgium) from NL, and never move.
    const hasMail = market === 'synthetic';
    this.name = `sellers-${market}`;
    this.market = MARKETS.indexOf(market);
    this.site = new SiteKind(
      {
        name: this.name,
        market,
        echelon: this.echelon,
        classes: hasMail ? SELLER_CLASSES : local,
        newsPerClass: true,
        prefix: this.prefix,
        localClasses: local,
        attractiveness: p.perDistrict('world.ruralShare').map((rural) => ruralWeight * rural),
        // mail vendors post from homes and post offices: places go with the people
        places: world.population,
        possibleOrigin: hasMail ? undefined : (k, origin) => origin === world.country[k] || origin === NL,
        // customs checks of the post they send abroad from the district
        detectionLever: hasMail ? (levers, cls, k) => (cls === MAIL ? levers.postInspection[k] : 1) : undefined,
      },
      ctx,
      p,
      256,
      labs?.site.orgs,
    );
    this.site.heldKg = (i) => this.heldKg(i);
    this.mailCarriers = hasMail ? ctx.carriers.ledger(`${market}/retail`) : null;
    if (this.mailCarriers) this.site.orgs.follow(this.mailCarriers);
    this.count = new Float64Array(cells);
    this.dutchRunCount = new Float64Array(cells);
    this.demandTransactions = new Float64Array(cells);
    this.demandKg = new Float64Array(cells);
    this.formerShopTransactions = new Float64Array(cells);
    this.excessQuit = new Float64Array(cells);
    this.salesPerWeek = p.list('sellers.salesPerWeek', LOCAL_SELLERS.map((c) => SELLER_CLASSES[c]));
    this.entryShare = p.num('sellers.entryShareOfGapPerWeek');
    this.excessExit = p.num('sellers.excessExitPerWeek');
    this.operation = {
      perWeek: p.num('sellers.dutchOperation.perWeek'),
      setupCost: p.num('sellers.dutchOperation.setupCost'),
      followWeight: p.num('sellers.dutchOperation.followWeight'),
      riskWeight: p.num('sellers.dutchOperation.riskWeight'),
      rangeKm: p.num('sellers.dutchOperation.rangeKm'),
    };
    this.mailKgPerWeek = hasMail ? p.num('sellers.mail.worldDemandKgPerWeek') : 0;
    this.mailGrowthPerYear = p.num('sellers.mail.demandGrowthPerYear');
    this.mailKgPerVendorWeek = p.num('sellers.mail.kgPerVendorWeek');
    this.mailKgPerParcel = p.num('sellers.mail.kgPerParcel');
    this.mailDutchShare = p.num('sellers.mail.dutchShare');
    this.reconsiderPerWeek = p.num('sellers.mail.reconsiderPerWeek');
    this.retailEurPerGram = p.num(`prices.retailEurPerGram.${market}`);
    this.startYear = ctx.calendar.yearOfTick(0);
    this.organiserBase = p.perDistrict('labs.organiserBase');
    this.nearestAcross = nearestAcrossBorder(ctx.world);
    this.operationReach = world.kmToOtherCountry.map((km) => Math.exp(-km / this.operation.rangeKm));
    const r = ctx.recorder;
    const mail = { by: 'channel' as const, labels: ['mail'] };
    const mailHere = () => hasMail;
    this.idMailVolume = r.table(market, 'retail', 'volume_kg', mail, mailHere);
    this.idMailTransactions = r.table(market, 'retail', 'transactions', mail, mailHere);
    this.idMailRevenue = r.table(market, 'retail', 'revenue_eur', mail, mailHere);
    // totals for mail sales are added to the consumers' totals through these
    this.idVolume = r.table(market, 'retail', 'volume_kg');
    this.idTransactions = r.table(market, 'retail', 'transactions');
    this.idRevenue = r.table(market, 'retail', 'revenue_eur');
    // In NL every dealer and courier is Dutch: their Dutch-run sales would restate the channel's volume.
    const dutchRunHere = (k: number, cls: number) => cls === MAIL || world.country[k] === BE;
    this.idDutchRunKg = r.table(market, 'retail', 'dutch_run_kg', { by: 'channel', labels: this.site.config.classes }, dutchRunHere);
  }

  get agents(): number {
    return this.site.pop.alive;
  }

  /** This week's sales (its share of its channel's purchases where it sells, or of the mail orders), for a year. */
  volumeKgPerYear(i: number): number {
    return this.heldKg(i) * this.site.weight * 52;
  }

  /** Worldwide mail-order demand this week, kg (grows by a constant yearly rate). */
  mailDemandKg(ctx: Context): number {
    return this.mailKgPerWeek * pow(1 + this.mailGrowthPerYear, ctx.year - this.startYear);
  }

  private step(ctx: Context): void {
    const site = this.site;
    const pop = site.pop;
    const K = ctx.world.size;
    const w = site.weight;
    for (const c of LOCAL_SELLERS) {
      for (let k = 0; k < K; k++) {
        const i = c * K + k;
        const target = this.demandTransactions[i] / this.salesPerWeek[c];
        const current = this.count[i] * w;
        this.excessQuit[i] = current > target && current > 0 ? (this.excessExit * (current - target)) / current : 0;
      }
    }
    const mailVendors = this.mailVendors(K);
    this.mailKgThisTick = this.market === SYNTHETIC ? this.mailDemandKg(ctx) : 0;
    const mailPerVendor = (this.mailKgPerVendor = mailVendors > 0 ? this.mailKgThisTick / mailVendors : 0);
    const n = site.startWeek(ctx);
    const { active } = site;
    const { kind, district } = pop;
    for (let j = 0; j < n; j++) {
      const i = active[j];
      const cls = kind[i];
      if (cls === MAIL) {
        if (site.happens(ctx, i, DRAW.reconsider, this.reconsiderPerWeek)) site.relocation.relocate(ctx, i);
        continue;
      }
      const cell = cls * K + district[i];
      // No draw where no seller is in excess: most cells, most weeks.
      if (this.excessQuit[cell] > 0 && site.happens(ctx, i, DRAW.excessQuit, this.excessQuit[cell])) {
        site.turnover.leave(ctx, i);
        continue;
      }
    }
    site.countActive();
    const classes = site.config.classes.length;
    for (let cls = 0; cls < classes; cls++) {
      for (let k = 0; k < K; k++) {
        this.count[cls * K + k] = site.counts.ofClass(k, cls);
        this.dutchRunCount[cls * K + k] = site.counts.dutchRunOfClass(k, cls);
      }
    }
    this.recordDutchRunSales(ctx);
    if (mailPerVendor > 0) this.post(ctx, mailPerVendor, n);
    site.counts.flush(ctx);
  }

  /**
   * What Dutch-run dealers and couriers sold in Belgium this week: each seller of a class in a district
   * sells an equal share of what buyers bought through it there (as heldKg), so their part of the cell's kg.
   */
  private recordDutchRunSales(ctx: Context): void {
    const K = ctx.world.size;
    const classes = this.site.config.classes.length;
    const month = ctx.recorder.current;
    for (const c of LOCAL_SELLERS) {
      for (let k = 0; k < K; k++) {
        if (ctx.world.country[k] !== BE) continue;
        const cell = c * K + k;
        if (this.dutchRunCount[cell] > 0) month[this.idDutchRunKg[k * classes + c]] += (this.demandKg[cell] * this.dutchRunCount[cell]) / this.count[cell];
      }
    }
  }

  /** What a seller holds: its share of this week's demand where it sells (a mail vendor: of this week's orders). */
  private heldKg(i: number): number {
    const { pop, weight: w, world } = this.site;
    if (pop.kind[i] === MAIL) return this.mailKgPerVendor / w;
    const cell = pop.kind[i] * world.size + pop.district[i];
    const sellers = this.count[cell];
    return sellers > 0 ? this.demandKg[cell] / (sellers * w) : 0;
  }

  /** Mail vendors (agents) counted last week. */
  private mailVendors(K: number): number {
    let n = 0;
    for (let k = 0; k < K; k++) n += this.count[MAIL * K + k];
    return n;
  }

  /** Mail vendors post their shares of the week's worldwide orders from where they are (counted this week: the first n of `active`). */
  private post(ctx: Context, kgPerAgent: number, n: number): void {
    const K = ctx.world.size;
    const month = ctx.recorder.current;
    for (let k = 0; k < K; k++) {
      const vendors = this.count[MAIL * K + k];
      if (vendors === 0) continue;
      const kg = vendors * kgPerAgent;
      const parcels = kg / this.mailKgPerParcel;
      const revenue = kg * 1000 * this.retailEurPerGram;
      month[this.idMailVolume[k]] += kg;
      month[this.idMailTransactions[k]] += parcels;
      month[this.idMailRevenue[k]] += revenue;
      month[this.idVolume[k]] += kg;
      month[this.idTransactions[k]] += parcels;
      month[this.idRevenue[k]] += revenue;
      month[this.idDutchRunKg[k * SELLER_CLASSES.length + MAIL]] += this.dutchRunCount[MAIL * K + k] * kgPerAgent;
      // vendors buy what they post on the wholesale market of the country they post from
      ctx.prices.demandThisTick[priceCell(SYNTHETIC, ctx.world.country[k])] += kg;
    }
    // the same kg, by the organisation of each vendor counted this week (active[0 … n) still alive)
    const carriers = this.mailCarriers;
    if (!carriers?.measures(ctx.tick)) return;
    const { pop, active } = this.site;
    for (let j = 0; j < n; j++) {
      const i = active[j];
      if (pop.isAlive[i] && pop.kind[i] === MAIL) carriers.add(pop.organisation[i], ctx.world.country[pop.district[i]], kgPerAgent, ctx.tick);
    }
  }

  /** Dealers and couriers fill the gap between demand and sellers; mail vendors the worldwide orders. */
  private enter(ctx: Context): void {
    const K = ctx.world.size;
    const w = this.site.weight;
    const s = this.site.random;
    const tick = ctx.tick;
    // Entry cells: 2 + cls × K + k for dealers and couriers from where they sell, 3 + 2K + cls × K + k
    // for Dutch organisations' operations in Belgium, 2 + 2K for mail vendors (0 and 1 are the labs',
    // whose organisations synthetic sellers share).
    for (const c of LOCAL_SELLERS) {
      for (let k = 0; k < K; k++) {
        const i = c * K + k;
        const gap = this.demandTransactions[i] / this.salesPerWeek[c] - this.count[i] * w;
        if (gap > 0) {
          const n = s.poisson((this.entryShare * gap) / w, s.keyOf(2 + i), tick, DRAW.entrants);
          for (let a = 0; a < n; a++) this.enterSeller(ctx, this.site.newId(tick, 2 + i, a), c, k, false);
        }
        if (ctx.world.country[k] !== BE) continue;
        const cell = 3 + 2 * K + i;
        const n = s.poisson(this.dutchOperations(ctx, c, k) / w, s.keyOf(cell), tick, DRAW.entrants);
        for (let a = 0; a < n; a++) this.enterSeller(ctx, this.site.newId(tick, cell, a), c, k, true);
      }
    }
    if (this.market === SYNTHETIC) {
      const gap = this.mailKgThisTick / this.mailKgPerVendorWeek - this.mailVendors(K) * w;
      if (gap > 0) {
        const n = s.poisson((this.entryShare * gap) / w, s.keyOf(2 + 2 * K), tick, DRAW.entrants);
        for (let a = 0; a < n; a++) this.enterMailVendor(ctx, this.site.newId(tick, 2 + 2 * K, a));
      }
    }
    this.demandTransactions.fill(0);
    this.demandKg.fill(0);
    this.formerShopTransactions.fill(0);
  }

  /** A seller starts where the buyers are: a local one, or one of a Dutch organisation's operation in Belgium (`dutchRun`). */
  private enterSeller(ctx: Context, id: number, cls: number, k: number, dutchRun: boolean): void {
    const origin = dutchRun ? NL : ctx.world.country[k];
    const home = dutchRun ? this.nearestAcross[k] : k;
    this.site.turnover.enter(ctx, id, home, origin, cls, k);
  }

  /**
   * New sellers a week that Dutch organisations send to Belgian district k (class c), real units. A
   * dealing organisation sees the demand for dealers there, a call centre the district's whole local
   * market (the buyers of dealers and couriers, whom it can win over to delivery): as many sellers as
   * that demand keeps busy, `seen`, against those serving it, `served`. They reach the district from
   * across the border (falling with the distance to NL) and decide by a logit on what serving it is
   * worth against setting up abroad:
   *   u = −setupCost + ln((seen + 1) / (served + 1)) + followWeight × (share of the demand from buyers
   *       who left Dutch shops, whom they know) − riskWeight × (news of police in k − at home)
   * Unlike local sellers they do not wait for a gap: where demand is served already they still come if
   * it pays enough, buyers find sellers more easily, and the surplus thins out as sellers in excess
   * quit (7.10).
   */
  private dutchOperations(ctx: Context, c: number, k: number): number {
    const K = ctx.world.size;
    const w = this.site.weight;
    let seen = 0;
    let served = 0;
    let demand = 0;
    let known = 0;
    for (const l of c === COURIER ? LOCAL_SELLERS : DEALERS_ONLY) {
      const i = l * K + k;
      seen += this.demandTransactions[i] / this.salesPerWeek[l];
      served += this.count[i] * w;
      demand += this.demandTransactions[i];
      known += this.formerShopTransactions[i];
    }
    if (!(seen > 0)) return 0;
    const op = this.operation;
    const news = ctx.signal.perceived;
    const risk = news[this.market * K + k] - news[this.market * K + this.nearestAcross[k]];
    const u = -op.setupCost + Math.log((seen + 1) / (served + 1)) + (op.followWeight * known) / demand - op.riskWeight * risk;
    return (op.perWeek * seen * this.operationReach[k]) / (1 + Math.exp(-u));
  }

  private enterMailVendor(ctx: Context, id: number): void {
    const key = this.site.random.keyOf(id);
    const origin = this.site.random.at(key, ctx.tick, DRAW.origin) < this.mailDutchShare ? NL : BE;
    // Mail vendors are the synthetic trade's organisers: based where the labs' organisers are.
    this.site.turnover.homeWeightsFor(ctx, origin, -1, this.organiserBase);
    const home = this.site.turnover.drawHome(ctx, key);
    if (home >= 0) this.site.turnover.enter(ctx, id, home, origin, MAIL, -1, this.labs?.site.pop);
  }
}

import { chooseLogit } from '../behaviour/choice';
import type { Context } from '../engine/context';
import type { RandomStream } from '../engine/rng';
import { CANNABIS, MARKETS } from '../engine/types';
import type { ParameterReader } from '../params/read';
import { NL } from '../world/world';
import { COURIER, DEALER, type Sellers } from './sellers';

// Consumers as cohorts: one agent stands for many users of one drug in one district. Each week a
// cohort buys through its channel; now and then (or when its channel closes) it reconsiders by a
// logit over the channels: a shop (a Dutch coffee shop for cannabis, a dealing house for cocaine),
// a local dealer, or a courier, weighing travel, risk, how easy sellers are to find, and habit.

export const CHANNELS = ['shop', 'dealer', 'courier'] as const;
const SHOP = 0;
/** how the shop channel is called in the outputs, per market */
export const SHOP_LABEL = ['coffee-shop', '', 'dealing-house'] as const;

export class Consumers {
  readonly count: number;
  readonly district: Uint8Array;
  readonly market: Uint8Array;
  readonly users: Float32Array;
  readonly channel: Uint8Array;
  /** 1 while a cohort that has left a shop across the border buys from local sellers: it knows sellers there */
  private readonly formerShopAbroad: Uint8Array;
  /** one stream per market, so a change in one market's purchases leaves the others' draws alone */
  private readonly streams: RandomStream[];
  private readonly gramsPerUserWeek: Float64Array;
  private readonly purchasesPerUserWeek: Float64Array;
  private readonly retailEurPerGram: Float64Array;
  private readonly channelBase: Float64Array;
  private readonly exportMultiplier: Float64Array;
  private readonly exportGrowthPerYear: Float64Array;
  private readonly exportNow: Float64Array;
  private readonly startYear: number;
  private readonly travelKmWeight: number;
  private readonly habit: number;
  private readonly reviewPerWeek: number;
  private readonly availabilityHalf: number;
  private readonly availabilityFloor: number;
  private readonly sellerRiskWeight: number;
  private readonly crossMarketCouriers: number;
  private readonly tripSharing: number;
  /** per district: its cannabis users, and those of them who bought at a Dutch coffee shop last week */
  private readonly cannabisUsers: Float64Array;
  private readonly coffeeShopUsers: Float64Array;
  private readonly shopDensity: Float64Array;
  /** best shop district and its utility (travel and access included), per market × district */
  private readonly bestShop: Int32Array;
  private readonly bestShopUtility: Float64Array;
  private readonly usersInDistrict: Float64Array;
  private readonly utility = new Float64Array(3);
  private readonly weights = new Float64Array(3);
  private readonly idTotal: Int32Array[][];
  private readonly idByChannel: Int32Array[][];
  private readonly idByBuyer: Int32Array[][];

  constructor(private readonly ctx: Context, p: ParameterReader) {
    const { world, recorder } = ctx;
    const K = world.size;
    const M = MARKETS.length;
    const cohorts = p.num('consumers.cohortsPerDistrict');
    this.count = K * M * cohorts;
    this.district = new Uint8Array(this.count);
    this.market = new Uint8Array(this.count);
    this.users = new Float32Array(this.count);
    this.channel = new Uint8Array(this.count);
    this.formerShopAbroad = new Uint8Array(this.count);
    this.streams = MARKETS.map((m) => ctx.streams.get(`consumers.${m}`));
    this.gramsPerUserWeek = p.list('consumers.gramsPerUserWeek', MARKETS);
    this.purchasesPerUserWeek = p.list('consumers.purchasesPerUserWeek', MARKETS);
    this.retailEurPerGram = p.list('prices.retailEurPerGram', MARKETS);
    this.exportMultiplier = p.list('prices.exportMultiplier', MARKETS);
    this.exportGrowthPerYear = p.list('prices.exportGrowthPerYear', MARKETS);
    this.exportNow = new Float64Array(MARKETS.length);
    this.startYear = ctx.calendar.yearOfTick(0);
    this.travelKmWeight = p.num('consumers.travelKmWeightPer100');
    this.habit = p.num('consumers.habit');
    this.reviewPerWeek = p.num('consumers.reviewPerYear') / 52;
    this.availabilityHalf = p.num('consumers.sellersPer1000UsersHalf');
    this.availabilityFloor = p.num('consumers.availabilityFloor');
    this.sellerRiskWeight = p.num('consumers.sellerRiskWeight');
    this.crossMarketCouriers = p.num('consumers.crossMarketCourierWeight');
    this.tripSharing = p.num('consumers.tripSharing');
    this.cannabisUsers = new Float64Array(K);
    this.coffeeShopUsers = new Float64Array(K);
    this.channelBase = new Float64Array(M * 3);
    MARKETS.forEach((m, mi) => CHANNELS.forEach((c, ci) => (this.channelBase[mi * 3 + ci] = p.num(`consumers.channelBase.${m}.${c}`))));
    this.shopDensity = new Float64Array(M * K);
    this.shopDensity.set(p.perDistrict('consumers.coffeeShopsPer100k'), 0);
    this.shopDensity.set(p.perDistrict('consumers.dealingHousesPer100k'), 2 * K);
    this.bestShop = new Int32Array(M * K);
    this.bestShopUtility = new Float64Array(M * K);
    this.usersInDistrict = new Float64Array(M * K);

    const usersPer100k = MARKETS.map((m) => p.list(`consumers.usersPer100k.${m}`, ['BE', 'NL']));
    let c = 0;
    for (let k = 0; k < K; k++) {
      for (let m = 0; m < M; m++) {
        const users = (usersPer100k[m][world.country[k]] * world.population[k]) / 100_000;
        this.usersInDistrict[m * K + k] = users;
        for (let j = 0; j < cohorts; j++, c++) {
          this.district[c] = k;
          this.market[c] = m;
          this.users[c] = users / cohorts;
          if (m === CANNABIS) this.cannabisUsers[k] += this.users[c];
        }
      }
    }

    const channelLabels = (m: number) => (SHOP_LABEL[m] ? [SHOP_LABEL[m], 'dealer', 'courier'] : ['dealer', 'courier']);
    this.idTotal = [];
    this.idByChannel = [];
    this.idByBuyer = [];
    MARKETS.forEach((m, mi) => {
      const labels = channelLabels(mi);
      this.idTotal.push(['volume_kg', 'transactions', 'revenue_eur'].map((metric) => recorder.table(m, 'retail', metric)));
      this.idByChannel.push(['volume_kg', 'transactions'].map((metric) => recorder.table(m, 'retail', metric, { by: 'channel', labels })));
      this.idByBuyer.push(['volume_kg', 'transactions'].map((metric) => recorder.table(m, 'retail', metric, { by: 'buyer', labels: ['BE', 'NL'] })));
    });
  }

  /** Each cohort's first channel: the choice it would make with no habit yet. */
  initialise(sellers: readonly Sellers[]): void {
    this.updateShops();
    for (let c = 0; c < this.count; c++) this.channel[c] = this.choose(c, sellers, false);
  }

  /** Shops reachable this week: access for non-residents and density, less travel, per buyer district. */
  updateShops(): void {
    const { world, levers } = this.ctx;
    const K = world.size;
    for (let m = 0; m < MARKETS.length; m++) {
      for (let k = 0; k < K; k++) {
        let best = -1;
        let bestU = -Infinity;
        for (let j = 0; j < K; j++) {
          if (world.country[j] !== NL) continue;
          const resident = world.country[k] === NL;
          if (resident && j !== k) continue;
          const access = resident ? 1 : m === 0 ? levers.coffeeShopAccess[j] : 1;
          const open = this.shopDensity[m * K + j] * access / (1 + levers.administrative[m * K + j]);
          if (open <= 0) continue;
          // A trip made anyway for cannabis carries other purchases along: where a district's
          // cannabis users go to coffee shops, buying other drugs there costs less travel.
          const shared = m !== CANNABIS && j === this.bestShop[CANNABIS * K + k] ? this.tripSharing * this.coffeeShopTripShare(k) : 0;
          const u = Math.log(open) - (resident ? 0 : ((1 - shared) * this.travelKmWeight * world.distanceKm[k * K + j]) / 100);
          if (u > bestU) {
            bestU = u;
            best = j;
          }
        }
        this.bestShop[m * K + k] = best;
        this.bestShopUtility[m * K + k] = bestU;
      }
    }
  }

  step(sellers: readonly Sellers[]): void {
    const ctx = this.ctx;
    const K = ctx.world.size;
    const rec = ctx.recorder;
    this.updateShops();
    // Demand from abroad for Belgian and Dutch production, per unit of domestic consumption.
    for (let m = 0; m < MARKETS.length; m++) this.exportNow[m] = this.exportMultiplier[m] * Math.pow(1 + this.exportGrowthPerYear[m], ctx.year - this.startYear);
    this.coffeeShopUsers.fill(0);
    for (let c = 0; c < this.count; c++) {
      const m = this.market[c];
      const k = this.district[c];
      let ch = this.channel[c];
      const shopGone = ch === SHOP && this.bestShop[m * K + k] < 0;
      if (shopGone || this.streams[m].next() < this.reviewPerWeek) {
        const was = ch;
        ch = this.channel[c] = this.choose(c, sellers, !shopGone);
        // Shops are Dutch: a cohort outside NL that leaves them was buying across the border.
        if (ch === SHOP) this.formerShopAbroad[c] = 0;
        else if (was === SHOP && ctx.world.country[k] !== NL) this.formerShopAbroad[c] = 1;
      }
      const where = ch === SHOP ? this.bestShop[m * K + k] : k;
      const users = this.users[c];
      const kg = (users * this.gramsPerUserWeek[m]) / 1000;
      const purchases = users * this.purchasesPerUserWeek[m];
      const buyer = ctx.world.country[k];
      const label = SHOP_LABEL[m] ? ch : ch - 1;
      const month = rec.current;
      month[this.idTotal[m][0][where]] += kg;
      month[this.idTotal[m][1][where]] += purchases;
      month[this.idTotal[m][2][where]] += kg * 1000 * this.retailEurPerGram[m];
      month[this.idByChannel[m][0][where * (SHOP_LABEL[m] ? 3 : 2) + label]] += kg;
      month[this.idByChannel[m][1][where * (SHOP_LABEL[m] ? 3 : 2) + label]] += purchases;
      month[this.idByBuyer[m][0][where * 2 + buyer]] += kg;
      month[this.idByBuyer[m][1][where * 2 + buyer]] += purchases;
      if (ch !== SHOP) {
        const s = sellers[m];
        const cls = ch === 1 ? DEALER : COURIER;
        s.demandTransactions[cls * K + k] += purchases;
        s.demandKg[cls * K + k] += kg;
        if (this.formerShopAbroad[c]) s.formerShopTransactions[cls * K + k] += purchases;
      }
      ctx.prices.demandThisTick[m] += kg * (1 + this.exportNow[m]);
      if (m === CANNABIS && ch === SHOP) this.coffeeShopUsers[k] += users;
    }
  }

  /** Share of district k's cannabis users who bought at a Dutch coffee shop last week. */
  private coffeeShopTripShare(k: number): number {
    return this.cannabisUsers[k] > 0 ? this.coffeeShopUsers[k] / this.cannabisUsers[k] : 0;
  }

  private choose(c: number, sellers: readonly Sellers[], withHabit: boolean): number {
    const ctx = this.ctx;
    const K = ctx.world.size;
    const m = this.market[c];
    const k = this.district[c];
    const u = this.utility;
    const shop = this.bestShop[m * K + k];
    // Buyers weigh the police pressure they see where they would buy: at the shop they travel to,
    // or on the sellers of their own district.
    u[SHOP] = SHOP_LABEL[m] && shop >= 0 ? this.channelBase[m * 3] + this.bestShopUtility[m * K + k] - this.sellerRiskWeight * ctx.signal.perceived[m * K + shop] : -50;
    const risk = ctx.signal.perceived[m * K + k];
    for (let ch = 1; ch <= 2; ch++) {
      const cls = ch === 1 ? DEALER : COURIER;
      // Call centres deliver more than one drug: couriers of the other markets count in part.
      let sellersHere = sellers[m].count[cls * K + k] * sellers[m].site.weight;
      if (cls === COURIER) {
        for (let o = 0; o < sellers.length; o++) if (o !== m) sellersHere += this.crossMarketCouriers * sellers[o].count[cls * K + k] * sellers[o].site.weight;
      }
      const per1000 = (1000 * sellersHere) / Math.max(1, this.usersInDistrict[m * K + k]);
      const availability = this.availabilityFloor + per1000 / (per1000 + this.availabilityHalf);
      u[ch] = this.channelBase[m * 3 + ch] + Math.log(availability) - this.sellerRiskWeight * risk;
    }
    if (withHabit) u[this.channel[c]] += this.habit;
    return chooseLogit(u, 3, 1, this.streams[m].next(), this.weights);
  }
}


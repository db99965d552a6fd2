import { chooseLogitKeyed, type ChoiceDraw } from '../behaviour/choice';
import { priceCell } from '../behaviour/market';
import type { KeyedStream } from '../core/keyed';
import { CANNABIS, COCAINE, MARKETS } from '../core/types';
import type { CarrierLedger } from '../metrics/carriers';
import type { ParameterReader } from '../params/read';
import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import { INITIAL_WEEK } from './site';
import type { ActorKind } from './kind';
import { COURIER, DEALER, type Sellers } from './sellers';
import { LogPerCell, pow } from '../core/math';
import { WeekBuckets } from '../core/weekBuckets';

// Consumers as cohorts: one agent stands for many users of one drug in one district. Each week a
// cohort buys through its channel; now and then (or when its channel closes) it reconsiders by a
// logit over the channels: a shop (a Dutch coffee shop for cannabis, a dealing house for cocaine),
// a local dealer, or a courier, weighing travel, risk, how easy sellers are to find, and habit.
//
// How much the users of a district buy responds to the full price of buying there: the travel,
// search and risk that the channels they can reach cost them (the logit's logsum over the channels,
// the expected best utility), on top of a money price the model keeps fixed. A dealer nearby or a
// courier at the door lowers that full price and raises use; a shop that closes to them raises it.
// The response has the literature's price elasticities and adjusts gradually, as habits do (ODD 7.9
// says why the money price stays fixed).

/** weeks over which a district's access to its channels is averaged into the reference its use responds to (the first year of the run) */
export const REFERENCE_WEEKS = 52;

export const CHANNELS = ['shop', 'dealer', 'courier'] as const;
const SHOP = CHANNELS.indexOf('shop');
/** the channels where a seller agent serves the cohort, with the seller class that does */
const SELLER_CHANNELS: ReadonlyArray<{ channel: number; cls: number }> = [
  { channel: CHANNELS.indexOf('dealer'), cls: DEALER },
  { channel: CHANNELS.indexOf('courier'), cls: COURIER },
];
/** per channel: its place in SELLER_CHANNELS (-1 for shops) */
const SELLER_CHANNEL_PLACE = Int8Array.from(CHANNELS, (_, ch) => SELLER_CHANNELS.findIndex((s) => s.channel === ch));
/** per channel: the seller class that serves it (-1 for shops, which are not agents) */
const SELLER_CLASS_OF = Int8Array.from(CHANNELS, (_, ch) => SELLER_CHANNELS.find((s) => s.channel === ch)?.cls ?? -1);
/** how the shop channel is called in the outputs, per market ('' where the market has no shops) */
export const SHOP_LABEL = ['coffee-shop', '', 'dealing-house'] as const;
/**
 * The utility of a shop where there is none (no shops for the market, or none reachable): its logit
 * weight e^−∞ is 0, so the cohort never picks it.
 */
const NO_SHOP = -Infinity;

/** A market's retail series ids: totals per district, and per district × channel or buyer country. */
interface RetailTables {
  volume: Int32Array;
  transactions: Int32Array;
  revenue: Int32Array;
  /** at k * channelColumns + channelColumn[ch] */
  volumeByChannel: Int32Array;
  transactionsByChannel: Int32Array;
  /** per channel: its column in the by-channel tables (-1 where the market has no such channel) */
  channelColumn: Int8Array;
  channelColumns: number;
  /** at k * 2 + buyer country */
  volumeByBuyer: Int32Array;
  /** what buyers from the other country bought through the district's sellers: at k * SELLER_CHANNELS.length + the channel's place there */
  visitors: Int32Array;
  transactionsByBuyer: Int32Array;
}

export class Consumers implements ActorKind {
  readonly name = 'consumers';
  readonly echelon = 'retail';
  readonly prefix = 'consumers';
  readonly steps = { retail: (ctx: Context) => this.step(ctx) };
  readonly count: number;
  readonly district: Uint8Array;
  /** districts in the world */
  private readonly districts: number;
  readonly market: Uint8Array;
  readonly users: Float32Array;
  readonly channel: Uint8Array;
  /** 1 while a cohort that has left a shop across the border buys from local sellers: it knows sellers there */
  private readonly formerShopAbroad: Uint8Array;
  /**
   * the cohorts by the week each next reviews its channel (a geometric wait at reviewPerWeek, drawn at
   * each review): a week's reviews without a look at every cohort
   */
  private readonly reviews: WeekBuckets;
  /** each cohort's draw key in its market's stream (cohorts are never added or removed: the index is the id) */
  private readonly drawKey: Int32Array;
  /** one stream per market, so a change in one market's purchases leaves the others' draws alone */
  private readonly streams: KeyedStream[];
  private readonly gramsPerUserWeek: Float64Array;
  private readonly purchasesPerUserWeek: Float64Array;
  private readonly retailEurPerGram: Float64Array;
  private readonly channelBase: Float64Array;
  private readonly exportMultiplier: Float64Array;
  private readonly exportGrowthPerYear: Float64Array;
  /** per market: the share of the demand from abroad bought from Dutch wholesalers */
  private readonly exportBoughtInNL: Float64Array;
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
  /** cohorts per market and district: those of district k and market m are cohortsPerCell from (k * M + m) * cohortsPerCell on */
  private readonly cohortsPerCell: number;
  /** users per cohort, per market × district (every cohort of a district and market has the same) */
  private readonly cohortUsers: Float64Array;
  /**
   * cohorts per market × district × channel, at (m * K + k) * CHANNELS.length + ch, and those of them
   * who left a shop abroad: kept as cohorts change channel (setChannel), and multiplied by the cohort's
   * users once per cell each week
   */
  private readonly cohortsByChannel: Int32Array;
  private readonly formerShopCohorts: Int32Array;
  /** this week's buyers per market × district × channel (as cohortsByChannel), and those of them who left a shop abroad */
  private readonly usersByChannel: Float64Array;
  private readonly formerShopUsers: Float64Array;
  /**
   * this week's utilities of the channels (without habit) per market × district (as cohortsByChannel):
   * the same for every cohort there, so worked out once a week for the district's use and its cohorts' reviews
   */
  private readonly channelUtility: Float64Array;
  /** per market × district × channel: the district whose sellers serve the channel (the cohort's own, or one across the border; shops: bestShop) */
  private readonly sellersAt: Int32Array;
  /** per market × district × channel: the utility of the district's own sellers (scratch of updateChannelUtilities) */
  private readonly localUtility: Float64Array;
  private readonly sellersAbroadPenalty: number;
  /** scratch: per country, the best utility of a channel in any of its districts */
  private readonly bestUtilityIn: Float64Array;
  /** log of the shops open per market × Dutch district, to residents and to visitors (NaN where none is open) */
  private readonly logOpenToResidents: Float64Array;
  private readonly logOpenToVisitors: Float64Array;
  /** ln of the shops open to residents and to visitors, and of the sellers' availability, per market × district (× channel) */
  private readonly lnOpenToResidents: LogPerCell;
  private readonly lnOpenToVisitors: LogPerCell;
  private readonly lnAvailability: LogPerCell;
  /** per market: whether bestShop is worked out, whether its shops' openness changed this week, and whether any shop is open */
  private readonly shopsWorkedOut = new Uint8Array(MARKETS.length);
  private readonly opennessChanged = new Uint8Array(MARKETS.length);
  private readonly anyShopOpen = new Uint8Array(MARKETS.length);
  private readonly utility = new Float64Array(CHANNELS.length);
  /** per market: price elasticity of demand (< 0) */
  private readonly priceElasticity: Float64Array;
  /** utility units worth a factor e in the full price of buying */
  private readonly utilityPerLogPrice: number;
  /** share of the gap to the use that the full price calls for closed each week */
  private readonly useAdjustPerWeek: number;
  /** per market × district: use relative to the data's (1 at the reference), and the reference access (the logsum averaged over the first year) */
  private readonly useScale: Float64Array;
  private readonly referenceAccess: Float64Array;
  /** scratch: the keyed draw of a channel choice */
  private readonly draw: ChoiceDraw;
  /** per market */
  private readonly tables: RetailTables[];
  /** per market: who carries retail bought in person, the cohorts of buyers (their country is their origin) */
  private readonly carriers: CarrierLedger[];

  /** `sellers`: the sellers of each market, in market order, whom cohorts buy from through dealers and couriers */
  constructor(ctx: Context, p: ParameterReader, private readonly sellers: readonly Sellers[]) {
    const { world, recorder } = ctx;
    const K = world.size;
    const M = MARKETS.length;
    const cohorts = p.num('consumers.cohortsPerDistrict');
    this.count = K * M * cohorts;
    this.districts = K;
    this.district = new Uint8Array(this.count);
    this.market = new Uint8Array(this.count);
    this.users = new Float32Array(this.count);
    this.channel = new Uint8Array(this.count);
    this.formerShopAbroad = new Uint8Array(this.count);
    this.reviews = new WeekBuckets(this.count, ctx.calendar.ticks);
    this.drawKey = new Int32Array(this.count);
    this.streams = MARKETS.map((m) => ctx.streams.get(`consumers.${m}`));
    this.draw = { key: 0, tick: 0, purpose: 0 };
    this.gramsPerUserWeek = p.list('consumers.gramsPerUserWeek', MARKETS);
    this.purchasesPerUserWeek = p.list('consumers.purchasesPerUserWeek', MARKETS);
    this.retailEurPerGram = p.list('prices.retailEurPerGram', MARKETS);
    this.exportMultiplier = p.list('prices.exportMultiplier', MARKETS);
    this.exportGrowthPerYear = p.list('prices.exportGrowthPerYear', MARKETS);
    this.exportBoughtInNL = p.list('prices.exportBoughtInNL', MARKETS);
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
    this.priceElasticity = p.list('consumers.demand.priceElasticity', MARKETS);
    this.utilityPerLogPrice = p.num('consumers.demand.utilityPerLogPrice');
    this.useAdjustPerWeek = p.num('consumers.demand.adjustPerWeek');
    this.useScale = new Float64Array(M * K).fill(1);
    this.referenceAccess = new Float64Array(M * K);
    this.cannabisUsers = new Float64Array(K);
    this.coffeeShopUsers = new Float64Array(K);
    this.channelBase = new Float64Array(M * CHANNELS.length);
    MARKETS.forEach((m, mi) => CHANNELS.forEach((c, ci) => (this.channelBase[mi * CHANNELS.length + ci] = p.num(`consumers.channelBase.${m}.${c}`))));
    this.shopDensity = new Float64Array(M * K);
    this.shopDensity.set(p.perDistrict('consumers.coffeeShopsPer100k'), CANNABIS * K);
    this.shopDensity.set(p.perDistrict('consumers.dealingHousesPer100k'), COCAINE * K);
    this.bestShop = new Int32Array(M * K);
    this.bestShopUtility = new Float64Array(M * K);
    this.usersInDistrict = new Float64Array(M * K);
    this.cohortsPerCell = cohorts;
    this.cohortUsers = new Float64Array(M * K);
    this.cohortsByChannel = new Int32Array(M * K * CHANNELS.length);
    this.formerShopCohorts = new Int32Array(M * K * CHANNELS.length);
    this.usersByChannel = new Float64Array(M * K * CHANNELS.length);
    this.formerShopUsers = new Float64Array(M * K * CHANNELS.length);
    this.channelUtility = new Float64Array(M * K * CHANNELS.length);
    this.sellersAt = new Int32Array(M * K * CHANNELS.length);
    this.localUtility = new Float64Array(M * K * CHANNELS.length);
    this.bestUtilityIn = new Float64Array(COUNTRIES.length);
    this.sellersAbroadPenalty = p.num('consumers.sellersAbroadPenalty');
    this.logOpenToResidents = new Float64Array(M * K);
    this.logOpenToVisitors = new Float64Array(M * K);
    this.lnOpenToResidents = new LogPerCell(M * K);
    this.lnOpenToVisitors = new LogPerCell(M * K);
    this.lnAvailability = new LogPerCell(M * K * CHANNELS.length);

    const usersPer100k = MARKETS.map((m) => p.list(`consumers.usersPer100k.${m}`, COUNTRIES));
    let c = 0;
    for (let k = 0; k < K; k++) {
      for (let m = 0; m < M; m++) {
        const users = (usersPer100k[m][world.country[k]] * world.population[k]) / 100_000;
        this.usersInDistrict[m * K + k] = users;
        // (single precision, as `users` keeps it)
        this.cohortUsers[m * K + k] = Math.fround(users / cohorts);
        for (let j = 0; j < cohorts; j++, c++) {
          this.district[c] = k;
          this.market[c] = m;
          this.users[c] = this.cohortUsers[m * K + k];
          if (m === CANNABIS) this.cannabisUsers[k] += this.users[c];
        }
      }
    }

    this.carriers = MARKETS.map((m) => ctx.carriers.ledger(`${m}/retail`));
    for (let c = 0; c < this.count; c++) this.carriers[this.market[c]].begin(c, world.country[this.district[c]]);

    this.tables = MARKETS.map((m, mi) => {
      // The shop channel is recorded under the market's name for it; a market without shops has no shop column.
      const labels = CHANNELS.map((c, ch) => (ch === SHOP ? SHOP_LABEL[mi] : c));
      const offered = labels.filter((label) => label !== '');
      const channelColumn = Int8Array.from(labels, (label) => (label === '' ? -1 : offered.indexOf(label)));
      const byChannel = { by: 'channel' as const, labels: offered };
      const byBuyer = { by: 'buyer' as const, labels: COUNTRIES };
      // Shops are Dutch: a Belgian district sells through no shop. Buyers cross the border to shops
      // and to sellers (updateChannelUtilities), so any district may sell to buyers of either country.
      const channelHere = (k: number, column: number) => offered[column] !== SHOP_LABEL[mi] || world.country[k] === NL;
      return {
        volume: recorder.table(m, 'retail', 'volume_kg'),
        transactions: recorder.table(m, 'retail', 'transactions'),
        revenue: recorder.table(m, 'retail', 'revenue_eur'),
        volumeByChannel: recorder.table(m, 'retail', 'volume_kg', byChannel, channelHere),
        transactionsByChannel: recorder.table(m, 'retail', 'transactions', byChannel, channelHere),
        channelColumn,
        channelColumns: offered.length,
        volumeByBuyer: recorder.table(m, 'retail', 'volume_kg', byBuyer),
        transactionsByBuyer: recorder.table(m, 'retail', 'transactions', byBuyer),
        visitors: recorder.table(m, 'retail', 'visitors_kg', { by: 'channel', labels: SELLER_CHANNELS.map(({ channel }) => CHANNELS[channel]) }),
      };
    });

    // Each cohort's first channel: the choice it would make with no habit yet.
    this.updateShops(ctx);
    this.updateChannelUtilities(ctx);
    for (let c = 0; c < this.count; c++) this.drawKey[c] = this.streams[this.market[c]].keyOf(c);
    for (let c = 0; c < this.count; c++) {
      this.channel[c] = this.choose(ctx, c, false, INITIAL_WEEK);
      this.cohortsByChannel[this.cellOf(c)]++;
      // the first review may come in the first week (trialsUntil counts from 1)
      this.reviews.set(c, this.streams[this.market[c]].trialsUntil(this.reviewPerWeek, this.drawKey[c], INITIAL_WEEK, DRAW.review) - 1);
    }
  }

  get agents(): number {
    return this.count;
  }

  /** Shops reachable this week: access for non-residents and density, less travel, per buyer district. */
  private updateShops(ctx: Context): void {
    const { world, levers } = ctx;
    const K = world.size;
    this.opennessChanged.fill(0);
    this.anyShopOpen.fill(0);
    for (let m = 0; m < MARKETS.length; m++) {
      for (let j = 0; j < K; j++) {
        const mj = m * K + j;
        if (world.country[j] !== NL) continue;
        // The I-criterion closes coffee shops to non-residents; dealing houses have no such rule.
        const access = m === CANNABIS ? levers.coffeeShopAccess[j] : 1;
        const openToResidents = this.shopDensity[mj] / (1 + levers.administrative[mj]);
        const openToVisitors = (this.shopDensity[mj] * access) / (1 + levers.administrative[mj]);
        const toResidents = openToResidents > 0 ? this.lnOpenToResidents.of(mj, openToResidents) : NaN;
        const toVisitors = openToVisitors > 0 ? this.lnOpenToVisitors.of(mj, openToVisitors) : NaN;
        if (!Object.is(toResidents, this.logOpenToResidents[mj]) || !Object.is(toVisitors, this.logOpenToVisitors[mj])) this.opennessChanged[m] = 1;
        if (openToResidents > 0 || openToVisitors > 0) this.anyShopOpen[m] = 1;
        this.logOpenToResidents[mj] = toResidents;
        this.logOpenToVisitors[mj] = toVisitors;
      }
    }
    for (let m = 0; m < MARKETS.length; m++) {
      // A market's best shops follow its shops' openness, and for drugs other than cannabis also how
      // many cannabis users travel to coffee shops (trip sharing), which moves every week: a market
      // with no shop open, or cannabis, keeps them while the openness stays as it was.
      if (this.shopsWorkedOut[m] && !this.opennessChanged[m] && (m === CANNABIS || !this.anyShopOpen[m])) continue;
      this.shopsWorkedOut[m] = 1;
      for (let k = 0; k < K; k++) {
        let best = -1;
        let bestU = -Infinity;
        const resident = world.country[k] === NL;
        const logOpen = resident ? this.logOpenToResidents : this.logOpenToVisitors;
        for (let j = 0; j < K; j++) {
          if (world.country[j] !== NL) continue;
          if (resident && j !== k) continue;
          if (Number.isNaN(logOpen[m * K + j])) continue;
          // A trip made anyway for cannabis carries other purchases along: where a district's
          // cannabis users go to coffee shops, buying other drugs there costs less travel.
          const shared = m !== CANNABIS && j === this.bestShop[CANNABIS * K + k] ? this.tripSharing * this.coffeeShopTripShare(k) : 0;
          const u = logOpen[m * K + j] - (resident ? 0 : ((1 - shared) * this.travelKmWeight * world.distanceKm[k * K + j]) / 100);
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

  private step(ctx: Context): void {
    const K = ctx.world.size;
    const M = MARKETS.length;
    this.updateShops(ctx);
    this.updateChannelUtilities(ctx);
    this.updateUse(ctx);
    this.reviewClosedShops(ctx);
    // The week's reviews: each cohort's depends on nothing but itself and the week's utilities, so
    // they come in any order.
    for (let c = this.reviews.take(ctx.tick), next = -1; c >= 0; c = next) {
      next = this.reviews.next(c);
      this.review(ctx, c, true);
    }
    this.addToCarriers(ctx);
    // Every cohort of a cell has the same users: the cell's buyers are their number times that (exact
    // in floating point: a cohort's users are single precision, so n times them needs no rounding).
    for (let mk = 0; mk < M * K; mk++) {
      for (let ch = 0; ch < CHANNELS.length; ch++) {
        const cell = mk * CHANNELS.length + ch;
        this.usersByChannel[cell] = this.cohortsByChannel[cell] * this.cohortUsers[mk];
        this.formerShopUsers[cell] = this.formerShopCohorts[cell] * this.cohortUsers[mk];
      }
    }
    this.buy(ctx);
  }

  /** Cohorts whose shop no longer serves them (none is reachable this week) review now, without habit. */
  private reviewClosedShops(ctx: Context): void {
    const K = ctx.world.size;
    const M = MARKETS.length;
    const perCell = this.cohortsPerCell;
    for (let k = 0; k < K; k++) {
      for (let m = 0; m < M; m++) {
        const mk = m * K + k;
        if (this.bestShop[mk] >= 0 || this.cohortsByChannel[mk * CHANNELS.length + SHOP] === 0) continue;
        const first = (k * M + m) * perCell;
        for (let c = first; c < first + perCell; c++) if (this.channel[c] === SHOP) this.review(ctx, c, false);
      }
    }
  }

  /** In the weeks the carriers measure, what each cohort bought, in the country where it bought it. */
  private addToCarriers(ctx: Context): void {
    const K = ctx.world.size;
    const M = MARKETS.length;
    const tick = ctx.tick;
    const country = ctx.world.country;
    const perCell = this.cohortsPerCell;
    for (let m = 0; m < M; m++) {
      const carriers = this.carriers[m];
      if (!carriers.measures(tick)) continue;
      for (let k = 0; k < K; k++) {
        const mk = m * K + k;
        // what one cohort buys this week
        const kg = (this.cohortUsers[mk] * this.useScale[mk] * this.gramsPerUserWeek[m]) / 1000;
        const first = (k * M + m) * perCell;
        for (let c = first; c < first + perCell; c++) carriers.add(c, country[this.channel[c] === SHOP ? this.bestShop[mk] : this.sellersAt[mk * CHANNELS.length + this.channel[c]]], kg, tick);
      }
    }
  }

  /** Cohort c's cell in cohortsByChannel: its market, district and channel. */
  private cellOf(c: number): number {
    return (this.market[c] * this.districts + this.district[c]) * CHANNELS.length + this.channel[c];
  }

  /**
   * Cohort c reviews its channel (`withHabit`: unless its shop has closed to it); returns the channel
   * it now buys through.
   */
  private review(ctx: Context, c: number, withHabit: boolean): number {
    const m = this.market[c];
    const was = this.channel[c];
    const ch = this.choose(ctx, c, withHabit);
    // Shops are Dutch: a cohort outside NL that leaves them was buying across the border.
    const formerShopAbroad = ch === SHOP ? 0 : was === SHOP && ctx.world.country[this.district[c]] !== NL ? 1 : this.formerShopAbroad[c];
    this.setChannel(c, ch, formerShopAbroad);
    // Reviews come at random, whatever the last one was for: the wait starts afresh.
    this.reviews.set(c, Math.min(0x7fffffff, ctx.tick + this.streams[m].trialsUntil(this.reviewPerWeek, this.drawKey[c], ctx.tick, DRAW.review)));
    return ch;
  }

  /** Cohort c now buys through channel ch, and has (1) or has not left a shop abroad: the counts follow. */
  private setChannel(c: number, ch: number, formerShopAbroad: number): void {
    const before = this.cellOf(c);
    this.cohortsByChannel[before]--;
    this.formerShopCohorts[before] -= this.formerShopAbroad[c];
    this.channel[c] = ch;
    this.formerShopAbroad[c] = formerShopAbroad;
    const after = this.cellOf(c);
    this.cohortsByChannel[after]++;
    this.formerShopCohorts[after] += formerShopAbroad;
  }

  /**
   * The week's purchases, summed over the cohorts of a market, district and channel: recorded where
   * they are made, passed to the sellers of the district as demand, and to the market's prices.
   */
  private buy(ctx: Context): void {
    const K = ctx.world.size;
    const month = ctx.recorder.current;
    // Demand from abroad for Belgian and Dutch production, per unit of domestic consumption.
    for (let m = 0; m < MARKETS.length; m++) this.exportNow[m] = this.exportMultiplier[m] * pow(1 + this.exportGrowthPerYear[m], ctx.year - this.startYear);
    this.coffeeShopUsers.fill(0);
    for (let m = 0; m < MARKETS.length; m++) {
      const t = this.tables[m];
      const sellers = this.sellers[m];
      for (let k = 0; k < K; k++) {
        const buyer = ctx.world.country[k];
        for (let ch = 0; ch < CHANNELS.length; ch++) {
          const cell = (m * K + k) * CHANNELS.length + ch;
          if (this.usersByChannel[cell] === 0) continue;
          // users at the district's use: what they buy, and how often
          const use = this.useScale[m * K + k];
          const users = this.usersByChannel[cell] * use;
          const where = ch === SHOP ? this.bestShop[m * K + k] : this.sellersAt[cell];
          const kg = (users * this.gramsPerUserWeek[m]) / 1000;
          const purchases = users * this.purchasesPerUserWeek[m];
          const column = where * t.channelColumns + t.channelColumn[ch];
          month[t.volume[where]] += kg;
          month[t.transactions[where]] += purchases;
          month[t.revenue[where]] += kg * 1000 * this.retailEurPerGram[m];
          month[t.volumeByChannel[column]] += kg;
          month[t.transactionsByChannel[column]] += purchases;
          month[t.volumeByBuyer[where * 2 + buyer]] += kg;
          month[t.transactionsByBuyer[where * 2 + buyer]] += purchases;
          if (ch !== SHOP) {
            const at = SELLER_CLASS_OF[ch] * K + where;
            sellers.demandTransactions[at] += purchases;
            sellers.demandKg[at] += kg;
            sellers.formerShopTransactions[at] += this.formerShopUsers[cell] * use * this.purchasesPerUserWeek[m];
            if (where !== k) month[t.visitors[where * SELLER_CHANNELS.length + SELLER_CHANNEL_PLACE[ch]]] += kg;
          }
          // wholesale demand: what retail sells in the country where it is bought, and the demand
          // from abroad it stands for, bought from the country's wholesalers by the export share
          const prices = ctx.prices.demandThisTick;
          prices[priceCell(m, ctx.world.country[where])] += kg;
          prices[priceCell(m, NL)] += kg * this.exportNow[m] * this.exportBoughtInNL[m];
          prices[priceCell(m, BE)] += kg * this.exportNow[m] * (1 - this.exportBoughtInNL[m]);
          if (m === CANNABIS && ch === SHOP) this.coffeeShopUsers[k] += users;
        }
      }
    }
  }

  /** Share of district k's cannabis users who bought at a Dutch coffee shop last week. */
  private coffeeShopTripShare(k: number): number {
    return this.cannabisUsers[k] > 0 ? this.coffeeShopUsers[k] / this.cannabisUsers[k] : 0;
  }

  /** Cohort c's channel by the logit over this week's channel utilities (updateChannelUtilities). */
  private choose(ctx: Context, c: number, withHabit: boolean, week = ctx.tick): number {
    const u = this.utility;
    const at = (this.market[c] * ctx.world.size + this.district[c]) * CHANNELS.length;
    for (let ch = 0; ch < CHANNELS.length; ch++) u[ch] = this.channelUtility[at + ch];
    if (withHabit) u[this.channel[c]] += this.habit;
    const draw = this.draw;
    draw.key = this.drawKey[c];
    draw.tick = week;
    draw.purpose = DRAW.channel;
    return chooseLogitKeyed(u, CHANNELS.length, 1, draw);
  }

  /**
   * Each district's use this week: during the first year its access (the logsum of its channels) is
   * averaged into the reference, and use stays at the data's; after it, use moves toward (full price
   * relative to the reference)^elasticity, the full price changing by e^(−(access − reference)/utilityPerLogPrice).
   */
  private updateUse(ctx: Context): void {
    const K = ctx.world.size;
    const u = this.utility;
    const first = ctx.tick < REFERENCE_WEEKS;
    for (let m = 0; m < MARKETS.length; m++) {
      for (let k = 0; k < K; k++) {
        const mk = m * K + k;
        for (let ch = 0; ch < CHANNELS.length; ch++) u[ch] = this.channelUtility[mk * CHANNELS.length + ch];
        const access = logSum(u);
        if (first) {
          this.referenceAccess[mk] += access / REFERENCE_WEEKS;
          continue;
        }
        const fullPrice = Math.exp(-(access - this.referenceAccess[mk]) / this.utilityPerLogPrice);
        const target = pow(fullPrice, this.priceElasticity[m]);
        this.useScale[mk] += this.useAdjustPerWeek * (target - this.useScale[mk]);
      }
    }
  }

  /** This week's channelUtility: the channels' utilities in every market and district. */
  private updateChannelUtilities(ctx: Context): void {
    const K = ctx.world.size;
    const u = this.utility;
    for (let mk = 0; mk < MARKETS.length * K; mk++) {
      this.channelUtilities(ctx, Math.floor(mk / K), mk % K, u);
      this.localUtility.set(u, mk * CHANNELS.length);
    }
    this.channelUtility.set(this.localUtility);
    // Buyers may also meet sellers across the border, as they travel to shops there: the sellers of a
    // district of the other country at their own utility there, less the trip and the cost of finding
    // sellers where one has no contacts. The best place serves the channel.
    const { country, distanceKm, kmToOtherCountry } = ctx.world;
    const C = CHANNELS.length;
    const bestIn = this.bestUtilityIn;
    for (let m = 0; m < MARKETS.length; m++) {
      for (const { channel: ch } of SELLER_CHANNELS) {
        bestIn.fill(-Infinity);
        for (let j = 0; j < K; j++) bestIn[country[j]] = Math.max(bestIn[country[j]], this.localUtility[(m * K + j) * C + ch]);
        for (let k = 0; k < K; k++) {
          const cell = (m * K + k) * C + ch;
          let best = k;
          let bestU = this.localUtility[cell];
          this.sellersAt[cell] = k;
          // (the best utility across the border less the shortest trip there bounds every district's
          // there: where it is no better than home, as nearly always, no district needs looking at)
          if (bestIn[country[k] === BE ? NL : BE] - this.sellersAbroadPenalty - (this.travelKmWeight * kmToOtherCountry[k]) / 100 <= bestU) continue;
          for (let j = 0; j < K; j++) {
            if (country[j] === country[k]) continue;
            const uj = this.localUtility[(m * K + j) * C + ch] - this.sellersAbroadPenalty - (this.travelKmWeight * distanceKm[k * K + j]) / 100;
            if (uj > bestU) {
              bestU = uj;
              best = j;
            }
          }
          this.sellersAt[cell] = best;
          this.channelUtility[cell] = bestU;
        }
      }
    }
  }

  /** The utilities of the channels for users of market m in district k (without habit), into u. */
  private channelUtilities(ctx: Context, m: number, k: number, u: Float64Array): void {
    const K = ctx.world.size;
    const sellers = this.sellers;
    const shop = this.bestShop[m * K + k];
    // Buyers weigh the police pressure they see where they would buy: at the shop they travel to,
    // or on the sellers of their own district.
    u[SHOP] =
      SHOP_LABEL[m] && shop >= 0 ? this.channelBase[m * CHANNELS.length + SHOP] + this.bestShopUtility[m * K + k] - this.sellerRiskWeight * ctx.signal.perceived[m * K + shop] : NO_SHOP;
    const risk = ctx.signal.perceived[m * K + k];
    for (const { channel: ch, cls } of SELLER_CHANNELS) {
      // Call centres deliver more than one drug: couriers of the other markets count in part.
      let sellersHere = sellers[m].count[cls * K + k] * sellers[m].site.weight;
      if (cls === COURIER) {
        for (let o = 0; o < sellers.length; o++) if (o !== m) sellersHere += this.crossMarketCouriers * sellers[o].count[cls * K + k] * sellers[o].site.weight;
      }
      const per1000 = (1000 * sellersHere) / Math.max(1, this.usersInDistrict[m * K + k]);
      const availability = this.availabilityFloor + per1000 / (per1000 + this.availabilityHalf);
      u[ch] = this.channelBase[m * CHANNELS.length + ch] + this.lnAvailability.of((m * K + k) * CHANNELS.length + ch, availability) - this.sellerRiskWeight * risk;
    }
  }
}

/** ln Σ e^u over the options (−∞ ones count for nothing): a logit's expected best utility. */
function logSum(u: ArrayLike<number>): number {
  let max = -Infinity;
  for (let j = 0; j < u.length; j++) if (u[j] > max) max = u[j];
  if (max === -Infinity) return max;
  let total = 0;
  for (let j = 0; j < u.length; j++) {
    // (e^0 is 1 and e^−∞ is 0 exactly: the best option and the impossible ones need no exponential)
    const d = u[j] - max;
    total += d === 0 ? 1 : d === -Infinity ? 0 : Math.exp(d);
  }
  return max + Math.log(total);
}


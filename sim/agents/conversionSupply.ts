import { BE, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { SiteKind } from './siteKind';

// Whom Belgian conversion labs serve (ODD 7.8). A production lab that buys its batch's precursors in
// Belgium buys them from a Belgian conversion lab: one of its own organisation's, when it has one
// operating in Belgium this week (an organisation that converts supplies its own cooks), otherwise one
// drawn among all Belgian conversion labs operating this week, each weighted by how near it is (the
// same cost of distance as the precursor choice's). Whether a conversion lab then serves one
// organisation or many follows from how many cooks buy in Belgium, how many conversion labs there are
// and who runs them. It is recorded, and changes nothing else: a conversion lab's capacity and prices
// are not modelled.
//
// A conversion lab remembers the two Dutch organisations that last bought from it and the week each
// last did (by the organisations' ids, never reused); it served more than one Dutch organisation in
// the past WINDOW weeks exactly when both are within them.

/** weeks over which a conversion lab's Dutch clients are counted */
const WINDOW = 52;

export class ConversionSupply {
  /** this week's operating Belgian conversion labs (slots), grouped by district: those of district k at byDistrict[start[k] … start[k + 1]) */
  private byDistrict = new Int32Array(0);
  private readonly start: Int32Array;
  private readonly count: Int32Array;
  private labs = 0;
  /** Belgian conversion labs operating last week (agents), and in the first week counted: the precursor supply Belgium offers, and its reference */
  private lastWeekLabs = 0;
  private firstWeekLabs = -1;
  /** this week's Belgian conversion labs in slot order, as they were found, and each district's next place in byDistrict */
  private found = new Int32Array(0);
  private foundIn = new Uint8Array(0);
  private readonly next: Int32Array;
  /** this week's purchases in Belgium: the buying production lab and its district */
  private orderLab = new Int32Array(0);
  private orderFrom = new Int32Array(0);
  private orders = 0;
  /** per organisation slot: a Belgian conversion lab of its own operating this week (valid when ownLabWeek is this week) */
  private ownLab = new Int32Array(0);
  private ownLabWeek = new Int32Array(0);
  /** per district pair (buyer × conversion lab): e^−(cost of distance) */
  private readonly nearness: Float64Array;
  /**
   * per buyer district: the running sum over districts of conversion labs × nearness (this week's
   * labs), at from * K + k, worked out on the week's first purchase from there (cumulativeWeek)
   */
  private readonly cumulative: Float64Array;
  private readonly cumulativeWeek: Int32Array;
  /** per lab slot: the lab these client records belong to (its actor id; a slot is reused by other labs), and its last two Dutch clients */
  private labId = new Float64Array(0);
  private client1 = new Float64Array(0);
  private client2 = new Float64Array(0);
  private week1 = new Int32Array(0);
  private week2 = new Int32Array(0);
  private readonly idConversion: Int32Array;
  private readonly idMultiClient: Int32Array;

  constructor(
    private readonly site: SiteKind,
    ctx: Context,
    kmWeightPer100: number,
  ) {
    const { world } = ctx;
    const K = world.size;
    this.start = new Int32Array(K + 1);
    this.count = new Int32Array(K);
    this.next = new Int32Array(K);
    this.cumulative = new Float64Array(K * K);
    this.cumulativeWeek = new Int32Array(K).fill(-1);
    this.nearness = world.distanceKm.map((km) => Math.exp((-kmWeightPer100 * km) / 100));
    const inBelgium = (k: number) => world.country[k] === BE;
    this.idConversion = ctx.recorder.table('synthetic', 'production', 'conversion_sites', undefined, inBelgium);
    this.idMultiClient = ctx.recorder.table('synthetic', 'production', 'multi_client_sites', undefined, inBelgium);
  }

  /** The start of the labs' week: no conversion lab counted, no purchase yet. */
  beginWeek(): void {
    const { pop, orgs } = this.site;
    if (this.byDistrict.length < pop.capacity) this.grow(pop.capacity);
    if (this.ownLab.length < orgs.capacity) {
      this.ownLab = new Int32Array(orgs.capacity);
      this.ownLabWeek = new Int32Array(orgs.capacity).fill(-1);
    }
    this.count.fill(0);
    this.labs = 0;
    this.orders = 0;
  }

  /** Conversion lab i operates in Belgium this week (in slot order, before its batch may move it). */
  operating(ctx: Context, i: number): void {
    const { pop } = this.site;
    this.foundIn[this.labs] = pop.district[i];
    this.found[this.labs++] = i;
    this.count[pop.district[i]]++;
    const org = pop.organisation[i];
    if (this.ownLabWeek[org] !== ctx.tick) {
      this.ownLabWeek[org] = ctx.tick;
      this.ownLab[org] = i;
    }
  }

  /**
   * Production lab i, in district `from`, buys this batch's precursors in Belgium (settled at the
   * week's end, once every conversion lab is known). Only Dutch buyers are followed: whom a Belgian
   * organisation buys from is not recorded.
   */
  order(i: number, from: number): void {
    const { pop, orgs } = this.site;
    if (orgs.origin[pop.organisation[i]] !== NL) return;
    this.orderLab[this.orders] = i;
    this.orderFrom[this.orders++] = from;
  }

  /** The end of the labs' week: each Dutch purchase's conversion lab, which records the buyer's organisation as its client; then the week's records. */
  endWeek(ctx: Context): void {
    const K = ctx.world.size;
    this.start[0] = 0;
    for (let k = 0; k < K; k++) this.start[k + 1] = this.start[k] + this.count[k];
    this.next.set(this.start.subarray(0, K));
    // (by the district each was in when found: one may have moved since, with its batch)
    for (let j = 0; j < this.labs; j++) this.byDistrict[this.next[this.foundIn[j]]++] = this.found[j];
    const { pop, orgs } = this.site;
    if (this.labs > 0) {
      for (let j = 0; j < this.orders; j++) {
        const i = this.orderLab[j];
        const org = pop.organisation[i];
        const lab = this.ownLabWeek[org] === ctx.tick ? this.ownLab[org] : this.drawLab(ctx, i, this.orderFrom[j]);
        this.served(lab, pop.id[lab], orgs.id[org], ctx.tick);
      }
    }
    this.record(ctx);
    this.lastWeekLabs = this.labs;
    if (this.firstWeekLabs < 0) this.firstWeekLabs = this.labs;
  }

  /** Belgium's precursor supply last week against the first week's, as a log ratio (one lab added to each, so that a week without any stays finite). */
  logSupplyChange(): number {
    return this.firstWeekLabs < 0 ? 0 : Math.log((this.lastWeekLabs + 1) / (this.firstWeekLabs + 1));
  }

  /** A conversion lab for production lab i in district `from`, each weighted by its nearness: one keyed uniform picks the district and, within it, the lab. */
  private drawLab(ctx: Context, i: number, from: number): number {
    const K = ctx.world.size;
    const row = from * K;
    if (this.cumulativeWeek[from] !== ctx.tick) {
      this.cumulativeWeek[from] = ctx.tick;
      let sum = 0;
      for (let k = 0; k < K; k++) this.cumulative[row + k] = sum += this.count[k] * this.nearness[row + k];
    }
    const x = this.site.draw(ctx, i, DRAW.precursorSupplier) * this.cumulative[row + K - 1];
    let k = 0;
    while (k < K - 1 && !(x < this.cumulative[row + k])) k++;
    // where x falls within district k's part is uniform there: it picks the lab
    const below = k > 0 ? this.cumulative[row + k - 1] : 0;
    const within = Math.min(this.count[k] - 1, Math.floor(((x - below) / (this.cumulative[row + k] - below)) * this.count[k]));
    return this.byDistrict[this.start[k] + within];
  }

  /** Records this week's Belgian conversion labs, and those that served more than one Dutch organisation in the past WINDOW weeks. */
  private record(ctx: Context): void {
    const { pop, weight } = this.site;
    for (let j = 0; j < this.labs; j++) {
      const lab = this.byDistrict[j];
      const k = pop.district[lab];
      // (one that moved to NL during the week is no longer a Belgian conversion lab)
      if (ctx.world.country[k] !== BE) continue;
      ctx.recorder.stock(this.idConversion[k], weight);
      if (this.servesMany(lab, pop.id[lab], ctx.tick)) ctx.recorder.stock(this.idMultiClient[k], weight);
    }
  }

  private served(lab: number, id: number, client: number, tick: number): void {
    if (this.labId[lab] !== id) {
      this.labId[lab] = id;
      this.client1[lab] = client;
      this.week1[lab] = tick;
      this.client2[lab] = -1;
      return;
    }
    if (this.client1[lab] === client) this.week1[lab] = tick;
    else if (this.client2[lab] === client) this.week2[lab] = tick;
    else if (this.client2[lab] < 0 || this.week2[lab] < this.week1[lab]) {
      this.client2[lab] = client;
      this.week2[lab] = tick;
    } else {
      this.client1[lab] = client;
      this.week1[lab] = tick;
    }
  }

  private servesMany(lab: number, id: number, tick: number): boolean {
    return this.labId[lab] === id && this.client2[lab] >= 0 && tick - this.week1[lab] < WINDOW && tick - this.week2[lab] < WINDOW;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.byDistrict = new Int32Array(capacity);
    this.found = new Int32Array(capacity);
    this.foundIn = new Uint8Array(capacity);
    this.orderLab = new Int32Array(capacity);
    this.orderFrom = new Int32Array(capacity);
    this.labId = copy(this.labId, (n) => new Float64Array(n).fill(-1));
    this.client1 = copy(this.client1, (n) => new Float64Array(n));
    this.client2 = copy(this.client2, (n) => new Float64Array(n));
    this.week1 = copy(this.week1, (n) => new Int32Array(n));
    this.week2 = copy(this.week2, (n) => new Int32Array(n));
  }
}

import { pickWeightedKeyed } from '../behaviour/choice';
import { BE, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { SiteKind } from './siteKind';

// Whom Belgian conversion labs serve (ODD 7.8). A production lab that buys its batch's precursors in
// Belgium buys them from a Belgian conversion lab: one of its own organisation's, when it has one
// operating in Belgium this week (an organisation that converts supplies its own cooks), otherwise one
// drawn among all Belgian conversion labs operating this week, by how near each is (the same cost of
// distance as the precursor choice's). Whether a conversion lab then serves one organisation or many
// follows from how many cooks buy in Belgium, how many conversion labs there are and who runs them.
// It is recorded, and changes nothing else: a conversion lab's capacity and prices are not modelled.
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
  /** per organisation slot: a Belgian conversion lab of its own operating this week (valid when ownLabWeek is this week) */
  private ownLab = new Int32Array(0);
  private ownLabWeek = new Int32Array(0);
  /** per district pair (buyer × conversion lab): e^−(cost of distance) */
  private readonly nearness: Float64Array;
  private readonly weights: Float64Array;
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
    /** the class of conversion labs */
    private readonly conversion: number,
    kmWeightPer100: number,
  ) {
    const { world } = ctx;
    const K = world.size;
    this.start = new Int32Array(K + 1);
    this.count = new Int32Array(K);
    this.weights = new Float64Array(K);
    this.nearness = world.distanceKm.map((km) => Math.exp((-kmWeightPer100 * km) / 100));
    const inBelgium = (k: number) => world.country[k] === BE;
    this.idConversion = ctx.recorder.table('synthetic', 'production', 'conversion_sites', undefined, inBelgium);
    this.idMultiClient = ctx.recorder.table('synthetic', 'production', 'multi_client_sites', undefined, inBelgium);
  }

  /** Takes stock of the Belgian conversion labs operating this week: the first n of `active`. */
  index(ctx: Context, active: Int32Array, n: number): void {
    const { pop, orgs } = this.site;
    const country = ctx.world.country;
    const K = ctx.world.size;
    if (this.byDistrict.length < pop.capacity) this.grow(pop.capacity);
    if (this.ownLab.length < orgs.capacity) {
      this.ownLab = new Int32Array(orgs.capacity);
      this.ownLabWeek = new Int32Array(orgs.capacity).fill(-1);
    }
    this.count.fill(0);
    let labs = 0;
    for (let j = 0; j < n; j++) {
      const i = active[j];
      if (pop.kind[i] !== this.conversion || country[pop.district[i]] !== BE) continue;
      this.count[pop.district[i]]++;
      labs++;
    }
    this.start[0] = 0;
    for (let k = 0; k < K; k++) this.start[k + 1] = this.start[k] + this.count[k];
    const next = this.start.slice(0, K);
    for (let j = 0; j < n; j++) {
      const i = active[j];
      if (pop.kind[i] !== this.conversion || country[pop.district[i]] !== BE) continue;
      this.byDistrict[next[pop.district[i]]++] = i;
      const org = pop.organisation[i];
      if (this.ownLabWeek[org] !== ctx.tick) {
        this.ownLabWeek[org] = ctx.tick;
        this.ownLab[org] = i;
      }
    }
    this.labs = labs;
  }

  /** Production lab i buys this batch's precursors in Belgium: from which conversion lab (its Dutch organisation, if it has one, recorded as a client). */
  supply(ctx: Context, i: number): void {
    if (this.labs === 0) return;
    const { pop, orgs } = this.site;
    const org = pop.organisation[i];
    let lab = this.ownLabWeek[org] === ctx.tick ? this.ownLab[org] : -1;
    if (lab < 0) {
      const K = ctx.world.size;
      const from = pop.district[i] * K;
      for (let k = 0; k < K; k++) this.weights[k] = this.count[k] * this.nearness[from + k];
      const k = pickWeightedKeyed(this.weights, K, this.site.choiceDraw(ctx, pop.drawKey[i], DRAW.precursorSupplier));
      lab = this.byDistrict[this.start[k] + Math.floor(this.site.draw(ctx, i, DRAW.precursorSupplierLab) * this.count[k])];
    }
    if (orgs.origin[org] === NL) this.served(lab, pop.id[lab], orgs.id[org], ctx.tick);
  }

  /** Records this week's Belgian conversion labs, and those that served more than one Dutch organisation in the past WINDOW weeks. */
  record(ctx: Context): void {
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
    this.labId = copy(this.labId, (n) => new Float64Array(n).fill(-1));
    this.client1 = copy(this.client1, (n) => new Float64Array(n));
    this.client2 = copy(this.client2, (n) => new Float64Array(n));
    this.week1 = copy(this.week1, (n) => new Int32Array(n));
    this.week2 = copy(this.week2, (n) => new Int32Array(n));
  }
}

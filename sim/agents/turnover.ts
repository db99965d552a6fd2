import { pickWeighted, pickWeightedKeyed } from '../behaviour/choice';
import { happensIn, weekKey, weekUniform } from '../core/keyed';
import type { ParameterReader } from '../params/read';
import { BE, NL } from '../world/world';
import type { Context } from './context';
import { DRAW, nextRaidCheck } from './draws';
import type { ContactBook } from './contacts';
import type { Population } from './population';
import { LINK_DUTCH_ORGANISER } from './population';
import type { Relocation } from './relocation';
import type { Site } from './site';

// Who enters a kind and who leaves it. A newcomer has a home district (drawn by population, where
// its trade's organisers are based, and for Belgians by how far know-how has arrived), joins a
// contact's organisation or founds one, and settles where the location choice takes it. Contacts are
// local: a newcomer is recruited by someone active near its home, most often of its own origin, so
// Dutch organisations take Belgian helpers near the border and a Belgian far from it joins Belgians.

export class Turnover {
  private readonly joinOrganisation: number;
  /** the weekly chance of quitting for reasons other than police: quitPerYear / 52 */
  private readonly quitPerWeek: number;
  private readonly idEntries: Int32Array;
  private readonly idExits: Int32Array;
  /** scratch: where newcomers come from (see homeWeightsFor) */
  private readonly homeWeights: Float64Array;
  /** how near a contact is, per home × district: exp(−distance / contactRangeKm) */
  private readonly nearness: Float64Array;
  /** weight of a contact of the other origin against one of the newcomer's own */
  private readonly otherOrigin: number;
  /** scratch: the weight of each district × origin's contacts for one newcomer */
  private readonly contactWeights: Float64Array;
  /** the chance that a member out of reach of its organisation's takedown carries on in the regrouped one */
  private readonly regroup: number;

  constructor(private readonly site: Site, ctx: Context, p: ParameterReader, private readonly relocation: Relocation) {
    const { market, echelon, prefix } = site.config;
    this.joinOrganisation = p.num(`${prefix}.joinOrganisation`);
    this.quitPerWeek = p.num(`${prefix}.quitPerYear`) / 52;
    this.idEntries = ctx.recorder.table(market, echelon, 'entries');
    this.idExits = ctx.recorder.table(market, echelon, 'exits');
    this.homeWeights = new Float64Array(ctx.world.size);
    const range = p.num('organisations.contactRangeKm');
    this.nearness = ctx.world.distanceKm.map((km) => Math.exp(-km / range));
    this.otherOrigin = p.num('organisations.otherOriginContactWeight');
    this.contactWeights = new Float64Array(ctx.world.size * 2);
    this.regroup = p.num('organisations.regroupAfterTakedown');
  }

  /**
   * The contact book a newcomer from `home` of `origin` finds its contact in (null when it knows
   * nobody): a district and origin drawn by the people active there, weighed by how near they are
   * to its home and whether they share its origin (a keyed race, so that in two runs a change in
   * one place moves recruitment only to or from that place).
   */
  private contactBook(ctx: Context, from: Population, home: number, origin: number, key: number): ContactBook | null {
    const K = ctx.world.size;
    const w = this.contactWeights;
    const ownBE = origin === BE ? 1 : this.otherOrigin;
    const ownNL = origin === NL ? 1 : this.otherOrigin;
    const people = from.perPlace;
    for (let k = 0; k < K; k++) {
      const near = this.nearness[home * K + k];
      w[k * 2 + BE] = people[k * 2 + BE] * near * ownBE;
      w[k * 2 + NL] = people[k * 2 + NL] * near * ownNL;
    }
    const cell = pickWeightedKeyed(w, 2 * K, this.site.choiceDraw(ctx, key, DRAW.contactPlace));
    return cell < 0 ? null : from.contactsAt[cell];
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
      if (knowhowMarket >= 0 && origin === BE) weight *= ctx.knowhow.level[knowhowMarket * K + k];
      if (organiserBase) weight *= organiserBase[k];
      this.homeWeights[k] = weight;
      total += weight;
    }
    return total;
  }

  /**
   * This week's newcomers of one origin (entry cell: the origin), a Poisson number with mean
   * `expected`, each from a home drawn from the last homeWeightsFor and of a class drawn by
   * `classShares` (see newcomer).
   */
  newcomers(ctx: Context, origin: number, expected: number, classShares: ArrayLike<number>): void {
    const random = this.site.random;
    const n = random.poisson(expected, random.keyOf(origin), ctx.tick, DRAW.entrants);
    for (let a = 0; a < n; a++) this.newcomer(ctx, ctx.tick, origin, a, classShares);
  }

  /** The a-th newcomer of an origin in week `week` (entry cell: the origin; the initial actors' week is INITIAL_WEEK). */
  newcomer(ctx: Context, week: number, origin: number, a: number, classShares: ArrayLike<number>): void {
    const site = this.site;
    const id = site.newId(week, origin, a);
    const key = site.random.keyOf(id);
    const home = this.drawHome(ctx, key);
    const cls = pickWeighted(classShares, classShares.length, site.random.at(key, ctx.tick, DRAW.actorClass));
    if (home >= 0) this.enter(ctx, id, home, origin, cls);
  }

  /** A newcomer's home district (`key`: its draw key), drawn from the last homeWeightsFor, or -1 when every weight is 0. */
  drawHome(ctx: Context, key: number): number {
    return pickWeightedKeyed(this.homeWeights, this.homeWeights.length, this.site.choiceDraw(ctx, key, DRAW.home));
  }

  /**
   * A new actor `id` (Site.newId) from `home`: joins the organisation of a contact (an actor of
   * `recruitedFrom`) or founds one there, then settles where the location choice takes it (or at
   * `district`, for actors that go where their customers are).
   */
  enter(ctx: Context, id: number, home: number, origin: number, cls: number, district = -1, recruitedFrom: Population = this.site.pop): number {
    const { pop, orgs, random } = this.site;
    const tick = ctx.tick;
    const key = random.keyOf(id);
    // (a newcomer's draws are all of its first week: its week key hashed once)
    const week = weekKey(key, tick);
    let org = -1;
    if (recruitedFrom.alive > 0 && happensIn(week, DRAW.joinOrganisation, this.joinOrganisation)) {
      const book = this.contactBook(ctx, recruitedFrom, home, origin, key);
      if (book) org = recruitedFrom.organisation[book.next(weekUniform(week, DRAW.contact))];
    }
    if (org < 0) org = orgs.create(id, origin, home);
    orgs.join(org);
    const i = pop.add(id, key, home, origin, org, cls, weekUniform(week, DRAW.contactRank));
    if (origin === NL || orgs.origin[org] === NL) pop.setLink(i, LINK_DUTCH_ORGANISER, true);
    // Its time to quit is its own draw, made once as it starts (the chance is the same every week), and
    // so is its first check week for raids (Raids.sweep).
    pop.retireTick[i] = Math.min(0x7fffffff, tick + random.trialsUntilIn(this.quitPerWeek, week, DRAW.retire));
    pop.nextRaidCheck[i] = nextRaidCheck(week, tick);
    pop.wakeTick[i] = Math.min(pop.retireTick[i], pop.nextRaidCheck[i]);
    if (district < 0) district = this.relocation.settle(ctx, i);
    if (district !== home) pop.moveTo(i, district);
    ctx.recorder.flow(this.idEntries[district], this.site.weight);
    return i;
  }

  /**
   * A member that police did not reach when its organisation was taken down (it works across the
   * border): it carries on in the organisation the survivors regroup in, or gives up. Returns
   * whether it carries on.
   */
  survive(ctx: Context, i: number): boolean {
    const { pop, orgs } = this.site;
    if (this.site.draw(ctx, i, DRAW.regroup) >= this.regroup) {
      this.leave(ctx, i);
      return false;
    }
    const from = pop.organisation[i];
    const to = orgs.regroup(from);
    orgs.join(to);
    pop.organisation[i] = to;
    orgs.leave(from);
    return true;
  }

  leave(ctx: Context, i: number): void {
    const { pop, orgs } = this.site;
    ctx.recorder.flow(this.idExits[pop.district[i]], this.site.weight);
    orgs.leave(pop.organisation[i]);
    pop.remove(i);
  }
}

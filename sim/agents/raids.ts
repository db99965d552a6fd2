import type { ParameterReader } from '../params/read';
import { weekKey } from '../core/keyed';
import { NL } from '../world/world';
import type { Context } from './context';
import { CHECK_BOUND, DRAW, nextRaidCheck as nextCheck, raidCoin } from './draws';
import type { SiteHazards } from './hazards';
import type { Leads } from './leads';
import type { Relocation } from './relocation';
import type { Site } from './site';
import type { Turnover } from './turnover';

// What police do to a kind's actors: a takedown of the organisation, a regular raid (which may give a
// lead), a short blow, or an intercepted shipment. Each is recorded where it happens (dismantled
// sites, arrests, seizures, and the news); the actor learns from it, may give up, and may move.
//
// Whether police find an actor this week is the actor's own coin u for the week, against this week's
// chance p of its cell: a raid when u < p (a regular one when u < the regular chance). The coin is
// keyed (actor, week), so it is the same in two runs and a small change of p changes the outcome only
// in the rare week u falls between the two chances. Drawing it for every actor every week would be the
// tick loop's largest cost, so it is drawn in two parts: each actor has check weeks, a Bernoulli
// process at CHECK_BOUND a week (a geometric gap drawn at each), in which u = CHECK_BOUND × v, and in
// other weeks u = CHECK_BOUND + (1 − CHECK_BOUND) × w (v, w uniform). That u is uniform; an actor
// needs looking at only in its check weeks while p ≤ CHECK_BOUND, which is nearly always, and in the
// week it retires: the earlier of the two is its wakeTick, so a quiet week costs one comparison.

export class Raids {
  private readonly exitAfterArrest: number;
  private readonly ownRaidWeight: number;
  private readonly contactRaidWeight: number;
  /** per class: 1 if a raided actor that carries on picks a new district (see SiteKindConfig.localClasses) */
  private readonly relocatesAfterRaid: Uint8Array;
  private readonly idDismantled: Int32Array;
  /** by district × size class, for kinds whose classes are sizes (null otherwise) */
  private readonly idDismantledBySize: Int32Array | null;
  private readonly idSeized: Int32Array;
  private readonly idArrests: Int32Array;
  /** the slots of the actors raided this week that carry on (the first `sidelinedCount`): alive, but not operating this week */
  sidelined = new Int32Array(0);
  sidelinedCount = 0;

  constructor(
    private readonly site: Site,
    ctx: Context,
    p: ParameterReader,
    private readonly hazards: SiteHazards,
    private readonly leads: Leads,
    private readonly turnover: Turnover,
    private readonly relocation: Relocation,
  ) {
    const { market, echelon, prefix: pre, classes, localClasses } = site.config;
    this.exitAfterArrest = p.num(`${pre}.exitAfterArrest`);
    this.ownRaidWeight = p.num('risk.ownRaidWeight');
    this.contactRaidWeight = p.num('risk.contactRaidWeight');
    this.relocatesAfterRaid = Uint8Array.from(classes, (c) => (localClasses?.includes(c) ? 0 : 1));
    this.idDismantled = ctx.recorder.table(market, echelon, 'dismantled_sites');
    this.idDismantledBySize = site.config.classesAreSizes ? ctx.recorder.table(market, echelon, 'dismantled_sites', { by: 'size', labels: classes }) : null;
    this.idSeized = ctx.recorder.table(market, echelon, 'seized_kg');
    this.idArrests = ctx.recorder.table(market, echelon, 'arrests');
  }

  /**
   * The start of the kind's week: for every actor, an organisation taken down, a raid, or retiring.
   * Those still operating go into `active` (in slot order); returns how many. One tight pass over the
   * kind's arrays, because it runs for every actor every week; the rare events leave it by a call.
   */
  sweep(ctx: Context, active: Int32Array): number {
    const { pop, orgs } = this.site;
    const { district, organisation, kind, wakeTick } = pop;
    const tick = ctx.tick;
    const high = pop.highWater;
    this.hazards.anyRaidFor(ctx);
    // An actor is left alone until its wakeTick, unless its organisation is taken down this week or a
    // chance of its district and class is above the bound (most weeks neither happens to any actor).
    const takedowns = orgs.takedownsNow > 0;
    const aboveBound = this.hazards.maxAnyRaid > CHECK_BOUND;
    if (this.sidelined.length < pop.capacity) this.sidelined = new Int32Array(pop.capacity);
    this.sidelinedCount = 0;
    let n = 0;
    // (a free slot's wakeTick is 0, Population.remove: it never passes the first test)
    // The loop of a quiet week is written apart, and the rest of an actor's week is a call (`wake`): the
    // tight loop over every actor then holds its few values in registers.
    if (!takedowns && !aboveBound) {
      for (let i = 0; i < high; i++) if (tick < wakeTick[i] || this.wake(ctx, i, false, false)) active[n++] = i;
      return n;
    }
    const { takedown } = orgs;
    const { withinBound, classes } = this.hazards;
    for (let i = 0; i < high; i++) {
      const left = tick < wakeTick[i] && !(takedowns && takedown[organisation[i]]) && (!aboveBound || withinBound[district[i] * classes + kind[i]]);
      if (left || this.wake(ctx, i, takedowns, aboveBound)) active[n++] = i;
    }
    return n;
  }

  /**
   * Actor i's week when the sweep cannot leave it alone: an organisation taken down, its raid coin
   * looked at, or retiring. Returns whether it operates this week.
   */
  private wake(ctx: Context, i: number, takedowns: boolean, aboveBound: boolean): boolean {
    const { pop, orgs } = this.site;
    const { isAlive, district, organisation, kind, flags, drawKey, retireTick, nextRaidCheck, wakeTick } = pop;
    if (!isAlive[i]) return false;
    if (takedowns && orgs.takedown[organisation[i]] && !this.takenDown(ctx, i)) return false;
    const tick = ctx.tick;
    const check = tick >= nextRaidCheck[i];
    if (check || aboveBound) {
      const { anyRaid, regular, classes } = this.hazards;
      // A link across the border: a site in BE with a Dutch link, or one in NL without any (run from
      // Belgium). Cooperation between the two police forces finds these more easily.
      const k = district[i];
      const crossBorderLink = (flags[i] !== 0) !== (ctx.world.country[k] === NL) ? 1 : 0;
      const cell = (k * classes + kind[i]) * 2 + crossBorderLink;
      // The actor's own coin for the week (see the comment above the class).
      if (check || anyRaid[cell] > CHECK_BOUND) {
        // (the coin and the next check week are two draws of the actor's week: its week key hashed once)
        const week = weekKey(drawKey[i], tick);
        const u = raidCoin(week, check);
        if (check) {
          nextRaidCheck[i] = nextCheck(week, tick);
          wakeTick[i] = Math.min(retireTick[i], nextRaidCheck[i]);
        }
        if (u < anyRaid[cell]) {
          this.raid(ctx, i, u < regular[cell]);
          if (isAlive[i]) this.sidelined[this.sidelinedCount++] = i;
          return false;
        }
      }
    }
    if (tick >= retireTick[i]) {
      this.turnover.leave(ctx, i);
      return false;
    }
    return true;
  }

  /**
   * A member of an organisation taken down this week: arrested where the investigating police reach
   * (their country, or across the border when the two cooperate on the case), otherwise a survivor
   * that regroups or gives up. Returns whether it still operates.
   */
  private takenDown(ctx: Context, i: number): boolean {
    const { pop, orgs } = this.site;
    const org = pop.organisation[i];
    if (orgs.takedownCountry[org] === ctx.world.country[pop.district[i]] || orgs.takedownCrossBorder[org]) {
      this.record(ctx, i);
      this.turnover.leave(ctx, i);
      return false;
    }
    return this.turnover.survive(ctx, i);
  }

  /**
   * A shipment (its kg held) intercepted in district `where`: arrests and news there, a lead
   * into the organisation, and the importer may give up.
   */
  seizure(ctx: Context, i: number, where: number): void {
    const { pop, orgs } = this.site;
    this.record(ctx, i, where);
    pop.risk.learn(i, where, this.ownRaidWeight);
    orgs.risk.learn(pop.organisation[i], where, this.contactRaidWeight);
    this.leads.follow(ctx, i, where);
    if (this.site.happens(ctx, i, DRAW.exitAfterSeizure, this.exitAfterArrest)) this.turnover.leave(ctx, i);
  }

  /** A raid (a short blow unless `regular`): only a regular one follows up with a lead. */
  private raid(ctx: Context, i: number, regular: boolean): void {
    const { pop, orgs } = this.site;
    const k = pop.district[i];
    this.record(ctx, i);
    pop.risk.learn(i, k, this.ownRaidWeight);
    orgs.risk.learn(pop.organisation[i], k, this.contactRaidWeight);
    if (regular) this.leads.follow(ctx, i, k);
    if (this.site.happens(ctx, i, DRAW.exitAfterArrest, this.exitAfterArrest)) {
      this.turnover.leave(ctx, i);
      return;
    }
    pop.timer[i] = 0;
    if (this.relocatesAfterRaid[pop.kind[i]]) this.relocation.relocate(ctx, i);
  }

  /** Observed indicators of a dismantled site (or an intercepted shipment) in district k. */
  private record(ctx: Context, i: number, k = this.site.pop.district[i]): void {
    const { pop, weight: w } = this.site;
    const registered = w * ctx.levers.registered[this.site.market * ctx.world.size + k];
    ctx.recorder.flow(this.idDismantled[k], registered);
    if (this.idDismantledBySize) ctx.recorder.flow(this.idDismantledBySize[k * this.site.config.classes.length + pop.kind[i]], registered);
    ctx.recorder.flow(this.idArrests[k], w * this.site.personsPerArrest[pop.kind[i]]);
    ctx.recorder.flow(this.idSeized[k], w * this.site.heldKg(i));
    const news = ctx.signal.dismantledThisTick;
    news[ctx.signal.marketOffset(this.site.market) + k] += w;
    news[this.site.newsOffset[pop.kind[i]] + k] += w;
    pop.stockKg[i] = 0;
  }
}

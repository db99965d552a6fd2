import type { ParameterReader } from '../params/read';
import { NL } from '../world/world';
import type { Context } from './context';
import type { SiteHazards } from './hazards';
import type { Leads } from './leads';
import type { Relocation } from './relocation';
import type { Site } from './site';
import type { Turnover } from './turnover';

// What police do to a kind's actors: a takedown of the organisation, a regular raid (which may give a
// lead), a short blow, or an intercepted shipment. Each is recorded where it happens (dismantled
// sites, arrests, seizures, and the news); the actor learns from it, may give up, and may move.

export class Raids {
  private readonly exitAfterArrest: number;
  /** a draw above this retires the actor: 1 − quitPerYear/52 */
  private readonly retireAbove: number;
  private readonly ownRaidWeight: number;
  private readonly contactRaidWeight: number;
  /** per class: 1 if a raided actor that carries on picks a new district (see SiteKindConfig.localClasses) */
  private readonly relocatesAfterRaid: Uint8Array;
  private readonly idDismantled: Int32Array;
  private readonly idSeized: Int32Array;
  private readonly idArrests: Int32Array;

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
    this.retireAbove = 1 - p.num(`${pre}.quitPerYear`) / 52;
    this.ownRaidWeight = p.num('risk.ownRaidWeight');
    this.contactRaidWeight = p.num('risk.contactRaidWeight');
    this.relocatesAfterRaid = Uint8Array.from(classes, (c) => (localClasses?.includes(c) ? 0 : 1));
    this.idDismantled = ctx.recorder.table(market, echelon, 'dismantled_sites');
    this.idSeized = ctx.recorder.table(market, echelon, 'seized_kg');
    this.idArrests = ctx.recorder.table(market, echelon, 'arrests');
  }

  /**
   * The start of every actor's week: an organisation taken down, a raid, or retiring. Returns false
   * when the actor is gone or lost its operation this week (the caller skips its production).
   */
  survive(ctx: Context, i: number): boolean {
    const { pop, orgs } = this.site;
    const k = pop.district[i];
    const org = pop.organisation[i];
    const country = ctx.world.country[k];
    if (orgs.takedown[org] && (orgs.takedownCountry[org] === country || orgs.takedownCrossBorder[org])) {
      this.record(ctx, i);
      this.turnover.leave(ctx, i);
      return false;
    }
    const cls = pop.kind[i];
    // A link across the border: a site in BE with a Dutch link, or one in NL without any (run from
    // Belgium). Cooperation between the two police forces finds these more easily.
    const crossBorderLink = (pop.flags[i] !== 0) !== (country === NL) ? 1 : 0;
    const cell = this.hazards.cell(ctx, k, cls, crossBorderLink);
    const u = this.site.events.next();
    if (u < this.hazards.anyRaid[cell]) {
      this.raid(ctx, i, u < this.hazards.regular[cell]);
      return false;
    }
    if (u > this.retireAbove) {
      this.turnover.leave(ctx, i);
      return false;
    }
    return true;
  }

  /**
   * A shipment (its kg in stockKg) intercepted in district `where`: arrests and news there, a lead
   * into the organisation, and the importer may give up.
   */
  seizure(ctx: Context, i: number, where: number): void {
    const { pop, orgs } = this.site;
    this.record(ctx, i, where);
    pop.risk.learn(i, where, this.ownRaidWeight);
    orgs.risk.learn(pop.organisation[i], where, this.contactRaidWeight);
    this.leads.follow(ctx, i, where);
    if (this.site.choices.next() < this.exitAfterArrest) this.turnover.leave(ctx, i);
  }

  /** A raid (a short blow unless `regular`): only a regular one follows up with a lead. */
  private raid(ctx: Context, i: number, regular: boolean): void {
    const { pop, orgs } = this.site;
    const k = pop.district[i];
    this.record(ctx, i);
    pop.risk.learn(i, k, this.ownRaidWeight);
    orgs.risk.learn(pop.organisation[i], k, this.contactRaidWeight);
    if (regular) this.leads.follow(ctx, i, k);
    if (this.site.choices.next() < this.exitAfterArrest) {
      this.turnover.leave(ctx, i);
      return;
    }
    pop.timer[i] = 0;
    if (this.relocatesAfterRaid[pop.kind[i]]) this.relocation.relocate(ctx, i);
  }

  /** Observed indicators of a dismantled site (or an intercepted shipment) in district k. */
  private record(ctx: Context, i: number, k = this.site.pop.district[i]): void {
    const { pop, weight: w } = this.site;
    ctx.recorder.flow(this.idDismantled[k], w);
    ctx.recorder.flow(this.idArrests[k], w * this.site.personsPerArrest[pop.kind[i]]);
    ctx.recorder.flow(this.idSeized[k], w * pop.stockKg[i]);
    ctx.signal.dismantledThisTick[this.site.market * ctx.world.size + k] += w;
    pop.stockKg[i] = 0;
  }
}

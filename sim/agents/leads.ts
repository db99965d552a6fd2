import type { ParameterReader } from '../params/read';
import type { Context } from './context';
import { DRAW } from './draws';
import type { Site } from './site';

// A regular raid can give police a lead into the raided actor's organisation; with an investigation
// slot free in the district, it becomes an in-depth investigation that ends in a takedown.

export class Leads {
  private readonly leadProbability: number;
  private readonly investigationWeeks: number;

  constructor(private readonly site: Site, p: ParameterReader) {
    this.leadProbability = p.num(`${site.config.prefix}.leadProbability`);
    this.investigationWeeks = p.num('enforcement.investigationWeeks');
  }

  /**
   * A raid on actor i in district k: a lead, unless its organisation is already investigated. Leads
   * wait until the week's raids are all done (Investigations.openLeads), because investigation slots
   * are few and which lead gets one must not depend on the order actors happen to be stored in.
   */
  follow(ctx: Context, i: number, k: number): void {
    const site = this.site;
    const org = site.pop.organisation[i];
    if (site.orgs.investigated[org] || site.draw(ctx, i, DRAW.lead) >= this.leadProbability) return;
    ctx.investigations.lead({
      orgs: site.orgs,
      organisation: org,
      id: site.orgs.id[org],
      market: site.market,
      district: k,
      country: ctx.world.country[k],
      endTick: ctx.tick + this.investigationWeeks,
      priority: site.draw(ctx, i, DRAW.leadPriority),
    });
  }
}

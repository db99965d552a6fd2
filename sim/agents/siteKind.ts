import type { ParameterReader } from '../params/read';
import type { Context } from './context';
import { SiteHazards } from './hazards';
import { Leads } from './leads';
import type { Organisations } from './organisations';
import { Raids } from './raids';
import { Relocation } from './relocation';
import { Site, type SiteKindConfig } from './site';
import { SiteCounts } from './siteCounts';
import { Turnover } from './turnover';

export type { SiteKindConfig } from './site';

// What every supply-side actor kind shares (growers, labs, sellers, importers, brokers): a Site (its
// agents, organisations and random streams) and the parts of its week, each in its own module. The
// kind modules add what they produce and trade.

export class SiteKind extends Site {
  /** the week's tally: active sites, Dutch links, police workload, news denominator */
  readonly counts: SiteCounts;
  /** settling and moving by the location choice */
  readonly relocation: Relocation;
  /** newcomers and exits */
  readonly turnover: Turnover;
  /** takedowns, raids, short blows, seizures */
  readonly raids: Raids;
  /** the slots of the actors operating this week, from `startWeek` */
  active = new Int32Array(0);
  /** how many of `active` startWeek returned: an actor raided this week that carries on is not among them */
  operating = 0;

  constructor(config: SiteKindConfig, ctx: Context, p: ParameterReader, initialAgents: number, sharedOrganisations?: Organisations) {
    super(config, ctx, p, initialAgents, sharedOrganisations);
    // Each part registers its recorder tables here, so this order is the order of the kind's series in the outputs.
    this.counts = new SiteCounts(this, ctx);
    this.relocation = new Relocation(this, ctx, p);
    this.turnover = new Turnover(this, ctx, p, this.relocation);
    this.raids = new Raids(this, ctx, p, new SiteHazards(this, ctx, p), new Leads(this, p), this.turnover, this.relocation);
  }

  /** The week's takedowns, raids and retirements; returns how many actors operate, their slots first in `active`. */
  startWeek(ctx: Context): number {
    if (this.active.length < this.pop.capacity) this.active = new Int32Array(this.pop.capacity);
    return (this.operating = this.raids.sweep(ctx, this.active));
  }

  /** Counts the operating actors still alive (see SiteCounts), after the kind's week has changed their district, class and links. */
  countActive(): void {
    this.counts.countOperating(this.raids.sidelined, this.raids.sidelinedCount);
  }
}

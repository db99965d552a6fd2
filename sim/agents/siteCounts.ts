import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import type { Site } from './site';

// The week's tally of a kind's active agents: the active-site stock per district (and per origin),
// the sites with a Dutch link, each agent's share of next week's police workload and of the
// denominator of the public news. Counted agent by agent, written to the recorder once a week.

export class SiteCounts {
  /** recorder ids per district (by origin: k * 2 + origin) */
  private readonly idActive: Int32Array;
  private readonly idActiveByOrigin: Int32Array;
  private readonly idLink: Int32Array;
  /** this week's counts, per district × origin and per district */
  private readonly activeCount: Float64Array;
  private readonly linkCount: Float64Array;

  constructor(private readonly site: Site, ctx: Context) {
    const { market, echelon } = site.config;
    const K = ctx.world.size;
    this.idActive = ctx.recorder.table(market, echelon, 'active_sites');
    this.idActiveByOrigin = ctx.recorder.table(market, echelon, 'active_sites', { by: 'origin', labels: COUNTRIES });
    this.idLink = ctx.recorder.table(market, echelon, 'dutch_link_sites');
    this.activeCount = new Float64Array(COUNTRIES.length * K);
    this.linkCount = new Float64Array(K);
  }

  /** Counts an active actor this week (and its share of police workload). */
  count(ctx: Context, i: number): void {
    const site = this.site;
    const pop = site.pop;
    const k = pop.district[i];
    const cls = pop.kind[i];
    const mk = site.market * ctx.world.size + k;
    this.activeCount[k * 2 + pop.origin[i]] += 1;
    if (pop.flags[i] !== 0 || pop.origin[i] === NL) this.linkCount[k] += 1;
    ctx.enforcement.loadNext[mk] += site.visibility[cls] * site.weight;
    ctx.enforcement.bottomLoadNext[mk] += site.bottomOfChain[cls] * site.weight;
    ctx.signal.activeThisTick[mk] += site.weight;
  }

  /** Writes this week's counts to the recorder. */
  flush(ctx: Context): void {
    const K = ctx.world.size;
    const w = this.site.weight;
    for (let k = 0; k < K; k++) {
      const be = this.activeCount[k * 2 + BE];
      const nl = this.activeCount[k * 2 + NL];
      ctx.recorder.stock(this.idActive[k], (be + nl) * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + BE], be * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + NL], nl * w);
      ctx.recorder.stock(this.idLink[k], this.linkCount[k] * w);
    }
    this.activeCount.fill(0);
    this.linkCount.fill(0);
  }
}

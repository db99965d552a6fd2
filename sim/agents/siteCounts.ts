import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import type { Site } from './site';

// The week's tally of a kind's active agents: the active-site stock per district (and per origin),
// the sites with a Dutch link, each agent's share of next week's police workload and of the
// denominator of the public news, and for producers the Dutch sites that spread know-how. An agent only adds one to its cell (district × class × origin ×
// Dutch link); the cells become those figures once a week, in `flush`.

export class SiteCounts {
  /** recorder ids per district (by origin: k * 2 + origin) */
  private readonly idActive: Int32Array;
  private readonly idActiveByOrigin: Int32Array;
  private readonly idLink: Int32Array;
  private readonly classes: number;
  /** this week's active agents at ((k * classes + cls) * 2 + origin) * 2 + link, link 1 when any Dutch-link flag is set */
  private readonly cells: Int32Array;

  constructor(private readonly site: Site, ctx: Context) {
    const { market, echelon } = site.config;
    this.classes = site.config.classes.length;
    this.idActive = ctx.recorder.table(market, echelon, 'active_sites');
    this.idActiveByOrigin = ctx.recorder.table(market, echelon, 'active_sites', { by: 'origin', labels: COUNTRIES }, site.config.possibleOrigin);
    this.idLink = ctx.recorder.table(market, echelon, 'dutch_link_sites');
    this.cells = new Int32Array(ctx.world.size * this.classes * 4);
  }

  /** Counts this week's active actors: the slots `active[0 … n)` that are still alive. */
  countAll(active: Int32Array, n: number): void {
    const { isAlive, district, kind, origin, flags } = this.site.pop;
    const cells = this.cells;
    const classes = this.classes;
    for (let j = 0; j < n; j++) {
      const i = active[j];
      if (isAlive[i]) cells[((district[i] * classes + kind[i]) * 2 + origin[i]) * 2 + (flags[i] !== 0 ? 1 : 0)]++;
    }
  }

  /** Actors of class cls counted in district k this week (until flush). */
  ofClass(k: number, cls: number): number {
    const at = (k * this.classes + cls) * 4;
    return this.cells[at] + this.cells[at + 1] + this.cells[at + 2] + this.cells[at + 3];
  }

  /** Actors of an origin counted in district k this week (until flush). */
  ofOrigin(k: number, origin: number): number {
    let n = 0;
    for (let cls = 0; cls < this.classes; cls++) {
      const at = ((k * this.classes + cls) * 2 + origin) * 2;
      n += this.cells[at] + this.cells[at + 1];
    }
    return n;
  }

  /** Writes this week's counts to the recorder, and adds the kind's share of police workload and news. */
  flush(ctx: Context): void {
    const { visibility, bottomOfChain, weight: w } = this.site;
    const { loadNext, bottomLoadNext } = ctx.enforcement;
    const active = ctx.signal.activeThisTick;
    const K = ctx.world.size;
    for (let k = 0; k < K; k++) {
      const mk = this.site.market * K + k;
      let be = 0;
      let nl = 0;
      let linked = 0;
      for (let cls = 0; cls < this.classes; cls++) {
        const at = (k * this.classes + cls) * 4;
        const beHere = this.cells[at + BE * 2] + this.cells[at + BE * 2 + 1];
        const nlHere = this.cells[at + NL * 2] + this.cells[at + NL * 2 + 1];
        const n = beHere + nlHere;
        if (n === 0) continue;
        be += beHere;
        nl += nlHere;
        // Dutch actors count as linked whatever their flags.
        linked += this.cells[at + BE * 2 + 1] + nlHere;
        loadNext[mk] += visibility[cls] * w * n;
        bottomLoadNext[mk] += bottomOfChain[cls] * w * n;
      }
      active[mk] += (be + nl) * w;
      if (this.site.config.spreadsKnowhow) ctx.knowhow.dutchSites[mk] += nl * w;
      ctx.recorder.stock(this.idActive[k], (be + nl) * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + BE], be * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + NL], nl * w);
      ctx.recorder.stock(this.idLink[k], linked * w);
    }
    this.cells.fill(0);
  }
}

import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import { TALLIES, TALLY_ALIVE, TALLY_DUTCH_ORGANISER, TALLY_NO_LINK, TALLY_SUPPLY_FROM_NL } from './population';
import type { Site } from './site';

// The week's tally of a kind's active agents: the active-site stock per district (and per origin),
// the sites with a Dutch link, those run by a Dutch actor or organisation, and (producers) those
// whose supplies came from NL and the Belgians' know-how where they are; each agent's share of next
// week's police workload and of the denominator of the public news, and for producers the Dutch
// sites that spread know-how. The population's standing tally of its alive agents per group
// (district × class × origin, and their links), less those raided this week that carry on, summed per
// district and class, becomes those figures once a week, in `flush`.

export class SiteCounts {
  /** recorder ids per district (by origin: k * 2 + origin) */
  private readonly idActive: Int32Array;
  private readonly idActiveByOrigin: Int32Array;
  private readonly idLink: Int32Array;
  /** producers that buy supplies each cycle only (config.suppliesRecordedIn): Dutch-run sites in BE, and sites supplied from NL in that country */
  private readonly idDutchRun: Int32Array | null;
  private readonly idSupplied: Int32Array | null;
  /** producers whose Dutch actors spread know-how only (config.spreadsKnowhow); Belgian districts only */
  private readonly idKnowhow: Int32Array | null;
  private readonly classes: number;
  /** this week's active agents, laid out as the population's tallies (Population.countInto) */
  private readonly tallies: Int32Array;
  /** this week's active agents per district × class (k * classes + cls), and those of them that are Dutch-run */
  private readonly perClass: Int32Array;
  private readonly dutchRunPerClass: Int32Array;
  /** this week's active agents per district: Belgian, Dutch, with a Dutch link, Dutch-run, supplied from NL */
  private readonly belgian: Int32Array;
  private readonly dutch: Int32Array;
  private readonly linked: Int32Array;
  private readonly dutchRun: Int32Array;
  private readonly supplied: Int32Array;

  constructor(private readonly site: Site, ctx: Context) {
    const { market, echelon } = site.config;
    const r = ctx.recorder;
    const K = ctx.world.size;
    this.classes = site.config.classes.length;
    this.idActive = r.table(market, echelon, 'active_sites');
    this.idActiveByOrigin = r.table(market, echelon, 'active_sites', { by: 'origin', labels: COUNTRIES }, site.config.possibleOrigin);
    this.idLink = r.table(market, echelon, 'dutch_link_sites');
    // Other kinds have no Dutch link but the organiser's: their dutch_link_sites are the Dutch-run sites.
    const supplies = site.config.suppliesRecordedIn;
    const inBE = (k: number) => ctx.world.country[k] === BE;
    this.idDutchRun = supplies === undefined ? null : r.table(market, echelon, 'dutch_run_sites', undefined, inBE);
    this.idSupplied = supplies === undefined ? null : r.table(market, echelon, 'supplied_from_nl_sites', undefined, (k) => ctx.world.country[k] === supplies);
    // Know-how is the Belgians' (Dutch actors have it), and Belgians start at home: Belgian districts only.
    this.idKnowhow = site.config.spreadsKnowhow ? r.table(market, echelon, 'knowhow', undefined, (k) => ctx.world.country[k] === BE) : null;
    this.tallies = new Int32Array(K * this.classes * 2 * TALLIES);
    this.perClass = new Int32Array(K * this.classes);
    this.dutchRunPerClass = new Int32Array(K * this.classes);
    this.belgian = new Int32Array(K);
    this.dutch = new Int32Array(K);
    this.linked = new Int32Array(K);
    this.dutchRun = new Int32Array(K);
    this.supplied = new Int32Array(K);
  }

  /**
   * Counts this week's active actors: every alive actor (the population's tally) but the slots
   * `sidelined[0 … n)` that are still alive (raided this week, they carry on from next week).
   */
  countOperating(sidelined: Int32Array, n: number): void {
    const pop = this.site.pop;
    const tallies = this.tallies;
    tallies.set(pop.tallies);
    for (let j = 0; j < n; j++) {
      const i = sidelined[j];
      if (pop.isAlive[i]) pop.countInto(tallies, i, -1);
    }
    this.sumTallies();
  }

  /** The week's figures per district and class from the tallies. */
  private sumTallies(): void {
    const t = this.tallies;
    const C = this.classes;
    for (let k = 0; k < this.belgian.length; k++) {
      let be = 0;
      let nl = 0;
      let linked = 0;
      let dutchRun = 0;
      let supplied = 0;
      for (let cls = 0; cls < C; cls++) {
        const group = (k * C + cls) * 2;
        const atBE = (group + BE) * TALLIES;
        const atNL = (group + NL) * TALLIES;
        const beHere = t[atBE + TALLY_ALIVE];
        const nlHere = t[atNL + TALLY_ALIVE];
        const beDutchOrganised = t[atBE + TALLY_DUTCH_ORGANISER];
        supplied += t[atBE + TALLY_SUPPLY_FROM_NL] + t[atNL + TALLY_SUPPLY_FROM_NL];
        // Dutch actors count as linked and Dutch-run whatever their flags; Belgian ones by their flags.
        linked += beHere - t[atBE + TALLY_NO_LINK] + nlHere;
        dutchRun += beDutchOrganised + nlHere;
        this.perClass[k * C + cls] = beHere + nlHere;
        this.dutchRunPerClass[k * C + cls] = beDutchOrganised + nlHere;
        be += beHere;
        nl += nlHere;
      }
      this.belgian[k] = be;
      this.dutch[k] = nl;
      this.linked[k] = linked;
      this.dutchRun[k] = dutchRun;
      this.supplied[k] = supplied;
    }
  }

  /** Actors of class cls counted in district k this week. */
  ofClass(k: number, cls: number): number {
    return this.perClass[k * this.classes + cls];
  }

  /** Actors of class cls counted in district k this week that are Dutch-run: a Dutch actor, or one in a Dutch organisation. */
  dutchRunOfClass(k: number, cls: number): number {
    return this.dutchRunPerClass[k * this.classes + cls];
  }

  /** Writes this week's counts to the recorder, and adds the kind's share of police workload and news. */
  flush(ctx: Context): void {
    const { visibility, bottomOfChain, weight: w, newsOffset } = this.site;
    const { loadNext, bottomLoadNext } = ctx.enforcement;
    const active = ctx.signal.activeThisTick;
    const K = ctx.world.size;
    const C = this.classes;
    for (let k = 0; k < K; k++) {
      const mk = this.site.market * K + k;
      for (let cls = 0; cls < C; cls++) {
        const n = this.perClass[k * C + cls];
        if (n === 0) continue;
        active[newsOffset[cls] + k] += w * n;
        loadNext[mk] += visibility[cls] * w * n;
        bottomLoadNext[mk] += bottomOfChain[cls] * w * n;
      }
      const be = this.belgian[k];
      const nl = this.dutch[k];
      active[mk] += (be + nl) * w;
      if (this.site.config.spreadsKnowhow) ctx.knowhow.dutchSites[mk] += nl * w;
      ctx.recorder.stock(this.idActive[k], (be + nl) * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + BE], be * w);
      ctx.recorder.stock(this.idActiveByOrigin[k * 2 + NL], nl * w);
      ctx.recorder.stock(this.idLink[k], this.linked[k] * w);
      // (only where the table has the district: the study asks about Belgian sites, and supplies in one country)
      if (this.idDutchRun && ctx.world.country[k] === BE) ctx.recorder.stock(this.idDutchRun[k], this.dutchRun[k] * w);
      if (this.idSupplied && ctx.world.country[k] === this.site.config.suppliesRecordedIn) ctx.recorder.stock(this.idSupplied[k], this.supplied[k] * w);
      if (this.idKnowhow && ctx.world.country[k] === BE) ctx.recorder.stock(this.idKnowhow[k], ctx.knowhow.level[mk]);
    }
  }
}

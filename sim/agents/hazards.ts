import { chanceOfRate, detectionRate } from '../behaviour/risk';
import type { ParameterReader } from '../params/read';
import type { Context } from './context';
import { CHECK_BOUND } from './draws';
import type { Site } from './site';

// This week's chance that police find an actor of a kind: the same for every actor of a district and
// class (and cross-border link), so worked out once a week, on first use, rather than once per actor.

export class SiteHazards {
  /** how much the actor's precautions lower the chance police find it (0 none, 1 invisible) */
  private readonly care: number;
  readonly classes: number;
  /** per cell (see `anyRaidFor`): this week's chance of a regular raid, and of any raid (regular, or else a short blow) */
  readonly regular: Float64Array;
  readonly anyRaid: Float64Array;
  /** this week's largest `anyRaid` */
  maxAnyRaid = 0;
  /** per district × class (k * classes + cls): 1 when this week's `anyRaid` is at most CHECK_BOUND with and without a link across the border */
  readonly withinBound: Uint8Array;
  private tick = -1;
  /**
   * per district: the rates its cells were last worked out from (enforcement's short blows and
   * regular raids per visibility), and the largest `anyRaid` among them. Police effort per site
   * stays as it was from one week to the next in about two districts in five (no change in its
   * workload or effort): their cells stay as they were.
   */
  private readonly shortBlowRateWas: Float64Array;
  private readonly ratePerVisibilityWas: Float64Array;
  private readonly districtMax: Float64Array;
  /** the cross-border boost the cells were last worked out with */
  private crossBorderWas = NaN;

  constructor(private readonly site: Site, ctx: Context, p: ParameterReader) {
    const K = ctx.world.size;
    this.classes = site.config.classes.length;
    this.care = p.num(`${site.config.prefix}.care`);
    this.regular = new Float64Array(K * this.classes * 2);
    this.anyRaid = new Float64Array(K * this.classes * 2);
    this.withinBound = new Uint8Array(K * this.classes);
    this.shortBlowRateWas = new Float64Array(K).fill(NaN);
    this.ratePerVisibilityWas = new Float64Array(K).fill(NaN);
    this.districtMax = new Float64Array(K);
  }

  /** This week's `anyRaid`, by cell (k * classes + cls) * 2 + cross-border link (0/1); `regular` is then this week's too. */
  anyRaidFor(ctx: Context): Float64Array {
    if (this.tick !== ctx.tick) this.update(ctx);
    return this.anyRaid;
  }

  private update(ctx: Context): void {
    const { enforcement, levers } = ctx;
    const { visibility, bottomOfChain } = this.site;
    const { regular, anyRaid, withinBound, care } = this;
    const lever = this.site.config.detectionLever;
    const K = ctx.world.size;
    const C = this.classes;
    const crossBorder = levers.crossBorderCooperation * enforcement.crossBorderBoost;
    // (a detection lever may change in any week: a kind with one works out every cell)
    const again = lever !== undefined || crossBorder !== this.crossBorderWas;
    this.crossBorderWas = crossBorder;
    let max = 0;
    for (let k = 0; k < K; k++) {
      const mk = this.site.market * K + k;
      const shortBlowRate = enforcement.shortBlowRate[mk];
      const ratePerVisibility = enforcement.ratePerVisibility[mk];
      if (!again && shortBlowRate === this.shortBlowRateWas[k] && ratePerVisibility === this.ratePerVisibilityWas[k]) {
        if (this.districtMax[k] > max) max = this.districtMax[k];
        continue;
      }
      this.shortBlowRateWas[k] = shortBlowRate;
      this.ratePerVisibilityWas[k] = ratePerVisibility;
      let districtMax = 0;
      for (let cls = 0; cls < C; cls++) {
        const quick = chanceOfRate(detectionRate(shortBlowRate, bottomOfChain[cls], 0));
        let within = 1;
        for (let link = 0; link < 2; link++) {
          const at = (k * C + cls) * 2 + link;
          const boost = (1 + crossBorder * link) * (lever ? lever(levers, cls, k) : 1);
          // Short blows and regular police work are independent ways of being found.
          const p = chanceOfRate(detectionRate(ratePerVisibility * boost, visibility[cls], care));
          const any = p + quick - p * quick;
          regular[at] = p;
          anyRaid[at] = any;
          if (any > districtMax) districtMax = any;
          if (any > CHECK_BOUND) within = 0;
        }
        withinBound[k * C + cls] = within;
      }
      this.districtMax[k] = districtMax;
      if (districtMax > max) max = districtMax;
    }
    this.maxAnyRaid = max;
    this.tick = ctx.tick;
  }
}

import { detectionRate } from '../behaviour/risk';
import type { ParameterReader } from '../params/read';
import type { Context } from './context';
import type { Site } from './site';

// This week's chance that police find an actor of a kind: the same for every actor of a district and
// class (and cross-border link), so worked out once a week, on first use, rather than once per actor.

export class SiteHazards {
  /** how much the actor's precautions lower the chance police find it (0 none, 1 invisible) */
  private readonly care: number;
  readonly classes: number;
  /**
   * Per cell (see `raidHazardFor`): this week's hazard of any raid, which runs down the actors' raid
   * clocks, and of a regular raid. A short blow and a regular raid are independent ways of being
   * found, so their hazards add: the chance of any raid is 1 − e^−(regular + quick).
   */
  readonly raidHazard: Float64Array;
  readonly regularHazard: Float64Array;
  private tick = -1;

  constructor(private readonly site: Site, ctx: Context, p: ParameterReader) {
    const K = ctx.world.size;
    this.classes = site.config.classes.length;
    this.care = p.num(`${site.config.prefix}.care`);
    this.raidHazard = new Float64Array(K * this.classes * 2);
    this.regularHazard = new Float64Array(K * this.classes * 2);
  }

  /** This week's `raidHazard`, by cell (k * classes + cls) * 2 + cross-border link (0/1); `regularHazard` is then this week's too. */
  raidHazardFor(ctx: Context): Float64Array {
    if (this.tick !== ctx.tick) this.update(ctx);
    return this.raidHazard;
  }

  private update(ctx: Context): void {
    const { enforcement, levers } = ctx;
    const { visibility, bottomOfChain } = this.site;
    const K = ctx.world.size;
    const C = this.classes;
    for (let k = 0; k < K; k++) {
      const mk = this.site.market * K + k;
      for (let cls = 0; cls < C; cls++) {
        const quick = detectionRate(enforcement.shortBlowRate[mk], bottomOfChain[cls], 0);
        for (let link = 0; link < 2; link++) {
          const at = (k * C + cls) * 2 + link;
          const boost = 1 + levers.crossBorderCooperation * enforcement.crossBorderBoost * link;
          const regular = detectionRate(enforcement.ratePerVisibility[mk] * boost, visibility[cls], this.care);
          this.regularHazard[at] = regular;
          this.raidHazard[at] = regular + quick;
        }
      }
    }
    this.tick = ctx.tick;
  }

  /** Whether a raid in `cell` this week is a regular one (else a short blow), given that one came. */
  regularChance(cell: number): number {
    const any = this.raidHazard[cell];
    return any > 0 ? Math.expm1(-this.regularHazard[cell]) / Math.expm1(-any) : 0;
  }
}

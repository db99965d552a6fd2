import { detectionHazard } from '../behaviour/risk';
import type { ParameterReader } from '../params/read';
import type { Context } from './context';
import type { Site } from './site';

// This week's chance that police find an actor of a kind: the same for every actor of a district and
// class (and cross-border link), so worked out once a week, on first use, rather than once per actor.

export class SiteHazards {
  /** how much the actor's precautions lower the chance police find it (0 none, 1 invisible) */
  private readonly care: number;
  private readonly classes: number;
  /** regular detection at (k * classes + cls) * 2 + link; short blows at k * classes + cls */
  private readonly regular: Float64Array;
  private readonly quick: Float64Array;
  private tick = -1;

  constructor(private readonly site: Site, ctx: Context, p: ParameterReader) {
    const K = ctx.world.size;
    this.classes = site.config.classes.length;
    this.care = p.num(`${site.config.prefix}.care`);
    this.regular = new Float64Array(K * this.classes * 2);
    this.quick = new Float64Array(K * this.classes);
  }

  /** Weekly chance of a regular raid in district k for class cls; `link` 1 for an actor with a cross-border link. */
  regularAt(ctx: Context, k: number, cls: number, link: number): number {
    if (this.tick !== ctx.tick) this.update(ctx);
    return this.regular[(k * this.classes + cls) * 2 + link];
  }

  /** Weekly chance of a short blow in district k for class cls. */
  quickAt(ctx: Context, k: number, cls: number): number {
    if (this.tick !== ctx.tick) this.update(ctx);
    return this.quick[k * this.classes + cls];
  }

  private update(ctx: Context): void {
    const { enforcement, levers } = ctx;
    const { visibility, bottomOfChain } = this.site;
    const K = ctx.world.size;
    const C = this.classes;
    for (let k = 0; k < K; k++) {
      const mk = this.site.market * K + k;
      for (let cls = 0; cls < C; cls++) {
        const cell = k * C + cls;
        for (let link = 0; link < 2; link++) {
          const boost = 1 + levers.crossBorderCooperation * enforcement.crossBorderBoost * link;
          this.regular[cell * 2 + link] = detectionHazard(enforcement.ratePerVisibility[mk] * boost, visibility[cls], this.care);
        }
        this.quick[cell] = detectionHazard(enforcement.shortBlowRate[mk], bottomOfChain[cls], 0);
      }
    }
    this.tick = ctx.tick;
  }
}

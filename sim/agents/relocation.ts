import { LocationChooser, type LocationTerms } from '../behaviour/location';
import { MARKET_ECHELONS } from '../core/types';
import type { ParameterReader } from '../params/read';
import { BE, COUNTRIES, NL } from '../world/world';
import type { Context } from './context';
import { DRAW } from './draws';
import type { Site } from './site';

// Where a kind's actors go: a newcomer settles, and an actor that reconsiders (after a harvest, a
// batch, a raid) may move, by the location choice of sim/behaviour/location.ts. Moves are recorded
// per district and as district-to-district flows.

export class Relocation {
  readonly terms: LocationTerms;
  private readonly chooser: LocationChooser;
  /** index of the kind's market × echelon in MARKET_ECHELONS, for relocation flows */
  private readonly flowRow: number;
  private readonly idRelocIn: Int32Array;
  private readonly idRelocOut: Int32Array;

  constructor(private readonly site: Site, ctx: Context, p: ParameterReader) {
    const { market, echelon, prefix: pre, attractiveness, places } = site.config;
    const K = ctx.world.size;
    const attract = new Float64Array(COUNTRIES.length * K);
    const sizeWeight = p.num('location.sizeWeight');
    // Both origins weigh a district's own draw alike; they differ in distance from home and the foreign penalty.
    for (let k = 0; k < K; k++) {
      const draw = (attractiveness ? attractiveness[k] : 0) + (places ? sizeWeight * Math.log(places[k]) : 0);
      for (const origin of [BE, NL]) attract[origin * K + k] = draw;
    }
    this.terms = {
      attract,
      riskWeight: p.num(`${pre}.location.riskWeight`),
      kmWeightPer100: p.num(`${pre}.location.kmWeightPer100`),
      foreignPenalty: p.num(`${pre}.location.foreignPenalty`),
      stayBonus: p.num(`${pre}.location.stayBonus`),
    };
    this.chooser = new LocationChooser(this.terms, ctx.world);
    this.flowRow = MARKET_ECHELONS.findIndex((r) => r.market === market && r.echelon === echelon);
    if (this.flowRow < 0) throw new Error(`actor kind ${site.config.name}: ${market}/${echelon} has no row in MARKET_ECHELONS (sim/core/types.ts) for its relocation flows`);
    // A kind whose classes all stay where their customers are never moves.
    const moves = () => site.config.classes.some((c) => !site.config.localClasses?.includes(c));
    this.idRelocIn = ctx.recorder.table(market, echelon, 'relocations_in', undefined, moves);
    this.idRelocOut = ctx.recorder.table(market, echelon, 'relocations_out', undefined, moves);
  }

  /** Picks a district by the location choice and moves there if it differs. */
  relocate(ctx: Context, i: number): void {
    const pop = this.site.pop;
    const from = pop.district[i];
    const to = this.choose(ctx, i, DRAW.move);
    if (to === from) return;
    pop.moveTo(i, to);
    const w = this.site.weight;
    ctx.recorder.flow(this.idRelocOut[from], w);
    ctx.recorder.flow(this.idRelocIn[to], w);
    ctx.recorder.relocation(this.flowRow, from, to, w);
  }

  /** Where a newcomer settles: the location choice from its organisation's view. */
  settle(ctx: Context, i: number): number {
    return this.choose(ctx, i, DRAW.settle);
  }

  private choose(ctx: Context, i: number, purpose: number): number {
    const site = this.site;
    const cls = site.pop.kind[i];
    return this.chooser.choose(site.pop, site.orgs, i, site.stake[cls], site.view(cls), site.choiceDraw(ctx, site.pop.drawKey[i], purpose));
  }
}

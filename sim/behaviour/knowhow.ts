import { neighbours } from '../world/queries';
import type { World } from '../world/world';

// Know-how (growing, cooking) of Belgian actors per district and market, from 0 to 1. It spreads
// from Dutch actors working nearby (contact), and from grow shops and online sources everywhere
// (a base rate); where it arrives, the entry barrier for Belgians falls. Dutch actors have it.

export class Knowhow {
  /** level per market × district for Belgian-origin actors */
  readonly level: Float64Array;
  /** Dutch-origin active sites this tick (real-world units), per market × district */
  readonly dutchSites: Float64Array;
  private readonly neighbours: number[][];

  constructor(
    private readonly world: World,
    markets: number,
    initial: number,
    /** weekly uptake per unit of exposure */
    private readonly contactRate: number,
    /** weekly uptake from grow shops and online sources */
    private readonly baseRate: number,
    /** Dutch sites (real units) nearby at which exposure is half its maximum */
    private readonly halfExposureSites: number,
    /** weight of sites in neighbouring districts */
    private readonly neighbourWeight: number,
  ) {
    this.level = new Float64Array(markets * world.size).fill(initial);
    this.dutchSites = new Float64Array(markets * world.size);
    this.neighbours = neighbours(world);
  }

  /** `baseMultiplier` per market lets policies on grow shops slow the base channel. */
  update(market: number, baseMultiplier: number): void {
    const K = this.world.size;
    const off = market * K;
    for (let k = 0; k < K; k++) {
      let near = this.dutchSites[off + k];
      for (const j of this.neighbours[k]) near += this.neighbourWeight * this.dutchSites[off + j];
      const exposure = near / (near + this.halfExposureSites);
      const l = this.level[off + k];
      this.level[off + k] = l + (this.contactRate * exposure + this.baseRate * baseMultiplier) * (1 - l);
    }
    this.dutchSites.fill(0, off, off + K);
  }
}

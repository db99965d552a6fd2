import { COUNTRIES } from '../world/world';
import { pow } from '../core/math';

// Wholesale prices per market and country: each country's index rises when recent supply sold there
// falls short of the demand bought there and falls when supply exceeds it (constant elasticity,
// bounded). Trade links the two: growers sell where the price net of crossing the border is best, and
// when the two prices drift further apart than the cost of taking drugs across the border (transport
// and risk), traders buy where it is cheap and sell where it is dear until the gap is that cost: both
// prices then follow the two markets' joint supply and demand, the short market's price that cost
// above the other's. So a country's shortage raises its price, and its entry (where profits are seen,
// new actors appear), only as far as the border lets it.

/** index into MarketPrices' arrays: market m in country c */
export function priceCell(m: number, c: number): number {
  return m * COUNTRIES.length + c;
}

export class MarketPrices {
  /** price index per market × country (priceCell), 1 = the reference price */
  readonly index: Float64Array;
  readonly supplyThisTick: Float64Array;
  readonly demandThisTick: Float64Array;
  private readonly supplySmoothed: Float64Array;
  private readonly demandSmoothed: Float64Array;

  constructor(
    markets: number,
    private readonly elasticity: number,
    private readonly smoothing: number,
    private readonly bounds: [number, number],
    /** the cost of crossing the border, as the largest log difference between the two countries' indices */
    private readonly tradeCost: number,
  ) {
    const cells = markets * COUNTRIES.length;
    this.index = new Float64Array(cells).fill(1);
    this.supplyThisTick = new Float64Array(cells);
    this.demandThisTick = new Float64Array(cells);
    this.supplySmoothed = new Float64Array(cells);
    this.demandSmoothed = new Float64Array(cells);
  }

  update(): void {
    const n = this.index.length;
    for (let c = 0; c < n; c++) {
      const s = this.supplyThisTick[c];
      const d = this.demandThisTick[c];
      if (this.demandSmoothed[c] === 0) {
        // first week with demand: start at the reference price
        this.supplySmoothed[c] = d;
        this.demandSmoothed[c] = d;
      } else {
        this.supplySmoothed[c] += this.smoothing * (s - this.supplySmoothed[c]);
        this.demandSmoothed[c] += this.smoothing * (d - this.demandSmoothed[c]);
      }
      this.index[c] = this.priceOf(this.demandSmoothed[c], this.supplySmoothed[c]);
    }
    for (let m = 0; m < n; m += COUNTRIES.length) this.trade(m, m + 1);
    this.supplyThisTick.fill(0);
    this.demandThisTick.fill(0);
  }

  /** Recent demand bought from a market's wholesalers (kg a week, smoothed as the price reads it). */
  demand(cell: number): number {
    return this.demandSmoothed[cell];
  }

  /** The index of a market with demand d and supply s. */
  private priceOf(d: number, s: number): number {
    const ratio = s > 0 ? d / s : this.bounds[1];
    const p = ratio > 0 ? pow(ratio, this.elasticity) : this.bounds[0];
    return Math.min(this.bounds[1], Math.max(this.bounds[0], p));
  }

  /**
   * Arbitrage between cells a and b (one market, two countries): a gap larger than the cost of
   * crossing closes to that cost, around the price of the two markets taken together, each side
   * moving in proportion to the other's size (the smaller market follows the larger).
   */
  private trade(a: number, b: number): void {
    const gap = Math.log(this.index[a] / this.index[b]);
    if (Math.abs(gap) <= this.tradeCost) return;
    const da = this.demandSmoothed[a];
    const db = this.demandSmoothed[b];
    if (da + db === 0) return;
    const joint = Math.log(this.priceOf(da + db, this.supplySmoothed[a] + this.supplySmoothed[b]));
    const half = Math.sign(gap) * this.tradeCost;
    const [lo, hi] = this.bounds;
    this.index[a] = Math.min(hi, Math.max(lo, Math.exp(joint + (half * db) / (da + db))));
    this.index[b] = Math.min(hi, Math.max(lo, Math.exp(joint - (half * da) / (da + db))));
  }
}

// Wholesale prices per market: an index that rises when recent supply falls short of demand and
// falls when supply exceeds it (constant elasticity, bounded). Entry follows the price: where
// profits are seen, new actors appear.

export class MarketPrices {
  /** price index per market, 1 = the reference price */
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
  ) {
    this.index = new Float64Array(markets).fill(1);
    this.supplyThisTick = new Float64Array(markets);
    this.demandThisTick = new Float64Array(markets);
    this.supplySmoothed = new Float64Array(markets);
    this.demandSmoothed = new Float64Array(markets);
  }

  update(): void {
    for (let m = 0; m < this.index.length; m++) {
      const s = this.supplyThisTick[m];
      const d = this.demandThisTick[m];
      if (this.demandSmoothed[m] === 0) {
        // first week: start at the reference price
        this.supplySmoothed[m] = d;
        this.demandSmoothed[m] = d;
      } else {
        this.supplySmoothed[m] += this.smoothing * (s - this.supplySmoothed[m]);
        this.demandSmoothed[m] += this.smoothing * (d - this.demandSmoothed[m]);
      }
      const ratio = this.supplySmoothed[m] > 0 ? this.demandSmoothed[m] / this.supplySmoothed[m] : this.bounds[1];
      const p = ratio > 0 ? Math.pow(ratio, this.elasticity) : this.bounds[0];
      this.index[m] = Math.min(this.bounds[1], Math.max(this.bounds[0], p));
    }
    this.supplyThisTick.fill(0);
    this.demandThisTick.fill(0);
  }
}

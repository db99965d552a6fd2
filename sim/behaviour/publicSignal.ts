import { MARKETS } from '../core/types';

// What every actor learns from the news: the share of a market's sites in a district that police
// dismantled, as a yearly rate, smoothed and known only after a lag. It is built from observed
// dismantlings, so it can mislead where police effort, not activity, changed.

const M = MARKETS.length;

export class PublicSignal {
  /** perceived yearly raid probability from the news, per market × district (lagged) */
  readonly perceived: Float64Array;
  readonly dismantledThisTick: Float64Array;
  readonly activeThisTick: Float64Array;
  private readonly smoothed: Float64Array;
  private readonly history: Float64Array[];
  private cursor = 0;

  constructor(
    districts: number,
    private readonly lagWeeks: number,
    /** weight of this week's news in the running average */
    private readonly smoothing: number,
    initialRate: number,
  ) {
    const n = M * districts;
    this.perceived = new Float64Array(n).fill(initialRate);
    this.dismantledThisTick = new Float64Array(n);
    this.activeThisTick = new Float64Array(n);
    this.smoothed = new Float64Array(n).fill(initialRate);
    this.history = Array.from({ length: Math.max(1, lagWeeks) }, () => new Float64Array(n).fill(initialRate));
  }

  /** End of a tick: fold this week's raids into the average and release the lagged value. */
  update(): void {
    const a = this.smoothing;
    for (let i = 0; i < this.smoothed.length; i++) {
      const active = this.activeThisTick[i];
      if (active > 0) {
        const yearlyRate = Math.min(1, (52 * this.dismantledThisTick[i]) / active);
        this.smoothed[i] += a * (yearlyRate - this.smoothed[i]);
      }
    }
    if (this.lagWeeks <= 0) {
      this.perceived.set(this.smoothed);
    } else {
      this.perceived.set(this.history[this.cursor]);
      this.history[this.cursor].set(this.smoothed);
      this.cursor = (this.cursor + 1) % this.history.length;
    }
    this.dismantledThisTick.fill(0);
    this.activeThisTick.fill(0);
  }
}

import { MARKETS } from '../core/types';

// What actors learn from the news: the share of sites in a district that police dismantled, as a
// yearly rate, smoothed and known only after a lag. It is built from observed dismantlings, so it can
// mislead where police effort, not activity, changed. The news comes by topic: one per market (what a
// buyer or a dealing organisation hears of the market as a whole), and one per kind and class of actor
// (what an actor hears of operations like its own: a mail vendor reads of parcels traced back to
// senders, not of dismantled labs).

const M = MARKETS.length;
/** room for the kinds' topics: a model has about fifteen kinds × classes */
const MAX_TOPICS = 64;

export class PublicSignal {
  /** perceived yearly raid probability from the news, per topic × district (lagged); topics 0 … M−1 are the markets */
  readonly perceived: Float64Array;
  readonly dismantledThisTick: Float64Array;
  readonly activeThisTick: Float64Array;
  private readonly smoothed: Float64Array;
  private readonly history: Float64Array[];
  private cursor = 0;
  private topics: number = M;

  constructor(
    private readonly districts: number,
    private readonly lagWeeks: number,
    /** weight of this week's news in the running average */
    private readonly smoothing: number,
    initialRate: number,
  ) {
    const n = MAX_TOPICS * districts;
    this.perceived = new Float64Array(n).fill(initialRate);
    this.dismantledThisTick = new Float64Array(n);
    this.activeThisTick = new Float64Array(n);
    this.smoothed = new Float64Array(n).fill(initialRate);
    this.history = Array.from({ length: Math.max(1, lagWeeks) }, () => new Float64Array(n).fill(initialRate));
  }

  /** The offset of market m's news in the topic × district arrays. */
  marketOffset(m: number): number {
    return m * this.districts;
  }

  /** A new topic (one kind and class of actor): its offset in the topic × district arrays. */
  addTopic(): number {
    if (this.topics === MAX_TOPICS) throw new Error(`PublicSignal: more than ${MAX_TOPICS} news topics; raise MAX_TOPICS in sim/behaviour/publicSignal.ts`);
    return this.topics++ * this.districts;
  }

  /** End of a tick: fold this week's raids into the average and release the lagged value. */
  update(): void {
    const a = this.smoothing;
    const n = this.topics * this.districts;
    for (let i = 0; i < n; i++) {
      const active = this.activeThisTick[i];
      if (active > 0) {
        const yearlyRate = Math.min(1, (52 * this.dismantledThisTick[i]) / active);
        this.smoothed[i] += a * (yearlyRate - this.smoothed[i]);
      }
    }
    if (this.lagWeeks <= 0) {
      this.perceived.set(this.smoothed.subarray(0, n));
    } else {
      this.perceived.set(this.history[this.cursor].subarray(0, n));
      this.history[this.cursor].set(this.smoothed.subarray(0, n));
      this.cursor = (this.cursor + 1) % this.history.length;
    }
    this.dismantledThisTick.fill(0, 0, n);
    this.activeThisTick.fill(0, 0, n);
  }
}

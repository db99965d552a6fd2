// Whom a newcomer knows: it is recruited by a contact among a kind's actors (and joins the contact's
// organisation). The contact is found by consistent hashing: every actor has a rank in [0, 1), drawn
// when it starts; a newcomer draws a point in [0, 1) and its contact is the actor ranked next at or
// after that point (round the circle). Which actor that is changes only when an actor ranked between
// the point and the contact starts or leaves, so one actor more or less somewhere else leaves almost
// every recruitment as it was: what keeps two runs of a counterfactual (sim/core/keyed.ts) from
// drifting apart through who recruits whom. Picking a slot at random instead would change with every
// exit anywhere, as slots are reused.
//
// An actor's chance of being the contact is the gap before its rank, so some actors recruit more than
// others (gaps are spread as in a Poisson process: a few actors recruit two or three times the mean).
// Ranks are kept in buckets of the circle, so finding is a scan of a bucket; each actor's place in
// its bucket is kept too, so removing is a swap with the bucket's last.
// A kind keeps one book per district and origin (Population.contactsAt): newcomers are recruited by
// people near them, most often of their own origin (Turnover.enter).

const BUCKETS = 32;

/** Where the actors' ranks and places in their buckets are kept (Population): one array each for all the books of a kind. */
export interface Ranks {
  contactRank: Float64Array;
  contactPlace: Int32Array;
}

export class ContactBook {
  private readonly buckets: number[][] = Array.from({ length: BUCKETS }, () => []);
  /** actors in the book */
  size = 0;

  constructor(private readonly ranks: Ranks) {}

  /** Adds the actor in `slot`, at its rank (ranks.contactRank[slot], set before). */
  add(slot: number): void {
    const bucket = this.buckets[Math.floor(this.ranks.contactRank[slot] * BUCKETS)];
    this.ranks.contactPlace[slot] = bucket.length;
    bucket.push(slot);
    this.size++;
  }

  /** Removes the actor in `slot` (in the book): the bucket's last actor takes its place. */
  remove(slot: number): void {
    const bucket = this.buckets[Math.floor(this.ranks.contactRank[slot] * BUCKETS)];
    const last = bucket.pop()!;
    if (last !== slot) {
      const at = this.ranks.contactPlace[slot];
      bucket[at] = last;
      this.ranks.contactPlace[last] = at;
    }
    this.size--;
  }

  /** The slot of the actor ranked next at or after `point` (round the circle), or -1 when there is none. */
  next(point: number): number {
    const rank = this.ranks.contactRank;
    const first = Math.floor(point * BUCKETS);
    for (let step = 0; step <= BUCKETS; step++) {
      const bucket = this.buckets[(first + step) % BUCKETS];
      let best = -1;
      let bestRank = Infinity;
      for (const slot of bucket) {
        const r = rank[slot];
        // In the point's own bucket only ranks at or after the point count, until we come round to it again.
        if (step === 0 && r < point) continue;
        if (r < bestRank) {
          bestRank = r;
          best = slot;
        }
      }
      if (best >= 0) return best;
    }
    return -1;
  }
}

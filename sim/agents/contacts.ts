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
// its bucket is kept too, so removing is a swap with the bucket's last. A book's buckets are two typed
// arrays (slots and ranks side by side, a stretch per bucket) rather than an array per bucket: a
// newcomer's book is seldom in the cache, and each array followed is a wait for memory.
// A kind keeps one book per district and origin (Population.contactsAt): newcomers are recruited by
// people near them, most often of their own origin (Turnover.enter).

const BUCKETS = 32;

/** Where the actors' ranks and places in their buckets are kept (Population): one array each for all the books of a kind. */
export interface Ranks {
  contactRank: Float64Array;
  contactPlace: Int32Array;
}

export class ContactBook {
  /** room per bucket: bucket b holds its actors at b × room … b × room + count[b] − 1 */
  private room = 4;
  private readonly count = new Int32Array(BUCKETS);
  /** each place's actor (slot) and rank */
  private slots = new Int32Array(BUCKETS * 4);
  private rankAt = new Float64Array(BUCKETS * 4);
  /** actors in the book */
  size = 0;

  constructor(private readonly ranks: Ranks) {}

  /** Adds the actor in `slot`, at its rank (ranks.contactRank[slot], set before), last in its bucket. */
  add(slot: number): void {
    const rank = this.ranks.contactRank[slot];
    const b = Math.floor(rank * BUCKETS);
    if (this.count[b] === this.room) this.widen();
    const place = this.count[b]++;
    this.slots[b * this.room + place] = slot;
    this.rankAt[b * this.room + place] = rank;
    this.ranks.contactPlace[slot] = place;
    this.size++;
  }

  /** Removes the actor in `slot` (in the book): the bucket's last actor takes its place. */
  remove(slot: number): void {
    const b = Math.floor(this.ranks.contactRank[slot] * BUCKETS);
    const last = b * this.room + --this.count[b];
    const at = b * this.room + this.ranks.contactPlace[slot];
    if (at !== last) {
      this.slots[at] = this.slots[last];
      this.rankAt[at] = this.rankAt[last];
      this.ranks.contactPlace[this.slots[at]] = at - b * this.room;
    }
    this.size--;
  }

  /** The slot of the actor ranked next at or after `point` (round the circle), or -1 when there is none. */
  next(point: number): number {
    const { count, rankAt, room } = this;
    const first = Math.floor(point * BUCKETS);
    for (let step = 0; step <= BUCKETS; step++) {
      const b = (first + step) % BUCKETS;
      let best = -1;
      let bestRank = Infinity;
      for (let at = b * room; at < b * room + count[b]; at++) {
        const r = rankAt[at];
        // In the point's own bucket only ranks at or after the point count, until we come round to it again.
        if (step === 0 && r < point) continue;
        if (r < bestRank) {
          bestRank = r;
          best = at;
        }
      }
      if (best >= 0) return this.slots[best];
    }
    return -1;
  }

  /** Twice the room per bucket; each actor keeps its place in its bucket. */
  private widen(): void {
    const room = this.room * 2;
    const slots = new Int32Array(BUCKETS * room);
    const rankAt = new Float64Array(BUCKETS * room);
    for (let b = 0; b < BUCKETS; b++) {
      slots.set(this.slots.subarray(b * this.room, b * this.room + this.count[b]), b * room);
      rankAt.set(this.rankAt.subarray(b * this.room, b * this.room + this.count[b]), b * room);
    }
    this.room = room;
    this.slots = slots;
    this.rankAt = rankAt;
  }
}

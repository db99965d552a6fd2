import { RiskMemory } from '../behaviour/risk';
import { ContactBook } from './contacts';

// One kind of actor as a struct of arrays, indexed by slot. Exits free a slot, entries reuse the
// most recently freed one (a free list), and the arrays double when full, so no per-agent objects
// exist and the tick loop walks plain typed arrays.
//
// The population also keeps a tally of its alive actors per group (district × class × origin): how
// many, and of them how many have each kind of Dutch link the weekly counts report, changed as actors
// enter, leave, move and change class or links, so that the weekly counts (SiteCounts) need no pass
// over the actors. So district, kind and flags are written through moveTo, setKind and setLink,
// never directly.

/** `flags` bits: why an actor counts as having a Dutch link */
export const LINK_DUTCH_ORGANISER = 1;
export const LINK_SUPPLY_FROM_NL = 2;
export const LINK_SOLD_IN_NL = 4;
/**
 * What `tallies` counts per group, at group * TALLIES + TALLY_*: alive actors, and of them those with
 * a Dutch organiser, with supplies from NL, and with no Dutch link at all.
 */
export const TALLY_ALIVE = 0;
export const TALLY_DUTCH_ORGANISER = 1;
export const TALLY_SUPPLY_FROM_NL = 2;
export const TALLY_NO_LINK = 3;
export const TALLIES = 4;

export class Population {
  capacity: number;
  /** slots ever used; alive slots are < highWater */
  highWater = 0;
  alive = 0;
  isAlive: Uint8Array;
  /** the actor's id: from where and when it entered (Site.newId), never reused; it keys the actor's random draws */
  id: Float64Array;
  /** the id's key in the kind's keyed stream (KeyedStream.keyOf), for its draws */
  drawKey: Int32Array;
  district: Uint8Array;
  /** 0 = BE, 1 = NL */
  origin: Uint8Array;
  organisation: Int32Array;
  /** size class, or the seller's channel, or the importer's route: meaning set by the actor kind */
  kind: Uint8Array;
  /** weeks into the current cycle (grow cycle, batch) */
  timer: Int16Array;
  /** bit flags for the Dutch link (LINK_*) */
  flags: Uint8Array;
  /** drugs held, kg */
  stockKg: Float32Array;
  /** the week the actor retires (its time to quit, drawn when it starts) */
  retireTick: Int32Array;
  /** the next week its raid coin falls low enough to be looked at (see Raids.sweep) */
  nextRaidCheck: Int32Array;
  /** the earlier of retireTick and nextRaidCheck: before it, a week with no takedown and low chances leaves the actor alone (Raids.sweep) */
  wakeTick: Int32Array;
  /** own raids, per district */
  risk: RiskMemory;
  /** who recruits newcomers: one book per district and origin, at district * 2 + origin (see ContactBook) */
  readonly contactsAt: ContactBook[];
  /** alive actors per district and origin (district * 2 + origin): the sizes of contactsAt's books side by side, for the weights of a recruitment */
  readonly perPlace: Int32Array;
  /** each actor's place on the contact circle, drawn when it starts */
  contactRank: Float64Array;
  /** each actor's place in its contact book's bucket (see ContactBook) */
  contactPlace: Int32Array;
  /** per group (groupOf): its alive actors and their links, at group * TALLIES + TALLY_* (see countInto) */
  readonly tallies: Int32Array;
  private free: Int32Array;
  private freeCount = 0;

  /** `classes`: how many values `kind` takes */
  constructor(initialCapacity: number, readonly districts: number, readonly riskKeepPerTick: number, readonly classes: number) {
    this.capacity = Math.max(16, initialCapacity);
    this.tallies = new Int32Array(districts * classes * 2 * TALLIES);
    this.isAlive = new Uint8Array(this.capacity);
    this.id = new Float64Array(this.capacity);
    this.drawKey = new Int32Array(this.capacity);
    this.district = new Uint8Array(this.capacity);
    this.origin = new Uint8Array(this.capacity);
    this.organisation = new Int32Array(this.capacity);
    this.kind = new Uint8Array(this.capacity);
    this.timer = new Int16Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.stockKg = new Float32Array(this.capacity);
    this.retireTick = new Int32Array(this.capacity);
    this.nextRaidCheck = new Int32Array(this.capacity);
    this.wakeTick = new Int32Array(this.capacity);
    this.risk = new RiskMemory(this.capacity, districts, 0, riskKeepPerTick);
    this.free = new Int32Array(this.capacity);
    this.contactRank = new Float64Array(this.capacity);
    this.contactPlace = new Int32Array(this.capacity);
    this.contactsAt = Array.from({ length: districts * 2 }, () => new ContactBook(this));
    this.perPlace = new Int32Array(districts * 2);
  }

  /** A new actor; `contactRank` places it in the contact book (a uniform draw of its own). */
  add(id: number, drawKey: number, district: number, origin: number, organisation: number, kind: number, contactRank: number): number {
    if (this.freeCount === 0 && this.highWater === this.capacity) this.grow();
    const i = this.freeCount > 0 ? this.free[--this.freeCount] : this.highWater++;
    this.isAlive[i] = 1;
    this.id[i] = id;
    this.drawKey[i] = drawKey;
    this.district[i] = district;
    this.origin[i] = origin;
    this.organisation[i] = organisation;
    this.kind[i] = kind;
    this.timer[i] = 0;
    this.flags[i] = 0;
    this.stockKg[i] = 0;
    this.retireTick[i] = 0;
    this.nextRaidCheck[i] = 0;
    this.wakeTick[i] = 0;
    this.risk.clear(i);
    this.contactRank[i] = contactRank;
    this.contactsAt[district * 2 + origin].add(i);
    this.perPlace[district * 2 + origin]++;
    this.countInto(this.tallies, i, 1);
    this.alive++;
    return i;
  }

  remove(i: number): void {
    if (!this.isAlive[i]) return;
    this.isAlive[i] = 0;
    // so that the raid sweep's test of a quiet week fails for a free slot, before it looks at isAlive
    this.wakeTick[i] = 0;
    this.contactsAt[this.district[i] * 2 + this.origin[i]].remove(i);
    this.perPlace[this.district[i] * 2 + this.origin[i]]--;
    this.countInto(this.tallies, i, -1);
    this.free[this.freeCount++] = i;
    this.alive--;
  }

  /** Actor i now operates in district k (it keeps its place on the contact circle). */
  moveTo(i: number, k: number): void {
    this.contactsAt[this.district[i] * 2 + this.origin[i]].remove(i);
    this.perPlace[this.district[i] * 2 + this.origin[i]]--;
    this.countInto(this.tallies, i, -1);
    this.district[i] = k;
    this.countInto(this.tallies, i, 1);
    this.contactsAt[k * 2 + this.origin[i]].add(i);
    this.perPlace[k * 2 + this.origin[i]]++;
  }

  /** Actor i is now of class `cls`. */
  setKind(i: number, cls: number): void {
    this.countInto(this.tallies, i, -1);
    this.kind[i] = cls;
    this.countInto(this.tallies, i, 1);
  }

  /** Sets (`on`) or clears the Dutch-link bit `link` (LINK_*) of actor i. */
  setLink(i: number, link: number, on: boolean): void {
    const flags = on ? this.flags[i] | link : this.flags[i] & ~link;
    // (most harvests and purchases set the link as it was: the tally stays)
    if (flags === this.flags[i]) return;
    this.countInto(this.tallies, i, -1);
    this.flags[i] = flags;
    this.countInto(this.tallies, i, 1);
  }

  /** Adds `by` (±1) for actor i, as it is now, to a tally laid out as `tallies`. */
  countInto(tallies: Int32Array, i: number, by: number): void {
    const at = this.groupOf(i) * TALLIES;
    const flags = this.flags[i];
    tallies[at + TALLY_ALIVE] += by;
    if (flags & LINK_DUTCH_ORGANISER) tallies[at + TALLY_DUTCH_ORGANISER] += by;
    if (flags & LINK_SUPPLY_FROM_NL) tallies[at + TALLY_SUPPLY_FROM_NL] += by;
    if (flags === 0) tallies[at + TALLY_NO_LINK] += by;
  }

  /** Actor i's group: its district × class × origin, at (district * classes + kind) * 2 + origin. */
  groupOf(i: number): number {
    return (this.district[i] * this.classes + this.kind[i]) * 2 + this.origin[i];
  }

  bytesPerSlot(): number {
    return 1 + 8 + 4 + 1 + 1 + 4 + 1 + 2 + 1 + 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + this.risk.bytesPerAgent();
  }

  private grow(): void {
    const n = this.capacity * 2;
    const widen = <T extends Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.isAlive = widen(this.isAlive);
    this.id = widen(this.id);
    this.drawKey = widen(this.drawKey);
    this.district = widen(this.district);
    this.origin = widen(this.origin);
    this.organisation = widen(this.organisation);
    this.kind = widen(this.kind);
    this.timer = widen(this.timer);
    this.flags = widen(this.flags);
    this.stockKg = widen(this.stockKg);
    this.retireTick = widen(this.retireTick);
    this.nextRaidCheck = widen(this.nextRaidCheck);
    this.wakeTick = widen(this.wakeTick);
    this.contactRank = widen(this.contactRank);
    this.contactPlace = widen(this.contactPlace);
    this.free = widen(this.free);
    this.risk = this.risk.widen(n);
    this.capacity = n;
  }
}

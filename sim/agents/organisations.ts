import { RiskMemory } from '../behaviour/risk';
import type { CarrierLedger } from '../metrics/carriers';

// Criminal organisations: who organises (origin country, home district), how many members, and what
// the members have learned from each other's raids (contacts' risk). A takedown by an in-depth
// investigation flags the organisation; every member sees the flag in its own step. A takedown ends
// the organisation: members out of the police's reach may regroup in a new one (its successor, with
// an id of its own), keeping its origin and home base but nothing it had learned.

/** Ids of regrouped organisations start here, above any actor's id (Site.newId), so no id is used twice. */
const SUCCESSOR_IDS = 2 ** 52;

export class Organisations {
  capacity: number;
  count = 0;
  /** the organisation's id: its founder's (Population.id), never reused; it keys the organisation's draws */
  id: Float64Array;
  origin: Uint8Array;
  home: Uint8Array;
  members: Int32Array;
  /** 1 while an in-depth investigation runs against it */
  investigated: Uint8Array;
  /** 1 during the tick when an investigation takes it down (members in the investigating country) */
  takedown: Uint8Array;
  /** country whose police took it down (0 BE, 1 NL) and whether the takedown crosses the border */
  takedownCountry: Uint8Array;
  takedownCrossBorder: Uint8Array;
  /** organisations flagged for takedown this tick (so that a week without any costs members nothing) */
  takedownsNow = 0;
  /** during a takedown's tick: the organisation its survivors regrouped in, or −1 */
  successor: Int32Array;
  private successors = 0;
  risk: RiskMemory;
  /** 1 from create to release */
  private live: Uint8Array;
  /** the rows' carrier ledgers that follow these organisations (sim/metrics/carriers.ts) */
  private readonly ledgers: CarrierLedger[] = [];
  private free: number[] = [];

  constructor(initialCapacity: number, readonly districts: number, keepPerTick: number) {
    this.capacity = Math.max(16, initialCapacity);
    this.id = new Float64Array(this.capacity);
    this.origin = new Uint8Array(this.capacity);
    this.home = new Uint8Array(this.capacity);
    this.members = new Int32Array(this.capacity);
    this.investigated = new Uint8Array(this.capacity);
    this.takedown = new Uint8Array(this.capacity);
    this.takedownCountry = new Uint8Array(this.capacity);
    this.takedownCrossBorder = new Uint8Array(this.capacity);
    this.successor = new Int32Array(this.capacity).fill(-1);
    this.risk = new RiskMemory(this.capacity, districts, 0, keepPerTick);
    this.live = new Uint8Array(this.capacity);
  }

  /** Keeps `ledger` informed of every organisation, those that exist now and those to come. */
  follow(ledger: CarrierLedger): void {
    this.ledgers.push(ledger);
    for (let o = 0; o < this.count; o++) if (this.live[o]) ledger.begin(o, this.origin[o]);
  }

  create(id: number, origin: number, home: number): number {
    if (this.free.length === 0 && this.count === this.capacity) this.grow();
    const o = this.free.length > 0 ? this.free.pop()! : this.count++;
    this.id[o] = id;
    this.origin[o] = origin;
    this.home[o] = home;
    this.members[o] = 0;
    this.investigated[o] = 0;
    this.takedown[o] = 0;
    this.successor[o] = -1;
    this.risk.clear(o);
    this.live[o] = 1;
    for (const ledger of this.ledgers) ledger.begin(o, origin);
    return o;
  }

  join(o: number): void {
    this.members[o]++;
  }

  /** The organisation the survivors of `o`'s takedown regroup in (made when the first of them does). */
  regroup(o: number): number {
    if (this.successor[o] < 0) {
      const next = this.create(SUCCESSOR_IDS + this.successors++, this.origin[o], this.home[o]);
      this.successor[o] = next;
    }
    return this.successor[o];
  }

  /** An organisation without members is reused, but not while an investigation still targets it. */
  leave(o: number): void {
    if (--this.members[o] === 0 && !this.investigated[o]) this.release(o);
  }

  /** The investigation of `o` ended: free it if nobody is left. */
  endInvestigation(o: number): void {
    this.investigated[o] = 0;
    if (this.members[o] === 0) this.release(o);
  }

  private release(o: number): void {
    this.takedown[o] = 0;
    this.live[o] = 0;
    for (const ledger of this.ledgers) ledger.end(o);
    this.free.push(o);
  }

  private grow(): void {
    const n = this.capacity * 2;
    const widen = <T extends Uint8Array | Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.id = widen(this.id);
    this.origin = widen(this.origin);
    this.home = widen(this.home);
    this.members = widen(this.members);
    this.investigated = widen(this.investigated);
    this.takedown = widen(this.takedown);
    this.takedownCountry = widen(this.takedownCountry);
    this.takedownCrossBorder = widen(this.takedownCrossBorder);
    this.successor = widen(this.successor);
    this.successor.fill(-1, this.capacity);
    this.live = widen(this.live);
    this.risk = this.risk.widen(n);
    this.capacity = n;
  }
}

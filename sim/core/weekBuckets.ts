// Items (0 … n − 1) that each wait for one week of the run, kept in a list per week: what a
// loop over every item every week to find the few whose week has come would otherwise cost. An
// item is in at most one list, and moving it to another week costs the same whatever the list's
// length (doubly linked, in typed arrays). The order within a week is not kept: users take the week's
// items as a set.

const NOWHERE = -1;

export class WeekBuckets {
  /** per week: its first item, or NOWHERE */
  private readonly head: Int32Array;
  /** per item: the week it waits for (NOWHERE outside the run), and its neighbours in that week's list */
  private readonly weekOf: Int32Array;
  private readonly after: Int32Array;
  private readonly before: Int32Array;

  constructor(items: number, weeks: number) {
    this.head = new Int32Array(weeks).fill(NOWHERE);
    this.weekOf = new Int32Array(items).fill(NOWHERE);
    this.after = new Int32Array(items).fill(NOWHERE);
    this.before = new Int32Array(items).fill(NOWHERE);
  }

  /** Item `item` now waits for `week` (in no list if the week is outside the run). */
  set(item: number, week: number): void {
    this.remove(item);
    if (week < 0 || week >= this.head.length) return;
    const first = this.head[week];
    this.after[item] = first;
    this.before[item] = NOWHERE;
    if (first !== NOWHERE) this.before[first] = item;
    this.head[week] = item;
    this.weekOf[item] = week;
  }

  /** The items waiting for `week`, taken out of its list: the first, then `next` of each (-1 after the last). */
  take(week: number): number {
    const first = this.head[week];
    this.head[week] = NOWHERE;
    for (let item = first; item !== NOWHERE; item = this.after[item]) this.weekOf[item] = NOWHERE;
    return first;
  }

  /** The item after `item` in the list `take` returned (read it before the item is set to another week). */
  next(item: number): number {
    return this.after[item];
  }

  private remove(item: number): void {
    const week = this.weekOf[item];
    if (week === NOWHERE) return;
    const { after, before } = this;
    if (before[item] !== NOWHERE) after[before[item]] = after[item];
    else this.head[week] = after[item];
    if (after[item] !== NOWHERE) before[after[item]] = before[item];
    this.weekOf[item] = NOWHERE;
  }
}

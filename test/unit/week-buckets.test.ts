import { describe, expect, it } from 'vitest';
import { WeekBuckets } from '../../sim/core/weekBuckets';
import { RandomStream } from '../../sim/core';

/** The items `take` hands out for a week, walking the list as its users do. */
function taken(b: WeekBuckets, week: number): number[] {
  const items: number[] = [];
  for (let i = b.take(week); i >= 0; i = b.next(i)) items.push(i);
  return items.sort((x, y) => x - y);
}

describe('WeekBuckets', () => {
  it('hands out each week the items set to it, once, after any number of moves', () => {
    const weeks = 40;
    const items = 300;
    const b = new WeekBuckets(items, weeks);
    const due = new Int32Array(items).fill(-1);
    const rng = new RandomStream('week-buckets');
    for (let i = 0; i < items; i++) {
      due[i] = rng.below(weeks + 10) - 5; // some outside the run: never handed out
      b.set(i, due[i]);
    }
    for (let week = 0; week < weeks; week++) {
      // moves before the week: some items to later weeks, some to this one
      for (let m = 0; m < 20; m++) {
        const i = rng.below(items);
        due[i] = week + rng.below(8);
        b.set(i, due[i]);
      }
      const expected = [...due.keys()].filter((i) => due[i] === week);
      expect(taken(b, week)).toEqual(expected);
      // taken items wait for nothing until set again
      for (const i of expected) due[i] = -1;
      expect(taken(b, week)).toEqual([]);
    }
  });

  it('lets an item be set to another week while its week is being walked, reading next first', () => {
    const b = new WeekBuckets(5, 10);
    for (let i = 0; i < 5; i++) b.set(i, 2);
    const seen: number[] = [];
    for (let i = b.take(2), next = -1; i >= 0; i = next) {
      next = b.next(i);
      seen.push(i);
      b.set(i, 3 + i);
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    for (let i = 0; i < 5; i++) expect(taken(b, 3 + i)).toEqual([i]);
  });
});

import { describe, expect, it } from 'vitest';
import { ContactBook } from '../../sim/agents/contacts';
import { RandomStream } from '../../sim/core';

// The contact book: the contact of a point is the actor ranked next at or after it round the circle,
// and one actor more or less changes the contact only for points just before it.

/** A book over its own rank array (a population keeps one for all its books). */
function newBook(): { book: ContactBook; add: (slot: number, rank: number) => void } {
  const ranks = { contactRank: new Float64Array(4096), contactPlace: new Int32Array(4096) };
  const book = new ContactBook(ranks);
  return {
    book,
    add: (slot, rank) => {
      ranks.contactRank[slot] = rank;
      book.add(slot);
    },
  };
}

function bruteNext(ranks: Map<number, number>, point: number): number {
  let best = -1;
  let bestKey = Infinity;
  for (const [slot, r] of ranks) {
    const key = r >= point ? r - point : r - point + 1; // distance going round the circle
    if (key < bestKey) {
      bestKey = key;
      best = slot;
    }
  }
  return best;
}

describe('ContactBook', () => {
  it('finds the actor ranked next at or after the point, round the circle, as a full scan does', () => {
    const rng = new RandomStream('contacts');
    const { book, add } = newBook();
    const ranks = new Map<number, number>();
    expect(book.next(0.3)).toBe(-1);
    for (let slot = 0; slot < 400; slot++) {
      const r = rng.next();
      add(slot, r);
      ranks.set(slot, r);
    }
    for (let slot = 0; slot < 400; slot += 3) {
      book.remove(slot);
      ranks.delete(slot);
    }
    for (let n = 0; n < 2000; n++) {
      const point = rng.next();
      expect(book.next(point)).toBe(bruteNext(ranks, point));
    }
    expect(book.size).toBe(ranks.size);
    const { book: lone, add: addLone } = newBook();
    addLone(7, 0.2);
    expect(lone.next(0.9)).toBe(7); // round the circle
    expect(lone.next(0.2)).toBe(7);
  });

  it('one actor more changes the contact of about 1/n of the points; every actor is a contact of some', () => {
    const rng = new RandomStream('contacts-stability');
    const a = newBook();
    const b = newBook();
    const n = 1000;
    for (let slot = 0; slot < n; slot++) {
      const r = rng.next();
      a.add(slot, r);
      b.add(slot, r);
    }
    b.add(n, rng.next());
    let changed = 0;
    const points = 20_000;
    for (let j = 0; j < points; j++) {
      const p = rng.next();
      if (a.book.next(p) !== b.book.next(p)) changed++;
    }
    expect(changed / points).toBeLessThan(10 / n);
  });
});

import { describe, expect, it } from 'vitest';
import { Calendar } from '../../sim/core/calendar';
import type { AnalysisWindows, RowKey } from '../../sim/core/types';
import { Carriers, carriersOver, type RowCarriers } from '../../sim/metrics/carriers';
import { actorVerdict } from '../../sim/metrics/verdict';
import { BE, NL } from '../../sim/world/world';

// Who carried a row's change (sim/metrics/carriers.ts): carriers with known histories, each kg a week
// in a country over the two windows, and the parts and verdicts they must give.

const calendar = new Calendar('2010-01-01', '2011-12-31');
const windows: AnalysisWindows = { before: ['2010-01-01', '2010-12-31'], after: ['2011-01-01', '2011-12-31'] };
const ROW: RowKey = 'cannabis/production';
const inBefore = (t: number) => calendar.months[calendar.monthOfTick[t]] < '2011-01';

/** A carrier: origin, and kg a month in each country before and after (0: none in that window). */
interface Story {
  origin: number;
  before: [number, number];
  after: [number, number];
}

/**
 * Runs the carriers through one ledger, their month's kg in the month's first week (so a window's
 * monthly mean is the story's figure); carriers active only before end at the turn of the windows, as
 * organisations do.
 */
function carriersOf(stories: Story[]): RowCarriers {
  const carriers = new Carriers(calendar, [{ [ROW]: windows } as Record<RowKey, AnalysisWindows>]);
  const ledger = carriers.ledger(ROW);
  stories.forEach((s, slot) => ledger.begin(slot, s.origin));
  for (let t = 0; t < calendar.ticks; t++) {
    const firstOfMonth = t === 0 || calendar.monthOfTick[t] !== calendar.monthOfTick[t - 1];
    if (firstOfMonth) stories.forEach((s, slot) => {
      const [be, nl] = inBefore(t) ? s.before : s.after;
      if (be) ledger.add(slot, BE, be, t);
      if (nl) ledger.add(slot, NL, nl, t);
    });
    if (t > 0 && inBefore(t - 1) && !inBefore(t)) stories.forEach((s, slot) => s.after[0] + s.after[1] === 0 && ledger.end(slot));
  }
  return carriersOver(carriers.result()[ROW], windows)!;
}

describe('who carried the change', () => {
  it('a Dutch organisation that moves its plantations to Belgium: all of the gain moved, a shift', () => {
    const c = carriersOf([{ origin: NL, before: [0, 10], after: [10, 0] }]);
    expect(c.gain.moved).toBeCloseTo(10, 6);
    expect(c.gain.extended + c.gain.newBelgian + c.gain.other).toBe(0);
    expect(c.movedDutchFall).toBeCloseTo(10, 6);
    expect(actorVerdict(c, 10)).toBe('shift');
  });

  it('a Dutch organisation that adds Belgium and keeps NL: extended, an expansion even though NL fell elsewhere', () => {
    // another Dutch organisation shrinks in NL only: the national volumes alone would read a shift
    const c = carriersOf([
      { origin: NL, before: [0, 10], after: [10, 10] },
      { origin: NL, before: [0, 20], after: [0, 10] },
    ]);
    expect(c.gain.extended).toBeCloseTo(10, 6);
    expect(c.gain.moved).toBe(0);
    expect(c.deltaNL).toBeLessThan(-0.5 * c.deltaBE);
    expect(actorVerdict(c, 30)).toBe('expansion');
  });

  it('Belgian organisations that start: new Belgian, while Dutch organisations that go and others that come in Belgium moved with the turnover', () => {
    const c = carriersOf([
      { origin: BE, before: [0, 0], after: [5, 0] },
      { origin: NL, before: [0, 8], after: [0, 0] },
      { origin: NL, before: [0, 0], after: [6, 0] },
    ]);
    expect(c.gain.newBelgian).toBeCloseTo(5, 6);
    // the Dutch pool: 6 gained in BE, 8 lost in NL → 6 moved
    expect(c.gain.moved).toBeCloseTo(6, 6);
    expect(c.gain.extended).toBe(0);
    expect(actorVerdict(c, 8)).toBe('shift');
  });

  it('a carrier that gains more in Belgium than it loses in NL moved only as much as it lost', () => {
    const c = carriersOf([{ origin: NL, before: [0, 10], after: [20, 8] }]);
    expect(c.gain.moved).toBeCloseTo(10 - 8, 6);
    expect(c.gain.extended).toBeCloseTo(20 - c.gain.moved, 6);
    expect(actorVerdict(c, 10)).toBe('expansion');
  });

  it('Belgian buyers who buy more in Belgium without buying less in NL: other, an expansion', () => {
    const c = carriersOf([{ origin: BE, before: [10, 5], after: [20, 5] }]);
    expect(c.gain.other).toBeCloseTo(20 - 10, 6);
    expect(actorVerdict(c, 15)).toBe('expansion');
  });

  it('a loss that goes to NL with its carriers is a shift-out, one that does not a contraction', () => {
    const out = carriersOf([{ origin: BE, before: [10, 0], after: [0, 10] }]);
    expect(out.movedOut).toBeCloseTo(out.loss, 6);
    expect(actorVerdict(out, 10)).toBe('shift-out');
    const shrink = carriersOf([{ origin: BE, before: [10, 0], after: [2, 0] }]);
    expect(shrink.movedOut).toBe(0);
    expect(actorVerdict(shrink, 10)).toBe('contraction');
  });

  it('the parts add up to the national changes, whatever the mix of carriers', () => {
    const stories: Story[] = [];
    for (let i = 0; i < 40; i++) {
      const r = (k: number) => ((i * 7919 + k * 104729) % 13) * (i % 3 === k % 3 ? 0 : 1);
      stories.push({ origin: i % 2, before: [r(1), r(2)], after: [r(3), r(4)] });
    }
    const c = carriersOf(stories);
    let be = 0;
    let nl = 0;
    for (const s of stories) {
      be += s.after[0] - s.before[0];
      nl += s.after[1] - s.before[1];
    }
    expect(c.deltaBE).toBeCloseTo(be, 6);
    expect(c.deltaNL).toBeCloseTo(nl, 6);
    const gained = c.gain.moved + c.gain.extended + c.gain.newBelgian + c.gain.other;
    expect(gained - c.loss).toBeCloseTo(c.deltaBE, 6);
  });

  it('measures one row over several sets of windows at once, each as if alone', () => {
    const other: AnalysisWindows = { before: ['2010-01-01', '2010-06-30'], after: ['2011-07-01', '2011-12-31'] };
    const both = new Carriers(calendar, [{ [ROW]: windows } as Record<RowKey, AnalysisWindows>, { [ROW]: other } as Record<RowKey, AnalysisWindows>]);
    const alone = new Carriers(calendar, [{ [ROW]: other } as Record<RowKey, AnalysisWindows>]);
    for (const carriers of [both, alone]) {
      const ledger = carriers.ledger(ROW);
      ledger.begin(0, NL);
      for (let t = 0; t < calendar.ticks; t++) ledger.add(0, t < 60 ? NL : BE, 3 + (t % 5), t);
    }
    expect(carriersOver(both.result()[ROW], other)).toEqual(carriersOver(alone.result()[ROW], other));
    expect(carriersOver(both.result()[ROW], windows)).not.toBeNull();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHORT_HISTORY, shortHistoryWith, statementCells } from './checkHistoryTables';

// Whether Belgian buyers are served by couriers in NL is an outcome, not a construction: buyers may
// meet dealers and couriers across the border (ODD 7.9). Through `check-history` on the short history
// (2 replicates), the study's statement "almost no Belgian buyer is served by couriers in NL" holds at
// the defaults and fails where the trip and finding sellers abroad cost little (no cost of sellers
// abroad, travel at 0.2 a 100 km, both within their documented ranges).

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-couriers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The share after, in percent, of a figure "a% → b%". */
const afterShare = (figure: string) => Number(figure.split(' → ')[1].replace('%', ''));

describe('Belgian buyers and couriers in NL', () => {
  it('almost none at the defaults; many where crossing the border costs little', () => {
    const defaults = statementCells(SHORT_HISTORY, 'no-couriers-in-nl');
    expect(defaults[3]).toBe('holds');
    expect(afterShare(defaults[0])).toBeLessThan(5);

    const file = shortHistoryWith(tmp, 'cheap-crossing', 'the short history with cheap trips and no cost of finding sellers abroad', {
      'consumers.sellersAbroadPenalty': 0,
      'consumers.travelKmWeightPer100': 0.2,
    });
    const cheap = statementCells(file, 'no-couriers-in-nl');
    expect(cheap[3]).toBe('fails');
    expect(cheap[1]).toMatch(/^0% /);
    expect(afterShare(cheap[0])).toBeGreaterThan(25);
  }, 120_000);
});

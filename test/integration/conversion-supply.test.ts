import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHORT_HISTORY, shortHistoryWith, statementCells } from './checkHistoryTables';

// Whom Belgian conversion labs serve (ODD 7.8) is an outcome, not a construction: through
// `check-history` on the short history (2 replicates), the study's statement "Belgian conversion labs
// serve more than one Dutch organisation" holds at the defaults and fails where Dutch cooks hardly buy
// precursors in Belgium (both access values at the ends of their documented ranges, -3 and 3).

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-conversion-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('Belgian conversion labs and their Dutch clients', () => {
  it('serve several Dutch organisations at the defaults, and not when Dutch cooks hardly buy in Belgium', () => {
    const defaults = statementCells(SHORT_HISTORY, 'conversion-many-orgs');
    expect(defaults[3]).toBe('holds');
    expect(defaults[1]).toMatch(/^100% /);

    const file = shortHistoryWith(tmp, 'precursors-at-home', 'the short history with precursors much easier to get in NL than in Belgium', {
      'labs.precursorAccess.BE': -3,
      'labs.precursorAccess.NL': 3,
    });
    const atHome = statementCells(file, 'conversion-many-orgs');
    expect(atHome[3]).toBe('fails');
    expect(atHome[1]).toMatch(/^0% /);
    // the figure: shares of Belgian conversion labs with two Dutch clients, before → after, both under a half
    const [before, after] = atHome[0].split(' → ').map((s) => Number(s.replace('%', '')));
    expect(before).toBeLessThan(50);
    expect(after).toBeLessThan(50);
  }, 120_000);
});

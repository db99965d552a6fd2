import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioWith, shortHistoryWith, statementCells } from './checkHistoryTables';

// Where sellers and buyers meet is a destination choice with a size variable (ODD 7.2, 7.7): a
// grower's harvest goes where more wholesale demand is bought, a Dutch cook's precursors where more
// Belgian conversion labs operate. Through `check-history` (2 replicates: the short history for the
// harvest, the whole one for precursors), the study's statements "most of the Belgian harvest is sold in NL" and "Dutch labs buy a rising share of
// (pre-)precursors in Belgium" hold with the size variables at their default (1) and fail without
// them (0): neither is built in.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-market-size-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const share = (figure: string) => figure.split(' → ').map((s) => Number(s.replace('%', '')));

describe('markets as destinations with a size', () => {
  it('the Belgian harvest goes mostly to NL, where the wholesale buyers are, and stays in Belgium without that pull', () => {
    const withSize = shortHistoryWith(tmp, 'sale-size', 'the short history, sales by market size', { 'growers.saleMarketSizeWeight': 1 });
    const without = shortHistoryWith(tmp, 'sale-no-size', 'the short history, sales by price and distance only', { 'growers.saleMarketSizeWeight': 0 });
    const a = statementCells(withSize, 'harvest-sold-nl');
    const b = statementCells(without, 'harvest-sold-nl');
    expect(a[1]).toMatch(/^100% /);
    expect(share(a[0])[1]).toBeGreaterThan(50);
    expect(b[1]).toMatch(/^0% /);
    expect(share(b[0])[1]).toBeLessThan(50);
  }, 120_000);

  it("Dutch cooks buy more of their precursors in Belgium as its conversion labs multiply, and less without that pull", () => {
    // the whole history (Belgium's conversion labs multiply from 1995; the short history starts with them there)
    const history = (name: string, weight: number) =>
      scenarioWith('scenarios/dismark-history.yaml', tmp, name, 'the history, precursor supply weighed so', { 'labs.precursorSupplySizeWeight': weight });
    const a = statementCells(history('precursor-size', 1), 'precursors-in-be');
    const b = statementCells(history('precursor-no-size', 0), 'precursors-in-be');
    expect(a[1]).toMatch(/^100% /);
    expect(share(a[0])[1]).toBeGreaterThan(share(a[0])[0] + 3);
    expect(b[1]).toMatch(/^0% /);
    expect(share(b[0])[1]).toBeLessThan(share(b[0])[0]);
  }, 120_000);
});

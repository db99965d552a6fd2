import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shortHistoryWith, statementCells } from './checkHistoryTables';

// Where sellers and buyers meet is a destination choice with a size variable (ODD 7.2, 7.7): a
// grower's harvest goes where more wholesale demand is bought, a Dutch cook's precursors where more
// Belgian conversion labs operate. Through `check-history` on the short history (2 replicates), the
// study's statements "most of the Belgian harvest is sold in NL" and "Dutch labs buy a rising share of
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

  it("Dutch cooks buy more of their precursors in Belgium as its conversion labs multiply, and no more without that pull", () => {
    const withSize = shortHistoryWith(tmp, 'precursor-size', 'the short history, precursors by supply', { 'labs.precursorSupplySizeWeight': 1 });
    const without = shortHistoryWith(tmp, 'precursor-no-size', 'the short history, precursors by access alone', { 'labs.precursorSupplySizeWeight': 0 });
    const a = share(statementCells(withSize, 'precursors-in-be')[0]);
    const b = share(statementCells(without, 'precursors-in-be')[0]);
    expect(a[1]).toBeGreaterThan(a[0] + 3);
    expect(b[1]).toBeLessThanOrEqual(b[0] + 1);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { MarketPrices, priceCell } from '../../sim/behaviour/market';
import { BE, NL } from '../../sim/world/world';

// Prices per market and country, linked by trade (ODD 7.15): each country's index follows its own
// supply and demand until the two drift further apart than the cost of crossing the border; then
// both follow the two markets together, the smaller one that cost from the larger.

const CANNABIS = 0;

/** Weeks of constant supply and demand per country; returns the indices. */
function settle(prices: MarketPrices, supply: [number, number], demand: [number, number], weeks = 400): [number, number] {
  for (let t = 0; t < weeks; t++) {
    for (const c of [BE, NL]) {
      prices.supplyThisTick[priceCell(CANNABIS, c)] = supply[c];
      prices.demandThisTick[priceCell(CANNABIS, c)] = demand[c];
    }
    prices.update();
  }
  return [prices.index[priceCell(CANNABIS, BE)], prices.index[priceCell(CANNABIS, NL)]];
}

describe('prices per country', () => {
  it('keep apart within the cost of crossing the border', () => {
    // BE 5% short, NL balanced: a gap of ln(1.05) ≈ 0.049 < 0.1
    const [be, nl] = settle(new MarketPrices(1, 1, 0.05, [0.2, 5], 0.1), [100, 1000], [105, 1000]);
    expect(be).toBeCloseTo(1.05, 3);
    expect(nl).toBeCloseTo(1, 3);
  });

  it('are held to that cost by trade, around the two markets taken together, the smaller market following the larger', () => {
    // BE at half the supply it needs, NL 10% oversupplied
    const [be, nl] = settle(new MarketPrices(1, 1, 0.05, [0.2, 5], 0.1), [50, 1100], [100, 1000]);
    expect(Math.log(be / nl)).toBeCloseTo(0.1, 6);
    const joint = Math.log(1100 / 1150);
    expect(Math.log(nl)).toBeCloseTo(joint - (0.1 * 100) / 1100, 6);
    expect(Math.log(be)).toBeCloseTo(joint + (0.1 * 1000) / 1100, 6);
  });

  it('move as one market when crossing costs nothing', () => {
    const [be, nl] = settle(new MarketPrices(1, 1, 0.05, [0.2, 5], 0), [10, 900], [100, 1000]);
    expect(be).toBeCloseTo(nl, 9);
    expect(nl).toBeCloseTo(1100 / 910, 6);
  });
});

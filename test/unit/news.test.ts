import { describe, expect, it } from 'vitest';
import { Growers } from '../../sim/agents/growers';
import { MAIL, DEALER, Sellers } from '../../sim/agents/sellers';
import { PublicSignal } from '../../sim/behaviour/publicSignal';
import { MARKETS } from '../../sim/core/types';
import { buildModel, step } from '../../sim/engine';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';
import { NL } from '../../sim/world/world';

// The public news comes by topic: a market's (what buyers hear) and a kind's or a seller class's (what
// an actor hears of operations like its own), so Dutch customs checks of the post reach mail vendors
// undiluted by the labs and dealers of the synthetic market.

describe('PublicSignal topics', () => {
  it('keeps each topic’s yearly rate apart, after the lag', () => {
    const K = 2;
    const signal = new PublicSignal(K, 0, 1, 0);
    const a = signal.addTopic();
    const b = signal.addTopic();
    expect([a, b]).toEqual([MARKETS.length * K, (MARKETS.length + 1) * K]);
    signal.activeThisTick[a + 1] = 52;
    signal.dismantledThisTick[a + 1] = 0.25; // a quarter of a site this week: 25% a year
    signal.activeThisTick[b + 1] = 52;
    signal.update();
    expect(signal.perceived[a + 1]).toBeCloseTo(0.25, 12);
    expect(signal.perceived[b + 1]).toBe(0);
    // a topic without active actors keeps what it had
    expect(signal.perceived[a]).toBe(0);
  });

  it('refuses more topics than it has room for, saying where to raise it', () => {
    const signal = new PublicSignal(1, 0, 1, 0);
    expect(() => {
      for (let i = 0; i < 100; i++) signal.addTopic();
    }).toThrow(/MAX_TOPICS in sim\/behaviour\/publicSignal.ts/);
  });
});

describe('who reads which news', () => {
  const world = loadWorld();
  const model = buildModel(loadScenario('scenarios/dismark-history.yaml'), world, 1, 1);
  const growers = model.kinds.find((k): k is Growers => k instanceof Growers)!;
  const synthetic = model.kinds.find((k): k is Sellers => k instanceof Sellers && k.name === 'sellers-synthetic')!;

  it('gives plantations of every size one topic, and each seller class its own', () => {
    expect(new Set(growers.site.newsOffset).size).toBe(1);
    expect(new Set(synthetic.site.newsOffset).size).toBe(3);
    expect(synthetic.site.view(MAIL).publicOffset).not.toBe(synthetic.site.view(DEALER).publicOffset);
  });

  it('lets the Dutch post checks of 2017 raise what mail vendors read of NL far more than the synthetic market’s news', () => {
    const K = world.size;
    const mail = synthetic.site.newsOffset[MAIL];
    const market = model.ctx.signal.marketOffset(synthetic.market);
    const dutchMean = (offset: number) => {
      let sum = 0;
      let n = 0;
      for (let k = 0; k < K; k++) if (world.country[k] === NL) (sum += model.ctx.signal.perceived[offset + k]), n++;
      return sum / n;
    };
    const yearly = new Map<number, { mail: number; market: number; weeks: number }>();
    while (model.ctx.year < 2019) {
      step(model);
      const year = Math.floor(model.ctx.year);
      const y = yearly.get(year) ?? { mail: 0, market: 0, weeks: 0 };
      y.mail += dutchMean(mail);
      y.market += dutchMean(market);
      y.weeks++;
      yearly.set(year, y);
    }
    const rise = (topic: 'mail' | 'market') => yearly.get(2018)![topic] / yearly.get(2018)!.weeks / (yearly.get(2016)![topic] / yearly.get(2016)!.weeks);
    expect(rise('mail')).toBeGreaterThan(1.4);
    expect(rise('mail')).toBeGreaterThan(rise('market') + 0.2);
  });
});

import { describe, expect, it } from 'vitest';
import { runStandardWaterbed } from '../../sim/bench/standardWaterbed';
import { runStandardReference } from '../../sim/bench/standardReference';
import { runStandardFlocc } from '../../sim/bench/standardFlocc';
import { runStandardBenchmark } from '../../sim/bench/standard';
import { K, P, RISK_FLOOR, Sfc32Block, StandardResult, generateP, pearson } from '../../sim/bench/standardModel';
import { formatTable, median } from '../../sim/bench/stats';

// Small runs: 2,000 agents × 50 ticks. The sanity outputs are statistical (each implementation has
// its own generator), so agreement is checked within tolerances of roughly twice the largest
// spread seen over 8 seeds at this size; seeds are fixed, so the test is deterministic.
const SMALL = { n: 2_000, ticks: 50, seed: 42 };

const results: Record<string, StandardResult> = {
  waterbed: runStandardWaterbed(SMALL),
  reference: runStandardReference(SMALL),
  flocc: runStandardFlocc(SMALL),
};
const names = Object.keys(results);

function relSpread(pick: (r: StandardResult) => number): number {
  const vs = names.map((name) => pick(results[name]));
  return (Math.max(...vs) - Math.min(...vs)) / Math.abs(median(vs));
}

describe('standard benchmark model', () => {
  it('p is the fixed vector of the spec, regenerated from sfc32 seeded 12345', () => {
    expect(P).toHaveLength(K);
    generateP(12345).forEach((p, k) => expect(p).toBeCloseTo(P[k], 4));
  });

  it('sfc32 draws are uniform in [0, 1) and differ by seed', () => {
    const g = new Sfc32Block(42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = g.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
    expect(new Sfc32Block(1).next()).not.toBe(new Sfc32Block(2).next());
  });
});

describe.each(names)('standard benchmark: %s implementation', (name) => {
  const r = results[name];
  const s = r.sanity;

  it('reports the run and a positive rate', () => {
    expect(r.implementation).toBe(name);
    expect(r.n).toBe(SMALL.n);
    expect(r.ticks).toBe(SMALL.ticks);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.agentTicksPerSecond).toBeCloseTo((SMALL.n * SMALL.ticks) / r.seconds, 6);
    expect(r.bytesPerAgent).toBeGreaterThan(0);
  });

  it('occupancy shares are K non-negative shares summing to 1', () => {
    expect(s.occupancyShare).toHaveLength(K);
    for (const x of s.occupancyShare) expect(x).toBeGreaterThanOrEqual(0);
    expect(s.occupancyShare.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s.corrOccupancyP).toBeCloseTo(pearson(s.occupancyShare, P), 12);
  });

  it('detections per agent-tick match Σ occupancy·p over the run', () => {
    expect(Math.abs(s.detectionsPerAgentTick / s.expectedDetectionsPerAgentTick - 1)).toBeLessThan(0.04);
    // between the cheapest and the dearest district, and below the uniform start (agents flee risk)
    expect(s.detectionsPerAgentTick).toBeGreaterThan(Math.min(...P));
    const meanP = P.reduce((a, b) => a + b, 0) / K;
    expect(s.detectionsPerAgentTick).toBeLessThan(meanP);
  });

  it('re-choices are the detections plus 2% of the rest', () => {
    const expected = s.detectionsPerAgentTick + 0.02 * (1 - s.detectionsPerAgentTick);
    expect(Math.abs(s.rechoicesPerAgentTick / expected - 1)).toBeLessThan(0.05);
  });

  it('risk stays above the floor, agents sit where they perceive less risk, and avoid high p', () => {
    expect(s.meanRisk).toBeGreaterThan(RISK_FLOOR);
    expect(s.meanRisk).toBeLessThan(0.2);
    expect(s.meanOwnRisk).toBeGreaterThanOrEqual(RISK_FLOOR);
    expect(s.meanOwnRisk).toBeLessThan(s.meanRisk);
    expect(s.corrOccupancyP).toBeLessThan(-0.7);
  });
});

describe('standard benchmark: the three implementations agree within noise', () => {
  it('mean risk and mean own-district risk', () => {
    expect(relSpread((r) => r.sanity.meanRisk)).toBeLessThan(0.03);
    expect(relSpread((r) => r.sanity.meanOwnRisk)).toBeLessThan(0.05);
  });

  it('detections and re-choices per agent-tick', () => {
    expect(relSpread((r) => r.sanity.detectionsPerAgentTick)).toBeLessThan(0.07);
    expect(relSpread((r) => r.sanity.rechoicesPerAgentTick)).toBeLessThan(0.07);
  });

  it('occupancy and its correlation with p', () => {
    const corr = names.map((name) => results[name].sanity.corrOccupancyP);
    expect(Math.max(...corr) - Math.min(...corr)).toBeLessThan(0.1);
    for (let k = 0; k < K; k++) {
      const shares = names.map((name) => results[name].sanity.occupancyShare[k]);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThan(0.045);
    }
  });

  it('typed implementations are deterministic for a seed', () => {
    expect(runStandardWaterbed(SMALL).sanity).toEqual(results.waterbed.sanity);
    expect(runStandardReference(SMALL).sanity).toEqual(results.reference.sanity);
    expect(runStandardReference({ ...SMALL, seed: 43 }).sanity).not.toEqual(results.reference.sanity);
  });
});

describe('runStandardBenchmark', () => {
  it('runs the three interleaved with rotated order, reports medians, ratios and a sanity table via log', () => {
    const lines: string[] = [];
    const out = runStandardBenchmark({ n: 2_000, ticks: 50, repetitions: 3, floccN: 1_000, seed: 7, warmup: false, log: (l) => lines.push(l) });
    expect(out.orders).toEqual([
      ['waterbed', 'reference', 'flocc'],
      ['reference', 'flocc', 'waterbed'],
      ['flocc', 'waterbed', 'reference'],
    ]);
    for (const name of ['waterbed', 'reference', 'flocc'] as const) {
      expect(out.runs[name]).toHaveLength(3);
      const rates = out.runs[name]!.map((r) => r.agentTicksPerSecond);
      expect(out.summaries[name]!.medianAgentTicksPerSecond).toBe(median(rates));
    }
    expect(out.summaries.flocc!.n).toBe(1_000);
    expect(out.ratios.waterbedToReference.ofMedians).toBeCloseTo(
      out.summaries.waterbed!.medianAgentTicksPerSecond / out.summaries.reference!.medianAgentTicksPerSecond, 10);
    expect(out.ratios.waterbedToFlocc).not.toBeNull();
    expect(out.sanity.compared).toEqual(['waterbed', 'reference', 'flocc']);
    expect(out.sanity.agree).toBe(true);
    expect(lines.some((l) => l.includes('waterbed / reference'))).toBe(true);
    expect(lines.some((l) => l.includes('corr(occupancy, p)'))).toBe(true);
  });

  it('skips flocc with floccN = 0', () => {
    const out = runStandardBenchmark({ n: 500, ticks: 10, repetitions: 1, floccN: 0, warmup: false });
    expect(out.runs.flocc).toBeUndefined();
    expect(out.ratios.waterbedToFlocc).toBeNull();
  });
});

describe('bench stats helpers', () => {
  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('formatTable aligns columns, right-aligns numbers, underlines the header', () => {
    const lines = formatTable([['name', 'rate'], ['waterbed', 19.5], ['flocc', 0.3]]);
    expect(lines).toEqual([
      'name      rate',
      '--------  ----',
      'waterbed  19.5',
      'flocc      0.3',
    ]);
    expect(formatTable([])).toEqual([]);
  });
});

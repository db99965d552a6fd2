import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFactors } from '../../sim/sweep/factors';
import { planSweep, shardRuns, spreadOrder } from '../../sim/sweep/plan';
import { readSweepFile } from '../../sim/sweep/schema';

// Run ids and seeds come from the design point and replicate, never from execution order; the
// execution order interleaves; shards partition the runs.

const FIXTURES = path.resolve(__dirname, '../fixtures');
const SHORT = path.join(FIXTURES, 'scenarios/short.yaml');
const POLICIES = path.join(FIXTURES, 'sweeps/short-policies.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-sweep-plan-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let count = 0;
function sweep(body: string): ReturnType<typeof readSweepFile> {
  const file = path.join(tmp, `s${count++}.yaml`);
  fs.writeFileSync(file, `name: t\ndescription: plan test\n${body}`);
  return readSweepFile(file);
}

describe('run ids and seeds', () => {
  it('adding a level to a grid leaves every other run\'s id and seed as it was', () => {
    const base = `scenario: ${SHORT}\ndesign: grid\nreplicates: 2\nseed: 5\nfactors:\n  - {path: prices.elasticity, levels: [0.5, 1]}\n  - {path: risk.ownRaidWeight, levels: [0.1, 0.3]}\n`;
    const a = planSweep(sweep(base));
    const b = planSweep(sweep(base.replace('levels: [0.5, 1]', 'levels: [0.5, 0.75, 1]')));
    expect(a.runs).toHaveLength(8);
    expect(b.runs).toHaveLength(12);
    const seedOf = new Map(b.runs.map((r) => [r.id, r.seed]));
    for (const r of a.runs) expect(seedOf.get(r.id), r.id).toBe(r.seed);
  });

  it('the same sweep file gives the same ids and seeds; another sweep seed other seeds', () => {
    const text = `scenario: ${SHORT}\ndesign: lhs\nsamples: 5\nseed: 1\nfactors:\n  - {path: prices.elasticity, range: [0.5, 1.5]}\n`;
    const a = planSweep(sweep(text));
    const b = planSweep(sweep(text));
    const c = planSweep(sweep(text.replace('seed: 1', 'seed: 2')));
    expect(b.runs).toEqual(a.runs);
    expect(c.runs.map((r) => r.seed)).not.toEqual(a.runs.map((r) => r.seed));
    for (const r of a.runs) expect(Number.isSafeInteger(r.seed) && r.seed >= 0).toBe(true);
  });

  it('policy variants at the same point share their seeds (common random numbers)', () => {
    const spec = sweep(`scenarios:\n  plain: ${SHORT}\n  policies: ${POLICIES}\ndesign: lhs\nsamples: 4\nreplicates: 2\nfactors:\n  - {path: prices.elasticity, range: [0.5, 1.5]}\n`);
    const plan = planSweep(spec);
    expect(plan.runs).toHaveLength(16);
    for (const r of plan.runs.filter((x) => x.variant === 0)) {
      const twin = plan.runs.find((x) => x.point === r.point && x.replicate === r.replicate && x.variant === 1)!;
      expect(twin.seed).toBe(r.seed);
      expect(twin.id).not.toBe(r.id);
    }
    // and a point's scenarios run one after the other
    const order = plan.order.map((i) => plan.runs[i]);
    for (let k = 0; k < order.length; k += 2) expect(order[k + 1].point).toBe(order[k].point);
  });

  it('policy factors do not enter the seed: the levels of a policy share streams', () => {
    const plan = planSweep(sweep(`scenario: ${POLICIES}\ndesign: grid\nreplicates: 2\nfactors:\n  - {path: policy:short-blows.intensity, levels: [0, 1, 2]}\n  - {path: prices.elasticity, levels: [0.5, 1]}\n`));
    const seeds = (intensity: number, elasticity: number, replicate: number) =>
      plan.runs.find((r) => plan.points[r.point].values[0] === intensity && plan.points[r.point].values[1] === elasticity && r.replicate === replicate)!.seed;
    expect(seeds(0, 0.5, 0)).toBe(seeds(2, 0.5, 0));
    expect(seeds(0, 0.5, 0)).not.toBe(seeds(0, 1, 0));
    expect(seeds(0, 0.5, 0)).not.toBe(seeds(0, 0.5, 1));
  });

  it('identical design rows are one point, run once', () => {
    // Two levels on a 4-level Morris grid: neighbouring grid values map to the same level.
    const plan = planSweep(sweep(`scenario: ${SHORT}\ndesign: {type: morris, levels: 4}\nsamples: 10\nfactors:\n  - {path: prices.elasticity, levels: [0.5, 1]}\n  - {path: risk.ownRaidWeight, levels: [0.1, 0.3]}\n`));
    expect(plan.design.unit).toHaveLength(30);
    expect(plan.points.length).toBeLessThanOrEqual(4);
    expect(new Set(plan.runs.map((r) => r.id)).size).toBe(plan.runs.length);
    expect(plan.rowPoint.every((p) => p < plan.points.length)).toBe(true);
  });
});

describe('execution order and shards', () => {
  it('spreadOrder is a bit-reversal permutation', () => {
    expect(spreadOrder(8)).toEqual([0, 4, 2, 6, 1, 5, 3, 7]);
    expect(spreadOrder(5)).toEqual([0, 4, 2, 1, 3]);
    expect(spreadOrder(1)).toEqual([0]);
    for (const n of [3, 10, 33]) expect([...spreadOrder(n)].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('runs replicate by replicate, and the first half of a replicate covers the whole grid evenly', () => {
    const plan = planSweep(sweep(`scenario: ${SHORT}\ndesign: grid\nreplicates: 2\nfactors:\n  - {path: prices.elasticity, range: [0.5, 1.5], steps: 8}\n`));
    const order = plan.order.map((i) => plan.runs[i]);
    expect(order.slice(0, 8).every((r) => r.replicate === 0)).toBe(true);
    const firstHalf = order.slice(0, 4).map((r) => r.point).sort((a, b) => a - b);
    expect(firstHalf).toEqual([0, 2, 4, 6]);
    expect([...plan.order].sort((a, b) => a - b)).toEqual(plan.runs.map((_, i) => i));
  });

  it('shards partition the runs into nearly equal slices', () => {
    const plan = planSweep(sweep(`scenario: ${SHORT}\ndesign: lhs\nsamples: 11\nreplicates: 2\nfactors:\n  - {path: prices.elasticity, range: [0.5, 1.5]}\n`));
    const slices = [0, 1, 2].map((index) => shardRuns(plan, { index, count: 3 }));
    expect(slices.flat().sort((a, b) => a - b)).toEqual(plan.runs.map((_, i) => i));
    expect(slices.map((s) => s.length)).toEqual([8, 7, 7]);
    expect(shardRuns(plan, null)).toEqual(plan.order);
  });
});

describe('applyFactors', () => {
  it('sets parameters and policy parameters on a copy, leaving the base scenario unchanged', () => {
    const spec = sweep(`scenario: ${POLICIES}\ndesign: lhs\nsamples: 2\nfactors:\n  - {path: enforcement.priority.cannabis.be-limburg, range: [0.5, 2]}\n  - {path: policy:short-blows.intensity, range: [0, 4]}\n  - {path: 'policies[0].parameters.share', range: [0, 1]}\n  - {path: prices.elasticity, range: [0.5, 1.5]}\n`);
    const base = spec.variants[0].scenario;
    const unchanged = JSON.stringify(base);
    const s = applyFactors(base, 0, spec.factors, [1.7, 3, 0.25, 0.8]);
    expect(JSON.stringify(base)).toBe(unchanged);
    // one district of a per-district parameter: only that district's value changes
    const priority = s.parameters['enforcement.priority.cannabis'] as number[];
    const before = base.parameters['enforcement.priority.cannabis'] as number[];
    expect(priority.filter((v, i) => v !== before[i])).toEqual([1.7]);
    expect(s.parameters['prices.elasticity']).toBe(0.8);
    expect(s.policies.find((p) => p.type === 'short-blows')!.parameters.intensity).toBe(3);
    expect(s.policies[0].type).toBe('i-criterion');
    expect(s.policies[0].parameters.share).toBe(0.25);
  });

  it('finds a policy by its label, whatever its number', () => {
    const spec = sweep(`scenario: ${POLICIES}\ndesign: lhs\nsamples: 2\nfactors:\n  - {path: 'policy[southern-shops].share', range: [0, 1]}\n`);
    const s = applyFactors(spec.variants[0].scenario, 0, spec.factors, [0.4]);
    expect(s.policies.find((p) => p.label === 'southern-shops')!.parameters.share).toBe(0.4);
    expect(() => sweep(`scenario: ${POLICIES}\ndesign: lhs\nsamples: 2\nfactors:\n  - {path: 'policy[southern-shop].share', range: [0, 1]}\n`)).toThrow(/no scenario of the sweep has a policy labelled "southern-shop".*Did you mean "southern-shops"/s);
  });
});

import { describe, expect, it } from 'vitest';
import { chanceOfRate, detectionHazard, effortPerSite, RiskMemory } from '../../sim/behaviour/risk';
import { RandomStream } from '../../sim/core';

// Risk learning (own raids raise r toward 1, silence lets it decay toward the floor, with a lazily
// applied shared decay factor) and the detection hazard that turns police effort into raids.

describe('RiskMemory', () => {
  it('starts at the floor', () => {
    const m = new RiskMemory(4, 3, 0.05, 0.9);
    for (let a = 0; a < 4; a++) for (let k = 0; k < 3; k++) expect(m.get(a, k)).toBeCloseTo(0.05, 7);
  });

  it('learn moves r toward 1 by the weight: r ← r + w(1 − r)', () => {
    const m = new RiskMemory(2, 3, 0.1, 0.95);
    m.learn(1, 2, 0.3);
    expect(m.get(1, 2)).toBeCloseTo(0.1 + 0.3 * 0.9, 6);
    m.learn(1, 2, 0.5);
    const r1 = 0.1 + 0.3 * 0.9;
    expect(m.get(1, 2)).toBeCloseTo(r1 + 0.5 * (1 - r1), 6);
    // only that agent and district
    expect(m.get(0, 2)).toBeCloseTo(0.1, 7);
    expect(m.get(1, 1)).toBeCloseTo(0.1, 7);
    // a full-weight lesson makes the risk certain
    m.learn(0, 0, 1);
    expect(m.get(0, 0)).toBeCloseTo(1, 6);
  });

  it('learn after some decay still applies to the current value', () => {
    const m = new RiskMemory(1, 1, 0, 0.8);
    m.learn(0, 0, 0.5);
    for (let t = 0; t < 3; t++) m.decay();
    const r = 0.5 * 0.8 ** 3;
    expect(m.get(0, 0)).toBeCloseTo(r, 6);
    m.learn(0, 0, 0.25);
    expect(m.get(0, 0)).toBeCloseTo(r + 0.25 * (1 - r), 6);
  });

  it('decays toward the floor by keepPerTick per tick', () => {
    const floor = 0.02;
    const keep = 0.9;
    const m = new RiskMemory(1, 2, floor, keep);
    m.learn(0, 1, 0.6);
    let excess = m.get(0, 1) - floor;
    for (let t = 0; t < 20; t++) {
      m.decay();
      excess *= keep;
      expect(m.get(0, 1)).toBeCloseTo(floor + excess, 6);
      expect(m.get(0, 0)).toBeCloseTo(floor, 7);
    }
    for (let t = 0; t < 400; t++) m.decay();
    expect(m.get(0, 1)).toBeGreaterThanOrEqual(floor - 1e-9);
    expect(m.get(0, 1) - floor).toBeLessThan(1e-9);
  });

  it('matches an eager computation over 2,000 ticks of raids and silence (renormalisation included)', () => {
    const agents = 7;
    const districts = 5;
    const floor = 0.03;
    // 0.97^454 ≈ 1e-6: the lazy scale is folded back into the values about four times
    for (const keep of [0.97, 0.8]) {
      const lazy = new RiskMemory(agents, districts, floor, keep);
      const eager = new Float64Array(agents * districts).fill(floor);
      const rng = new RandomStream(`risk-test-${keep}`);
      let maxError = 0;
      for (let t = 0; t < 2000; t++) {
        // a few raids most ticks, and long quiet spells so values fall far below their peak
        const raids = t % 500 < 300 ? rng.below(3) : 0;
        for (let n = 0; n < raids; n++) {
          const a = rng.below(agents);
          const k = rng.below(districts);
          const w = rng.next();
          lazy.learn(a, k, w);
          const i = a * districts + k;
          eager[i] += w * (1 - eager[i]);
        }
        lazy.decay();
        for (let i = 0; i < eager.length; i++) eager[i] = floor + (eager[i] - floor) * keep;
        for (let a = 0; a < agents; a++) {
          for (let k = 0; k < districts; k++) maxError = Math.max(maxError, Math.abs(lazy.get(a, k) - eager[a * districts + k]));
        }
      }
      expect(maxError, `keepPerTick ${keep}`).toBeLessThan(1e-5);
    }
  });

  it('repeated raids raise the risk monotonically toward 1', () => {
    const m = new RiskMemory(1, 1, 0.05, 0.99);
    let previous = m.get(0, 0);
    for (let n = 0; n < 30; n++) {
      m.learn(0, 0, 0.2);
      const r = m.get(0, 0);
      expect(r).toBeGreaterThan(previous);
      expect(r).toBeLessThanOrEqual(1 + 1e-6);
      previous = r;
      m.decay();
      expect(m.get(0, 0)).toBeLessThan(r);
    }
    expect(previous).toBeGreaterThan(0.9);
  });

  it('clear resets one agent to the floor and leaves the others', () => {
    const m = new RiskMemory(3, 2, 0.1, 0.9);
    for (let a = 0; a < 3; a++) m.learn(a, 0, 0.5), m.learn(a, 1, 0.25);
    m.decay();
    const before = [m.get(0, 0), m.get(0, 1), m.get(2, 0), m.get(2, 1)];
    m.clear(1);
    expect(m.get(1, 0)).toBeCloseTo(0.1, 7);
    expect(m.get(1, 1)).toBeCloseTo(0.1, 7);
    expect([m.get(0, 0), m.get(0, 1), m.get(2, 0), m.get(2, 1)]).toEqual(before);
  });

  it('an agent that learned nothing reads as its row of zeros would, and clear then learn starts afresh', () => {
    const m = new RiskMemory(3, 4, 0.05, 0.9);
    m.learn(0, 3, 0.4);
    for (let t = 0; t < 200; t++) m.decay(); // past a renormalisation (scale below 1e-6)
    for (let k = 0; k < 4; k++) expect(m.get(1, k)).toBe(0.05 + m.excess[4 + k] * 1);
    for (let k = 0; k < 4; k++) expect(m.excess[4 + k]).toBe(0);
    m.clear(1); // nothing to clear
    m.learn(1, 2, 0.5);
    expect(m.get(1, 2)).toBeCloseTo(0.05 + 0.5 * 0.95, 6);
    m.clear(1);
    for (let k = 0; k < 4; k++) expect(m.get(1, k)).toBe(0.05);
    for (let k = 0; k < 4; k++) expect(m.excess[4 + k]).toBe(0);
    expect(m.get(0, 3)).toBeGreaterThan(0.05);
  });

  it('widen keeps every value (and the pending decay) and adds empty agents', () => {
    const m = new RiskMemory(2, 3, 0.05, 0.9);
    m.learn(0, 1, 0.5);
    m.learn(1, 2, 0.3);
    m.decay();
    m.decay();
    const wide = m.widen(5);
    expect(wide.capacity).toBe(5);
    expect(wide.districts).toBe(3);
    expect(wide.floor).toBe(m.floor);
    expect(wide.keepPerTick).toBe(m.keepPerTick);
    for (let a = 0; a < 2; a++) for (let k = 0; k < 3; k++) expect(wide.get(a, k)).toBe(m.get(a, k));
    for (let a = 2; a < 5; a++) for (let k = 0; k < 3; k++) expect(wide.get(a, k)).toBeCloseTo(0.05, 7);
    // both decay and learn on as before
    m.decay();
    wide.decay();
    expect(wide.get(0, 1)).toBeCloseTo(m.get(0, 1), 7);
    wide.learn(4, 0, 0.5);
    expect(wide.get(4, 0)).toBeCloseTo(0.05 + 0.5 * 0.95, 6);
  });
});

describe('detectionHazard', () => {
  it('is 0 at zero effort, zero visibility or full care', () => {
    expect(detectionHazard(0, 1, 0)).toBe(0);
    expect(detectionHazard(0.5, 0, 0)).toBe(0);
    expect(detectionHazard(0.5, 1, 1)).toBe(0);
  });

  it('equals 1 − exp(−effort × visibility × (1 − care))', () => {
    for (const [e, v, c] of [
      [0.1, 1, 0],
      [0.3, 0.5, 0.2],
      [2, 1.5, 0.9],
      [10, 1, 0.5],
    ]) {
      expect(detectionHazard(e, v, c)).toBeCloseTo(1 - Math.exp(-e * v * (1 - c)), 12);
    }
  });

  it('rises with effort and visibility, falls with care, and stays a probability', () => {
    let last = 0;
    for (const e of [0.01, 0.1, 0.5, 1, 3, 10]) {
      const h = detectionHazard(e, 1, 0.2);
      expect(h).toBeGreaterThan(last);
      expect(h).toBeLessThan(1);
      last = h;
    }
    last = 0;
    for (const v of [0.1, 0.5, 1, 2]) {
      const h = detectionHazard(0.3, v, 0.2);
      expect(h).toBeGreaterThan(last);
      last = h;
    }
    last = 1;
    for (const c of [0, 0.2, 0.5, 0.9]) {
      const h = detectionHazard(0.3, 1, c);
      expect(h).toBeLessThan(last);
      last = h;
    }
  });
});

describe('effortPerSite', () => {
  it('spreads effort over sites with a half-saturation constant', () => {
    expect(effortPerSite(10, 0, 5)).toBeCloseTo(2, 12);
    expect(effortPerSite(10, 5, 5)).toBeCloseTo(1, 12);
  });

  it('saturates: total effort rises with the number of sites toward the effort, per-site effort falls', () => {
    const effort = 4;
    const half = 20;
    let lastTotal = 0;
    let lastPerSite = Infinity;
    for (const sites of [1, 5, 20, 100, 1000, 100_000]) {
      const perSite = effortPerSite(effort, sites, half);
      const total = perSite * sites;
      expect(perSite).toBeLessThan(lastPerSite);
      expect(total).toBeGreaterThan(lastTotal);
      expect(total).toBeLessThan(effort);
      lastPerSite = perSite;
      lastTotal = total;
    }
    // half the effort at the half-saturation workload, nearly all of it far beyond
    expect(effortPerSite(effort, half, half) * half).toBeCloseTo(effort / 2, 12);
    expect(lastTotal).toBeGreaterThan(0.999 * effort);
  });
});

describe('chanceOfRate', () => {
  it('is 1 − e^−rate within 1e-12 (relative) on both sides of where the series takes over', () => {
    for (const rate of [0, 1e-9, 1e-4, 0.003, 0.0099999, 0.01, 0.05, 0.7, 3, 40]) {
      const exact = -Math.expm1(-rate);
      expect(Math.abs(chanceOfRate(rate) - exact), `rate ${rate}`).toBeLessThanOrEqual(1e-12 * exact);
    }
  });
});

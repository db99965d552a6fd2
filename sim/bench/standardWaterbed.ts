// The standard benchmark written with waterbed's own engine API: RandomStream (xoshiro128**,
// block-filled) for the draws, RiskMemory (per-agent perceived risk with lazy decay) for beliefs,
// chooseLogit for the re-choice; the agent's district in a Uint8Array.

import { RandomStream, streamKey } from '../core';
import { chooseLogit, RiskMemory } from '../behaviour';
import {
  K, P, RISK_FLOOR, RISK_KEEP, LEARN_WEIGHT, SPONTANEOUS_RECHOICE, UTILITY_BASE, RISK_AVERSION,
  StandardResult, StandardRunOptions, expectedDetectionsOf, measureAllocation, nowSeconds, sanityFrom,
} from './standardModel';

const TEMPERATURE = 1;

interface WaterbedState {
  district: Uint8Array;
  risk: RiskMemory;
}

interface Counters {
  detections: number;
  rechoices: number;
}

function rechoose(risk: RiskMemory, agent: number, u: number, utilities: Float64Array, weights: Float64Array): number {
  for (let k = 0; k < K; k++) utilities[k] = UTILITY_BASE - RISK_AVERSION * risk.get(agent, k);
  return chooseLogit(utilities, K, TEMPERATURE, u, weights);
}

function tick(
  s: WaterbedState, n: number, rng: RandomStream, p: Float64Array, utilities: Float64Array, weights: Float64Array,
  counts: Int32Array, c: Counters,
): void {
  const district = s.district;
  const risk = s.risk;
  let detections = 0;
  let rechoices = 0;
  for (let i = 0; i < n; i++) {
    const d = district[i];
    let chosen = -1;
    if (rng.next() < p[d]) {
      detections++;
      risk.learn(i, d, LEARN_WEIGHT);
      chosen = rechoose(risk, i, rng.next(), utilities, weights);
    } else if (rng.next() < SPONTANEOUS_RECHOICE) {
      chosen = rechoose(risk, i, rng.next(), utilities, weights);
    }
    if (chosen >= 0) {
      rechoices++;
      counts[d]--;
      counts[chosen]++;
      district[i] = chosen;
    }
  }
  // decay of every agent's beliefs after this tick's decisions: one shared factor (lazy decay)
  risk.decay();
  c.detections += detections;
  c.rechoices += rechoices;
}

export function runStandardWaterbed({ n, ticks, seed }: StandardRunOptions): StandardResult {
  const alloc = measureAllocation(n, (): WaterbedState => {
    const district = new Uint8Array(n);
    for (let i = 0; i < n; i++) district[i] = i % K;
    const risk = new RiskMemory(n, K, RISK_FLOOR, RISK_KEEP);
    return { district, risk };
  });
  const s = alloc.value;
  const rng = new RandomStream(streamKey(seed, 0, 'benchmark'));
  const p = Float64Array.from(P);
  const utilities = new Float64Array(K);
  const weights = new Float64Array(K);
  const counts = new Int32Array(K);
  for (let i = 0; i < n; i++) counts[s.district[i]]++;
  const c: Counters = { detections: 0, rechoices: 0 };
  let expected = 0;

  const t0 = nowSeconds();
  for (let t = 0; t < ticks; t++) {
    expected += expectedDetectionsOf(counts);
    tick(s, n, rng, p, utilities, weights, counts, c);
  }
  const seconds = nowSeconds() - t0;

  let riskSum = 0;
  let ownRiskSum = 0;
  const occupancy = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    const d = s.district[i];
    occupancy[d]++;
    ownRiskSum += s.risk.get(i, d);
    for (let k = 0; k < K; k++) riskSum += s.risk.get(i, k);
  }
  return {
    implementation: 'waterbed',
    n, ticks, seed,
    agentTicksPerSecond: (n * ticks) / seconds,
    seconds,
    bytesPerAgent: s.district.BYTES_PER_ELEMENT + s.risk.bytesPerAgent(),
    memoryMethod: 'typed-array sizes',
    bytesPerAgentMeasured: alloc.bytesPerAgent,
    sanity: sanityFrom({
      n, ticks, riskSum, ownRiskSum, occupancy, expectedDetections: expected,
      detections: c.detections, rechoices: c.rechoices,
    }),
  };
}

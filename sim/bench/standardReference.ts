// The standard benchmark as a plain typed-array kernel: the "practical limit" on this machine.
// Struct of arrays (district: Uint8Array, risk: Float64Array N×22), risk decayed eagerly for every
// agent and district each tick exactly as the spec states, its own block-filled sfc32 generator.

import {
  K, P, RISK_FLOOR, RISK_KEEP, LEARN_WEIGHT, SPONTANEOUS_RECHOICE, UTILITY_BASE, RISK_AVERSION,
  Sfc32Block, StandardResult, StandardRunOptions, expectedDetectionsOf, measureAllocation, nowSeconds, sanityFrom,
} from './standardModel';

interface ReferenceState {
  district: Uint8Array;
  risk: Float64Array;
}

interface Counters {
  detections: number;
  rechoices: number;
}

/** Logit re-choice over u_k = 1 − 8·r_k for the agent whose risk row starts at `base`. */
function rechoose(risk: Float64Array, base: number, u: number, weights: Float64Array): number {
  let total = 0;
  for (let k = 0; k < K; k++) {
    const w = Math.exp(UTILITY_BASE - RISK_AVERSION * risk[base + k]);
    weights[k] = w;
    total += w;
  }
  const x = u * total;
  let running = 0;
  for (let k = 0; k < K; k++) {
    running += weights[k];
    if (running > x) return k;
  }
  return K - 1;
}

function tick(
  s: ReferenceState, n: number, rng: Sfc32Block, p: Float64Array, weights: Float64Array,
  counts: Int32Array, c: Counters,
): void {
  const district = s.district;
  const risk = s.risk;
  let detections = 0;
  let rechoices = 0;
  for (let i = 0; i < n; i++) {
    const d = district[i];
    const base = i * K;
    const u1 = rng.next();
    let chosen = -1;
    if (u1 < p[d]) {
      detections++;
      const j = base + d;
      risk[j] += LEARN_WEIGHT * (1 - risk[j]);
      chosen = rechoose(risk, base, rng.next(), weights);
    } else if (rng.next() < SPONTANEOUS_RECHOICE) {
      chosen = rechoose(risk, base, rng.next(), weights);
    }
    if (chosen >= 0) {
      rechoices++;
      counts[d]--;
      counts[chosen]++;
      district[i] = chosen;
    }
    for (let k = base, end = base + K; k < end; k++) risk[k] = RISK_FLOOR + RISK_KEEP * (risk[k] - RISK_FLOOR);
  }
  c.detections += detections;
  c.rechoices += rechoices;
}

export function runStandardReference({ n, ticks, seed }: StandardRunOptions): StandardResult {
  const alloc = measureAllocation(n, (): ReferenceState => {
    const district = new Uint8Array(n);
    for (let i = 0; i < n; i++) district[i] = i % K;
    const risk = new Float64Array(n * K).fill(RISK_FLOOR);
    return { district, risk };
  });
  const s = alloc.value;
  const rng = new Sfc32Block(seed);
  const p = Float64Array.from(P);
  const weights = new Float64Array(K);
  const counts = new Int32Array(K);
  for (let i = 0; i < n; i++) counts[s.district[i]]++;
  const c: Counters = { detections: 0, rechoices: 0 };
  let expected = 0;

  const t0 = nowSeconds();
  for (let t = 0; t < ticks; t++) {
    expected += expectedDetectionsOf(counts);
    tick(s, n, rng, p, weights, counts, c);
  }
  const seconds = nowSeconds() - t0;

  let riskSum = 0;
  let ownRiskSum = 0;
  const occupancy = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    const d = s.district[i];
    occupancy[d]++;
    ownRiskSum += s.risk[i * K + d];
    for (let k = 0; k < K; k++) riskSum += s.risk[i * K + k];
  }
  return {
    implementation: 'reference',
    n, ticks, seed,
    agentTicksPerSecond: (n * ticks) / seconds,
    seconds,
    bytesPerAgent: s.district.BYTES_PER_ELEMENT + K * s.risk.BYTES_PER_ELEMENT,
    memoryMethod: 'typed-array sizes',
    bytesPerAgentMeasured: alloc.bytesPerAgent,
    sanity: sanityFrom({
      n, ticks, riskSum, ownRiskSum, occupancy, expectedDetections: expected,
      detections: c.detections, rechoices: c.rechoices,
    }),
  };
}

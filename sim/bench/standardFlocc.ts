// The standard benchmark written as idiomatic flocc 0.7.0: an Environment of Agents whose data
// (district, risk vector) live in agent.get/agent.set, one tick rule per agent, environment.tick()
// once per tick with flocc's defaults (uniform activation, order shuffled each tick), and flocc's
// own seeded generator utils.uniform() for every draw.
//
// flocc is a dev dependency, so it is required when a run starts rather than at import time: code
// that imports this module (e.g. the CLI) still loads where dev dependencies are not installed.

import type * as Flocc from 'flocc';
import {
  K, P, RISK_FLOOR, RISK_KEEP, LEARN_WEIGHT, SPONTANEOUS_RECHOICE, UTILITY_BASE, RISK_AVERSION,
  StandardResult, StandardRunOptions, expectedDetectionsOf, measureAllocation, nowSeconds, sanityFrom,
} from './standardModel';

export interface FloccRunOptions extends StandardRunOptions {
  /** flocc's tick option; flocc defaults to true (a shuffle, i.e. one more draw per agent, each tick) */
  randomizeOrder?: boolean;
}

export function runStandardFlocc({ n, ticks, seed, randomizeOrder = true }: FloccRunOptions): StandardResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Environment, Agent, utils } = require('flocc') as typeof Flocc;
  utils.seed(seed);

  let detections = 0;
  let rechoices = 0;
  const counts = new Array<number>(K).fill(0);

  const choose = (risk: number[], u: number): number => {
    const weights: number[] = [];
    let total = 0;
    for (let k = 0; k < K; k++) {
      const w = Math.exp(UTILITY_BASE - RISK_AVERSION * risk[k]);
      weights.push(w);
      total += w;
    }
    const x = u * total;
    let running = 0;
    for (let k = 0; k < K; k++) {
      running += weights[k];
      if (running > x) return k;
    }
    return K - 1;
  };

  const tickRule = (agent: Flocc.Agent): void => {
    const district: number = agent.get('district');
    const risk: number[] = agent.get('risk');
    let chosen = -1;
    if (utils.uniform() < P[district]) {
      detections++;
      risk[district] += LEARN_WEIGHT * (1 - risk[district]);
      chosen = choose(risk, utils.uniform());
    } else if (utils.uniform() < SPONTANEOUS_RECHOICE) {
      chosen = choose(risk, utils.uniform());
    }
    if (chosen >= 0) {
      rechoices++;
      counts[district]--;
      counts[chosen]++;
      agent.set('district', chosen);
    }
    for (let k = 0; k < K; k++) risk[k] = RISK_FLOOR + RISK_KEEP * (risk[k] - RISK_FLOOR);
    agent.set('risk', risk);
  };

  const alloc = measureAllocation(n, () => {
    const environment = new Environment();
    for (let i = 0; i < n; i++) {
      const agent = new Agent({ district: i % K, risk: new Array<number>(K).fill(RISK_FLOOR) });
      agent.set('tick', tickRule);
      environment.addAgent(agent);
    }
    return environment;
  });
  const environment = alloc.value;
  for (const agent of environment.getAgents()) counts[agent.get('district') as number]++;
  let expected = 0;

  const t0 = nowSeconds();
  for (let t = 0; t < ticks; t++) {
    expected += expectedDetectionsOf(counts);
    environment.tick({ randomizeOrder });
  }
  const seconds = nowSeconds() - t0;

  let riskSum = 0;
  let ownRiskSum = 0;
  const occupancy = new Array<number>(K).fill(0);
  for (const agent of environment.getAgents()) {
    const d: number = agent.get('district');
    const risk: number[] = agent.get('risk');
    occupancy[d]++;
    ownRiskSum += risk[d];
    for (let k = 0; k < K; k++) riskSum += risk[k];
  }
  utils.seed(null); // leave flocc's global generator as we found it (unseeded)
  return {
    implementation: 'flocc',
    n, ticks, seed,
    agentTicksPerSecond: (n * ticks) / seconds,
    seconds,
    bytesPerAgent: alloc.bytesPerAgent,
    memoryMethod: alloc.gc ? 'heap+arrayBuffers delta (gc)' : 'heap+arrayBuffers delta (no gc: noisy)',
    bytesPerAgentMeasured: alloc.bytesPerAgent,
    sanity: sanityFrom({
      n, ticks, riskSum, ownRiskSum, occupancy, expectedDetections: expected,
      detections, rechoices,
    }),
  };
}

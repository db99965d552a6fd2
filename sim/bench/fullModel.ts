import { performance } from 'node:perf_hooks';
import { isoDate, parseIsoDate, type ResolvedScenario } from '../core';
import { agentCount, buildModel, step } from '../engine';
import type { World } from '../world';
import { collectGarbage } from './standardModel';
import { formatTable, median } from './stats';

// The full model's speed and memory: agent-ticks per second on one core, bytes per agent, and how
// time grows with agents × ticks. The same scenario is scaled up by `population.scale` (and the
// consumer cohorts with it), so the mix of actors stays that of the default model.

export interface FullModelOptions {
  scenario: ResolvedScenario;
  world: World;
  /** target mean numbers of agents */
  agents: number[];
  /** horizons in weeks */
  ticks: number[];
  repetitions: number;
  log: (line: string) => void;
}

interface Measurement {
  targetAgents: number;
  ticks: number;
  meanAgents: number;
  seconds: number;
  agentTicksPerSecond: number;
  nsPerAgentTick: number;
  bytesPerAgent: number;
}

function scaled(base: ResolvedScenario, scale: number, ticks: number): ResolvedScenario {
  const cohorts = base.parameters['consumers.cohortsPerDistrict'] as number;
  const end = isoDate(parseIsoDate(base.start)! + 7 * ticks + 1);
  return {
    ...base,
    end,
    parameters: {
      ...base.parameters,
      'population.scale': (base.parameters['population.scale'] as number) * scale,
      'consumers.cohortsPerDistrict': Math.max(1, Math.round(cohorts * scale)),
    },
  };
}

function memoryNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function measure(base: ResolvedScenario, world: World, scale: number, targetAgents: number, ticks: number): Measurement {
  const scenario = scaled(base, scale, ticks);
  collectGarbage();
  const before = memoryNow();
  const model = buildModel(scenario, world, 1, 0);
  let agentTicks = 0;
  const t0 = performance.now();
  for (let t = 0; t < model.ctx.calendar.ticks; t++) {
    agentTicks += agentCount(model);
    step(model);
  }
  const seconds = (performance.now() - t0) / 1000;
  const meanAgents = agentTicks / model.ctx.calendar.ticks;
  collectGarbage();
  const bytes = memoryNow() - before;
  // keep the model alive until measured
  if (agentCount(model) < 0) throw new Error('unreachable');
  return {
    targetAgents,
    ticks: model.ctx.calendar.ticks,
    meanAgents,
    seconds,
    agentTicksPerSecond: agentTicks / seconds,
    nsPerAgentTick: (seconds * 1e9) / agentTicks,
    bytesPerAgent: bytes / meanAgents,
  };
}

export interface FullModelResult {
  rows: { targetAgents: number; ticks: number; meanAgents: number; agentTicksPerSecond: number; nsPerAgentTick: number; bytesPerAgent: number }[];
  /** bytes per extra agent between the smallest and the largest size */
  marginalBytesPerAgent: number;
  /** ns per agent-tick at each (agents, ticks) relative to the smallest: 1 = linear */
  costRatios: number[];
  /** least-squares fit of time = perAgentTick·(agents × ticks) + perTick·ticks, in ns */
  fit: { nsPerAgentTick: number; nsPerTick: number; maxRelativeError: number };
}

/** Fits seconds = a·agentTicks + b·ticks by least squares (two unknowns, normal equations). */
function fitLinear(points: { agentTicks: number; ticks: number; seconds: number }[]): FullModelResult['fit'] {
  let sxx = 0, sxy = 0, syy = 0, sxt = 0, syt = 0;
  for (const p of points) {
    sxx += p.agentTicks * p.agentTicks;
    sxy += p.agentTicks * p.ticks;
    syy += p.ticks * p.ticks;
    sxt += p.agentTicks * p.seconds;
    syt += p.ticks * p.seconds;
  }
  const det = sxx * syy - sxy * sxy;
  const a = (sxt * syy - syt * sxy) / det;
  const b = (syt * sxx - sxt * sxy) / det;
  const maxRelativeError = Math.max(...points.map((p) => Math.abs(a * p.agentTicks + b * p.ticks - p.seconds) / p.seconds));
  return { nsPerAgentTick: a * 1e9, nsPerTick: b * 1e9, maxRelativeError };
}

export function runFullModelBenchmark(o: FullModelOptions): FullModelResult {
  const shortest = Math.min(...o.ticks);
  // How many agents the scenario has at scale 1, to aim each size at its target.
  const probe = measure(o.scenario, o.world, 1, 0, shortest);
  const configs = o.agents.flatMap((a) => o.ticks.map((t) => ({ agents: a, ticks: t, scale: a / probe.meanAgents })));
  const runs: Measurement[][] = configs.map(() => []);
  for (let r = 0; r < o.repetitions; r++) {
    for (let c = 0; c < configs.length; c++) {
      const j = (c + r) % configs.length; // rotate the order each repetition
      const cfg = configs[j];
      runs[j].push(measure(o.scenario, o.world, cfg.scale, cfg.agents, cfg.ticks));
    }
  }
  const rows = configs.map((cfg, j) => ({
    targetAgents: cfg.agents,
    ticks: runs[j][0].ticks,
    meanAgents: median(runs[j].map((m) => m.meanAgents)),
    agentTicksPerSecond: median(runs[j].map((m) => m.agentTicksPerSecond)),
    nsPerAgentTick: median(runs[j].map((m) => m.nsPerAgentTick)),
    bytesPerAgent: median(runs[j].map((m) => m.bytesPerAgent)),
  }));
  const small = rows[0];
  const big = rows.filter((r) => r.ticks === small.ticks).at(-1)!;
  const marginal = (big.bytesPerAgent * big.meanAgents - small.bytesPerAgent * small.meanAgents) / (big.meanAgents - small.meanAgents);
  const costRatios = rows.map((r) => r.nsPerAgentTick / small.nsPerAgentTick);
  const fit = fitLinear(
    rows.map((r) => ({ agentTicks: r.meanAgents * r.ticks, ticks: r.ticks, seconds: (r.meanAgents * r.ticks) / r.agentTicksPerSecond })),
  );

  o.log(`Full model (scenario ${o.scenario.name}), one thread, median of ${o.repetitions} interleaved repetitions`);
  for (const line of formatTable([
    ['target agents', 'mean agents', 'ticks', 'agent-ticks/s', 'ns/agent-tick', 'cost vs smallest', 'bytes/agent'],
    ...rows.map((r, i) => [
      r.targetAgents,
      Math.round(r.meanAgents),
      r.ticks,
      `${(r.agentTicksPerSecond / 1e6).toFixed(2)} M`,
      r.nsPerAgentTick.toFixed(0),
      `${costRatios[i].toFixed(2)}x`,
      Math.round(r.bytesPerAgent),
    ]),
  ])) o.log(line);
  o.log(`bytes per extra agent (${Math.round(small.meanAgents)} → ${Math.round(big.meanAgents)} agents): ${Math.round(marginal)}`);
  o.log(
    `time = ${fit.nsPerAgentTick.toFixed(0)} ns × agents × ticks + ${(fit.nsPerTick / 1e3).toFixed(0)} µs × ticks ` +
      `(least squares over the ${rows.length} sizes; largest misfit ${(fit.maxRelativeError * 100).toFixed(0)}%)`,
  );
  return { rows, marginalBytesPerAgent: marginal, costRatios, fit };
}

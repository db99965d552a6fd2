// Harness for the standard speed benchmark (standardModel.ts): runs waterbed's engine, the
// typed-array reference kernel and idiomatic flocc interleaved in one process, order rotated each
// repetition, and reports median rates, ratios, memory per agent and a sanity comparison showing
// that the three simulate the same model (statistically: their random draws differ).

import { runStandardWaterbed } from './standardWaterbed';
import { runStandardReference } from './standardReference';
import { runStandardFlocc } from './standardFlocc';
import { K, P, StandardResult, StandardSanity, collectGarbage } from './standardModel';
import { Cell, formatTable, median } from './stats';

export type { StandardResult, StandardSanity } from './standardModel';

export type ImplementationName = 'waterbed' | 'reference' | 'flocc';
export const IMPLEMENTATIONS: readonly ImplementationName[] = ['waterbed', 'reference', 'flocc'];

/** The targets in the README's "Speed and memory" table. */
export const TARGETS = { waterbedToReference: 0.65, waterbedToFlocc: 30 } as const;

export interface StandardBenchmarkOptions {
  /** agents for waterbed and the reference kernel (default 100,000) */
  n?: number;
  /** ticks for waterbed and the reference kernel (default 200) */
  ticks?: number;
  /** repetitions of each implementation, interleaved, order rotated (default 3) */
  repetitions?: number;
  /** agents for flocc, which is ~100× slower (default 10,000; 0 skips flocc) */
  floccN?: number;
  /** ticks for flocc (default `ticks`; if different, flocc's sanity is shown but not compared) */
  floccTicks?: number;
  /** flocc's tick option randomizeOrder (default true, flocc's own default) */
  floccRandomizeOrder?: boolean;
  /** dynamics seed (default 42) */
  seed?: number;
  /** a short untimed run of each implementation first, so the first repetition is not a JIT warm-up (default true) */
  warmup?: boolean;
  /** also print the per-district occupancy table (default false) */
  verbose?: boolean;
  /** receives the report, one line per call (default: discard) */
  log?: (line: string) => void;
}

export interface ImplementationSummary {
  implementation: ImplementationName;
  n: number;
  ticks: number;
  medianAgentTicksPerSecond: number;
  minAgentTicksPerSecond: number;
  maxAgentTicksPerSecond: number;
  medianSeconds: number;
  bytesPerAgent: number;
  memoryMethod: string;
  bytesPerAgentMeasured: number;
}

export interface Ratio {
  /** ratio of the median rates */
  ofMedians: number;
  /** median over repetitions of the ratio within each repetition (robust to drifts in machine load) */
  pairedMedian: number;
  target: number;
  met: boolean;
}

export interface SanityRow {
  metric: string;
  values: Partial<Record<ImplementationName, number>>;
  /** the largest difference between the compared implementations (relative or absolute, see `kind`) */
  difference: number;
  kind: 'relative' | 'absolute';
  tolerance: number;
  ok: boolean;
}

export interface StandardBenchmarkResult {
  options: Required<Omit<StandardBenchmarkOptions, 'log'>>;
  gcExposed: boolean;
  /** every timed run, per implementation, in repetition order */
  runs: Partial<Record<ImplementationName, StandardResult[]>>;
  /** the order the implementations ran in, per repetition */
  orders: ImplementationName[][];
  summaries: Partial<Record<ImplementationName, ImplementationSummary>>;
  ratios: { waterbedToReference: Ratio; waterbedToFlocc: Ratio | null };
  sanity: { rows: SanityRow[]; compared: ImplementationName[]; agree: boolean };
}

// ---------------------------------------------------------------------------------------------

function runOne(name: ImplementationName, n: number, ticks: number, seed: number, randomizeOrder: boolean): StandardResult {
  collectGarbage();
  switch (name) {
    case 'waterbed': return runStandardWaterbed({ n, ticks, seed });
    case 'reference': return runStandardReference({ n, ticks, seed });
    case 'flocc': return runStandardFlocc({ n, ticks, seed, randomizeOrder });
  }
}

function rotate<T>(xs: readonly T[], by: number): T[] {
  const s = ((by % xs.length) + xs.length) % xs.length;
  return [...xs.slice(s), ...xs.slice(0, s)];
}

function rate(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(0);
}

function ratioText(x: number): string {
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`;
}

function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Tolerances for agreement of the statistical sanity outputs, widened for small runs: the noise of
 * a run falls like 1/sqrt(N) (N = the smallest population compared) and grows somewhat for short
 * runs; the base values hold at N = 10,000 with 200 ticks (several standard errors there).
 */
function tolerances(nMin: number, ticks: number) {
  const scale = Math.max(1, Math.sqrt(10_000 / nMin)) * Math.max(1, (200 / ticks) ** 0.25);
  return {
    relative: 0.03 * scale,
    corr: 0.05 * scale,
    share: 0.015 * scale,
  };
}

function relDiff(values: number[]): number {
  const lo = Math.min(...values), hi = Math.max(...values);
  const mid = (Math.abs(lo) + Math.abs(hi)) / 2;
  return mid === 0 ? 0 : (hi - lo) / mid;
}

function sanityRows(sanity: Partial<Record<ImplementationName, StandardSanity>>, compared: ImplementationName[], nMin: number, ticks: number): SanityRow[] {
  const tol = tolerances(nMin, ticks);
  const names = Object.keys(sanity) as ImplementationName[];
  const rows: SanityRow[] = [];
  const scalar = (metric: string, pick: (s: StandardSanity) => number, kind: 'relative' | 'absolute', tolerance: number) => {
    const values: Partial<Record<ImplementationName, number>> = {};
    for (const name of names) values[name] = pick(sanity[name]!);
    const vs = compared.map((c) => values[c]!);
    const difference = vs.length < 2 ? 0 : kind === 'relative' ? relDiff(vs) : Math.max(...vs) - Math.min(...vs);
    rows.push({ metric, values, difference, kind, tolerance, ok: difference <= tolerance });
  };
  scalar('mean risk', (s) => s.meanRisk, 'relative', tol.relative);
  scalar('mean own-district risk', (s) => s.meanOwnRisk, 'relative', tol.relative);
  scalar('detections / agent-tick', (s) => s.detectionsPerAgentTick, 'relative', tol.relative);
  scalar('re-choices / agent-tick', (s) => s.rechoicesPerAgentTick, 'relative', tol.relative);
  scalar('corr(occupancy, p)', (s) => s.corrOccupancyP, 'absolute', tol.corr);
  // occupancy: values are each implementation's largest share; the difference is the largest gap
  // between implementations in any one district's share
  {
    const values: Partial<Record<ImplementationName, number>> = {};
    for (const name of names) values[name] = Math.max(...sanity[name]!.occupancyShare);
    let difference = 0;
    for (let k = 0; k < K; k++) {
      const vs = compared.map((c) => sanity[c]!.occupancyShare[k]);
      if (vs.length > 1) difference = Math.max(difference, Math.max(...vs) - Math.min(...vs));
    }
    rows.push({ metric: 'occupancy share (max; diff: worst district)', values, difference, kind: 'absolute', tolerance: tol.share, ok: difference <= tol.share });
  }
  // internal consistency: realised detections against the expectation from occupancy × p
  {
    const values: Partial<Record<ImplementationName, number>> = {};
    let difference = 0;
    for (const name of names) {
      const s = sanity[name]!;
      values[name] = s.detectionsPerAgentTick / s.expectedDetectionsPerAgentTick;
      difference = Math.max(difference, Math.abs(values[name]! - 1));
    }
    rows.push({ metric: 'detections / expected (Σ occ·p)', values, difference, kind: 'absolute', tolerance: tol.relative, ok: difference <= tol.relative });
  }
  return rows;
}

export function runStandardBenchmark(options: StandardBenchmarkOptions = {}): StandardBenchmarkResult {
  const n = options.n ?? 100_000;
  const ticks = options.ticks ?? 200;
  const repetitions = Math.max(1, Math.floor(options.repetitions ?? 3));
  const floccN = options.floccN ?? 10_000;
  const floccTicks = options.floccTicks ?? ticks;
  const floccRandomizeOrder = options.floccRandomizeOrder ?? true;
  const seed = options.seed ?? 42;
  const warmup = options.warmup ?? true;
  const verbose = options.verbose ?? false;
  const log = options.log ?? (() => {});

  const active: ImplementationName[] = floccN > 0 ? [...IMPLEMENTATIONS] : ['waterbed', 'reference'];
  const size = (name: ImplementationName) => (name === 'flocc' ? { n: floccN, ticks: floccTicks } : { n, ticks });
  const gcExposed = collectGarbage();

  log(`Standard benchmark: risk-based location choice (K = ${K} districts, seed ${seed})`);
  log(`  waterbed and reference: N = ${thousands(n)}, ${ticks} ticks; flocc: ${floccN > 0 ? `N = ${thousands(floccN)}, ${floccTicks} ticks` : 'skipped'}`);
  log(`  ${repetitions} repetition(s), interleaved, order rotated each repetition; gc available: ${gcExposed ? 'yes' : 'no (memory figures are noisy)'}`);
  if (repetitions < 3) log('  note: fewer than 3 repetitions; medians are not robust');

  if (warmup) {
    for (const name of active) runOne(name, Math.min(size(name).n, 2_000), Math.min(size(name).ticks, 20), seed + 1, floccRandomizeOrder);
  }

  const runs: Partial<Record<ImplementationName, StandardResult[]>> = {};
  for (const name of active) runs[name] = [];
  const orders: ImplementationName[][] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    const order = rotate(active, rep);
    orders.push(order);
    const parts: string[] = [];
    for (const name of order) {
      const r = runOne(name, size(name).n, size(name).ticks, seed, floccRandomizeOrder);
      runs[name]!.push(r);
      parts.push(`${name} ${rate(r.agentTicksPerSecond)}/s (${r.seconds.toFixed(2)} s)`);
    }
    log(`  repetition ${rep + 1}: ${parts.join(', ')}`);
  }

  const summaries: Partial<Record<ImplementationName, ImplementationSummary>> = {};
  for (const name of active) {
    const rs = runs[name]!;
    const rates = rs.map((r) => r.agentTicksPerSecond);
    summaries[name] = {
      implementation: name,
      n: rs[0].n,
      ticks: rs[0].ticks,
      medianAgentTicksPerSecond: median(rates),
      minAgentTicksPerSecond: Math.min(...rates),
      maxAgentTicksPerSecond: Math.max(...rates),
      medianSeconds: median(rs.map((r) => r.seconds)),
      bytesPerAgent: median(rs.map((r) => r.bytesPerAgent)),
      memoryMethod: rs[0].memoryMethod,
      bytesPerAgentMeasured: median(rs.map((r) => r.bytesPerAgentMeasured)),
    };
  }

  const ratio = (a: ImplementationName, b: ImplementationName, target: number): Ratio => {
    const ofMedians = summaries[a]!.medianAgentTicksPerSecond / summaries[b]!.medianAgentTicksPerSecond;
    const pairedMedian = median(runs[a]!.map((r, i) => r.agentTicksPerSecond / runs[b]![i].agentTicksPerSecond));
    return { ofMedians, pairedMedian, target, met: ofMedians >= target };
  };
  const ratios = {
    waterbedToReference: ratio('waterbed', 'reference', TARGETS.waterbedToReference),
    waterbedToFlocc: floccN > 0 ? ratio('waterbed', 'flocc', TARGETS.waterbedToFlocc) : null,
  };

  // ---- speed table
  log('');
  const speedRows: Cell[][] = [['implementation', 'N', 'ticks', 'agent-ticks/s (median)', 'min – max', '× reference', 'bytes/agent', 'memory measured by']];
  for (const name of active) {
    const s = summaries[name]!;
    speedRows.push([
      name, thousands(s.n), s.ticks, rate(s.medianAgentTicksPerSecond),
      `${rate(s.minAgentTicksPerSecond)} – ${rate(s.maxAgentTicksPerSecond)}`,
      (s.medianAgentTicksPerSecond / summaries.reference!.medianAgentTicksPerSecond).toFixed(3),
      s.bytesPerAgent.toFixed(0),
      s.memoryMethod === 'typed-array sizes' ? `typed-array sizes (heap delta ${s.bytesPerAgentMeasured.toFixed(0)})` : s.memoryMethod,
    ]);
  }
  formatTable(speedRows).forEach((l) => log(`  ${l}`));
  log('');
  const rr = ratios.waterbedToReference;
  log(`  waterbed / reference = ${ratioText(rr.ofMedians)} (paired ${ratioText(rr.pairedMedian)}); target ≥ ${rr.target}×: ${rr.met ? 'met' : 'NOT met'}`);
  if (ratios.waterbedToFlocc) {
    const rf = ratios.waterbedToFlocc;
    log(`  waterbed / flocc     = ${ratioText(rf.ofMedians)} (paired ${ratioText(rf.pairedMedian)}); target ≥ ${rf.target}×: ${rf.met ? 'met' : 'NOT met'}`);
  }

  // ---- sanity table (from the last repetition; with a fixed seed every repetition is identical)
  const sanity: Partial<Record<ImplementationName, StandardSanity>> = {};
  for (const name of active) sanity[name] = runs[name]![runs[name]!.length - 1].sanity;
  const compared = active.filter((name) => name !== 'flocc' || floccTicks === ticks);
  const nMin = Math.min(...compared.map((name) => size(name).n));
  const rows = sanityRows(sanity, compared, nMin, ticks);
  const agree = rows.every((r) => r.ok);
  log('');
  log(`  Sanity (statistical: different generators draw different numbers; compared: ${compared.join(', ')})`);
  const sanityTable: Cell[][] = [['metric', ...active, 'difference', 'tolerance', 'agree']];
  for (const r of rows) {
    const fmt = (v: number | undefined) => (v === undefined ? '' : r.metric.startsWith('corr') || r.metric.startsWith('detections / expected') ? v.toFixed(3) : v.toFixed(5));
    const diff = (x: number) => (r.kind === 'relative' ? `${(x * 100).toFixed(2)}%` : x.toFixed(4));
    sanityTable.push([r.metric, ...active.map((name) => fmt(r.values[name])), diff(r.difference), diff(r.tolerance), r.ok ? 'yes' : 'NO']);
  }
  formatTable(sanityTable).forEach((l) => log(`  ${l}`));
  log(`  the three ${agree ? 'agree' : 'DO NOT agree'} within noise`);
  if (verbose) {
    log('');
    const occ: Cell[][] = [['district', 'p', ...active.map((a) => `${a} share`)]];
    for (let k = 0; k < K; k++) occ.push([k, P[k].toFixed(4), ...active.map((a) => sanity[a]!.occupancyShare[k].toFixed(4))]);
    formatTable(occ).forEach((l) => log(`  ${l}`));
  }

  return {
    options: { n, ticks, repetitions, floccN, floccTicks, floccRandomizeOrder, seed, warmup, verbose },
    gcExposed,
    runs,
    orders,
    summaries,
    ratios,
    sanity: { rows, compared, agree },
  };
}

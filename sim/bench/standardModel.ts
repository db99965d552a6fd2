// The standard speed benchmark: risk-based location choice, one model written three ways (standard.ts).
// Constants, the result shape shared by every implementation, the sfc32 generator used by the
// reference kernel, and the helpers that turn end-of-run state into the sanity outputs.

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Number of districts. */
export const K = 22;

/** Fixed detection probabilities p_k (0.01 + 0.09·U, U from sfc32 seeded 12345, 15 warm-up draws). */
export const P: readonly number[] = Object.freeze([
  0.0903, 0.0911, 0.0483, 0.0707, 0.0846, 0.0809, 0.0376, 0.0427, 0.011, 0.0477, 0.0546, 0.0549, 0.0492,
  0.0708, 0.0789, 0.0868, 0.0221, 0.0796, 0.0352, 0.0502, 0.0141, 0.0118,
]);

/** Perceived risk with no news (initial value and decay target). */
export const RISK_FLOOR = 0.05;
/** Share of the excess over the floor kept from one tick to the next. */
export const RISK_KEEP = 0.98;
/** Learning weight on detection: r ← r + 0.3·(1 − r). */
export const LEARN_WEIGHT = 0.3;
/** Probability of a spontaneous re-choice when not detected. */
export const SPONTANEOUS_RECHOICE = 0.02;
/** Utility u_k = UTILITY_BASE − RISK_AVERSION·r_k; logit temperature 1. */
export const UTILITY_BASE = 1.0;
export const RISK_AVERSION = 8;

export interface StandardRunOptions {
  /** number of agents */
  n: number;
  /** number of ticks (the spec uses 200) */
  ticks: number;
  /** dynamics seed (the spec uses 42) */
  seed: number;
}

export interface StandardSanity {
  /** mean perceived risk over agents and districts at the end */
  meanRisk: number;
  /** mean perceived risk of each agent for its own (final) district */
  meanOwnRisk: number;
  detectionsPerAgentTick: number;
  rechoicesPerAgentTick: number;
  /** final share of agents per district (sums to 1) */
  occupancyShare: number[];
  /** Pearson correlation of the final occupancy shares with p */
  corrOccupancyP: number;
  /**
   * Expected detections per agent-tick given where agents were at the start of each tick
   * (Σ_t Σ_k count_k(t)·p_k / (N·ticks)); the realised rate should be within sampling noise of it.
   */
  expectedDetectionsPerAgentTick: number;
}

export type MemoryMethod = 'typed-array sizes' | 'heap+arrayBuffers delta (gc)' | 'heap+arrayBuffers delta (no gc: noisy)';

export interface StandardResult {
  implementation: string;
  n: number;
  ticks: number;
  seed: number;
  /** N·ticks / seconds of the tick loop */
  agentTicksPerSecond: number;
  /** wall time of the tick loop only (allocation and summary excluded) */
  seconds: number;
  /** per-agent memory; how it was obtained is in `memoryMethod` */
  bytesPerAgent: number;
  memoryMethod: MemoryMethod;
  /** heap + arrayBuffers growth across allocation of the agents, per agent (gc'd first when --expose-gc) */
  bytesPerAgentMeasured: number;
  sanity: StandardSanity;
}

// ---------------------------------------------------------------------------------------------
// sfc32, block-filled

const BLOCK = 1024;
const TWO_POW_32 = 4294967296;

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator), filling a block of uniforms at a
 * time. Seeded as (0x9e3779b9, 0x243f6a88, 0xb7e15162, seed) with 15 warm-up draws: the convention
 * that reproduces the benchmark's p vector from seed 12345.
 */
export class Sfc32Block {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly block = new Float64Array(BLOCK);
  private index = BLOCK;

  constructor(seed: number) {
    this.a = 0x9e3779b9 | 0;
    this.b = 0x243f6a88 | 0;
    this.c = 0xb7e15162 | 0;
    this.d = seed | 0;
    // The 15 warm-up draws are the first 15 of the first block, skipped.
    this.refill();
    this.index = 15;
  }

  /** Uniform in [0, 1). */
  next(): number {
    if (this.index === BLOCK) this.refill();
    return this.block[this.index++];
  }

  private refill(): void {
    let a = this.a, b = this.b, c = this.c, d = this.d;
    const out = this.block;
    for (let i = 0; i < BLOCK; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = (t >>> 0) / TWO_POW_32;
    }
    this.a = a; this.b = b; this.c = c; this.d = d;
    this.index = 0;
  }
}

/** Regenerates p from its definition (for tests: must round to the fixed vector P). */
export function generateP(seed = 12345): number[] {
  const g = new Sfc32Block(seed);
  const p: number[] = [];
  for (let k = 0; k < K; k++) p.push(0.01 + 0.09 * g.next());
  return p;
}

// ---------------------------------------------------------------------------------------------
// summaries

/** Pearson correlation of two equal-length vectors (NaN when either is constant). */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]; my += ys[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Raw end-of-run tallies, from which every implementation builds the same sanity record. */
export interface Tallies {
  n: number;
  ticks: number;
  /** Σ over agents and districts of r */
  riskSum: number;
  /** Σ over agents of r[own district] */
  ownRiskSum: number;
  detections: number;
  rechoices: number;
  /** final agents per district */
  occupancy: ArrayLike<number>;
  /** Σ_t Σ_k count_k(t)·p_k */
  expectedDetections: number;
}

export function sanityFrom(t: Tallies): StandardSanity {
  const agentTicks = t.n * t.ticks;
  const share: number[] = [];
  for (let k = 0; k < K; k++) share.push(t.occupancy[k] / t.n);
  return {
    meanRisk: t.riskSum / (t.n * K),
    meanOwnRisk: t.ownRiskSum / t.n,
    detectionsPerAgentTick: t.detections / agentTicks,
    rechoicesPerAgentTick: t.rechoices / agentTicks,
    occupancyShare: share,
    corrOccupancyP: pearson(share, P),
    expectedDetectionsPerAgentTick: t.expectedDetections / agentTicks,
  };
}

/** Σ_k counts[k]·p[k]. */
export function expectedDetectionsOf(counts: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < K; k++) s += counts[k] * P[k];
  return s;
}

// ---------------------------------------------------------------------------------------------
// timing and memory

export function nowSeconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

let gcFunction: (() => void) | null | undefined;

/**
 * The garbage collector: global.gc when node runs with --expose-gc, else obtained at run time by
 * turning the flag on and reading `gc` from a fresh context (a standard trick); null if neither works.
 */
function findGc(): (() => void) | null {
  if (gcFunction !== undefined) return gcFunction;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (gcFunction = exposed);
  try {
    v8.setFlagsFromString('--expose-gc');
    const fromContext: unknown = vm.runInNewContext('gc');
    gcFunction = typeof fromContext === 'function' ? (fromContext as () => void) : null;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

/** Runs a full collection when possible (see findGc); returns whether it could. */
export function collectGarbage(): boolean {
  const gc = findGc();
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** heapUsed + arrayBuffers (typed arrays live outside the JS heap). */
export function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Measures memory growth across `allocate()` (gc'd before and after when possible) and returns its
 * result with bytes per agent. The allocated value must be kept alive by the caller.
 */
export function measureAllocation<T>(n: number, allocate: () => T): { value: T; bytesPerAgent: number; gc: boolean } {
  const gc = collectGarbage();
  const before = heapBytes();
  const value = allocate();
  collectGarbage();
  const after = heapBytes();
  return { value, bytesPerAgent: Math.max(0, after - before) / n, gc };
}

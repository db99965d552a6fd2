import type { ResolvedScenario } from '../core/types';
import { valueAt } from './domains';
import type { Design } from './designs/design';
import { designRegistry } from './designs/registry';
import { applyFactors } from './factors';
import { canonicalValues, pointId, runSeed } from './hash';
import { randomStream } from './random';
import type { SweepSpec } from './spec';

// From a sweep file to the list of runs: the design's rows, the distinct points they name (two rows
// with the same factor values are one point, run once), and every run's id and seed. Then the order
// in which runs are executed and how they are split into shards. None of it depends on how many
// workers or shards there are, except which shard a run belongs to.

export interface PlannedPoint {
  id: string;
  /** factor values, in the order of spec.factors */
  values: number[];
}

export interface PlannedRun {
  /** `<point id>/<scenario>/r<replicate>` */
  id: string;
  point: number;
  variant: number;
  replicate: number;
  seed: number;
}

export interface Plan {
  design: Design;
  /** distinct points, in the order the design first names them */
  points: PlannedPoint[];
  /** design row → index into points */
  rowPoint: number[];
  /** every run, in table order: point, then scenario, then replicate */
  runs: PlannedRun[];
  /** indices into runs, in execution order (interleaved, see executionOrder) */
  order: number[];
}

export interface Shard {
  /** 0-based, like SLURM_ARRAY_TASK_ID */
  index: number;
  count: number;
}

/** The scenario of a run: its variant's, with the factors at its point's values. */
export function runScenario(spec: SweepSpec, plan: Plan, run: PlannedRun): ResolvedScenario {
  return applyFactors(spec.variants[run.variant].scenario, run.variant, spec.factors, plan.points[run.point].values);
}

export function runId(point: string, variant: string, replicate: number): string {
  return `${point}/${variant}/r${replicate}`;
}

export function planSweep(spec: SweepSpec): Plan {
  const module = designRegistry.get(spec.design.type)!;
  const design = module.build(spec.factors.map((f) => f.domain), spec.design, randomStream(spec.seed, `design:${spec.design.type}`));
  const names = spec.factors.map((f) => f.name);

  const points: PlannedPoint[] = [];
  const byId = new Map<string, number>();
  const rowPoint = design.unit.map((u) => {
    const values = spec.factors.map((f, i) => valueAt(f.domain, u[i], f.integer));
    const id = pointId(names, values);
    let index = byId.get(id);
    if (index === undefined) {
      index = points.length;
      byId.set(id, index);
      points.push({ id, values });
    }
    return index;
  });
  const runs = listRuns(points, spec.factors.map((f) => ({ name: f.name, kind: f.target.kind })), spec.variants.map((v) => v.name), spec.replicates, spec.seed);
  const runIndex = (point: number, variant: number, replicate: number) => (point * spec.variants.length + variant) * spec.replicates + replicate;
  return { design, points, rowPoint, runs, order: executionOrder(design, rowPoint, spec.variants.length, spec.replicates, runIndex) };
}

/**
 * Every run of the sweep in table order (point, scenario, replicate), with its id and seed. Seeds
 * come from the model-parameter coordinates only: runs that differ only in policy factors or in the
 * scenario (policy variants at the same point) share their random streams.
 */
export function listRuns(
  points: readonly PlannedPoint[],
  factors: readonly { name: string; kind: 'parameter' | 'policy' }[],
  variants: readonly string[],
  replicates: number,
  sweepSeed: number,
): PlannedRun[] {
  const parameterFactors = factors.flatMap((f, i) => (f.kind === 'parameter' ? [i] : []));
  const parameterNames = parameterFactors.map((i) => factors[i].name);
  const runs: PlannedRun[] = [];
  points.forEach((point, p) => {
    const seedKey = canonicalValues(parameterNames, parameterFactors.map((f) => point.values[f]));
    for (let v = 0; v < variants.length; v++) {
      for (let r = 0; r < replicates; r++) {
        runs.push({ id: runId(point.id, variants[v], r), point: p, variant: v, replicate: r, seed: runSeed(sweepSeed, seedKey, r) });
      }
    }
  });
  return runs;
}

/**
 * Replicate by replicate; within a replicate the design's groups in van der Corput order (bit
 * reversal), so the first runs spread over the whole design and a sweep stopped at any point has
 * covered it evenly; a group's rows (a Sobol row, a Morris trajectory) and a point's scenarios run
 * together, so what is done is usable.
 */
function executionOrder(design: Design, rowPoint: number[], variants: number, replicates: number, runIndex: (p: number, v: number, r: number) => number): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  const groups = spreadOrder(design.groups.length);
  for (let r = 0; r < replicates; r++) {
    for (const g of groups) {
      for (const row of design.groups[g]) {
        for (let v = 0; v < variants; v++) {
          const run = runIndex(rowPoint[row], v, r);
          if (seen.has(run)) continue;
          seen.add(run);
          order.push(run);
        }
      }
    }
  }
  return order;
}

/** 0 … n−1 in bit-reversed (van der Corput) order: 0, n/2, n/4, 3n/4, … for n a power of two. */
export function spreadOrder(n: number): number[] {
  let bits = 0;
  while (1 << bits < n) bits++;
  const out: number[] = [];
  for (let i = 0; i < 1 << bits; i++) {
    let rev = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) rev |= 1 << (bits - 1 - b);
    if (rev < n) out.push(rev);
  }
  return out;
}

/** The runs of one shard, in execution order: every count-th run of the order, from the index-th. */
export function shardRuns(plan: Plan, shard: Shard | null): number[] {
  if (!shard) return plan.order;
  return plan.order.filter((_, k) => k % shard.count === shard.index);
}

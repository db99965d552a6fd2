import type { DesignDocument } from '../designFile';
import { randomStream } from '../random';
import { runsOfDesign } from '../table';
import { morrisIndices } from './morris';
import { sobolIndices } from './sobol';
import { spearmanIndices } from './spearman';
import { CONFIDENCE, type Interval } from './statistics';

// `waterbed sensitivity DIR`: indices for every recorded output of a sweep, per scenario. The value
// of an output at a design point is its mean over the point's successful replicates (a verdict
// becomes, for each verdict class that occurs, the share of replicates with that verdict). Sobol
// designs give S1 and ST, Morris designs μ*, μ and σ, others (lhs, grid) Spearman's ρ.

export type SensitivityMethod = 'sobol' | 'morris' | 'spearman';

export interface IndexValue {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

export interface OutputSensitivity {
  scenario: string;
  output: string;
  /** design rows (sobol), elementary effects (morris) or points (spearman) the indices rest on */
  n: number;
  /** the output's variance over the design points (sobol: over A and B) */
  variance: number | null;
  /**
   * the share of the variance over the design points that is replicate noise: the mean variance of
   * a point's mean over its replicates, divided by the variance of the point means (null with one
   * replicate); near 1 the output's indices cannot be told from noise
   */
  noiseShare: number | null;
  note: string | null;
  factors: { factor: string; indices: Record<string, IndexValue> }[];
}

export interface SensitivityReport {
  sweep: string;
  method: SensitivityMethod;
  design: string;
  confidence: number;
  resamples: number;
  indices: string[];
  outputs: OutputSensitivity[];
}

export const METHOD_INDICES: Record<SensitivityMethod, string[]> = {
  sobol: ['S1', 'ST'],
  morris: ['mu_star', 'mu', 'sigma'],
  spearman: ['rho'],
};

const shown = (x: number): number | null => (Number.isFinite(x) ? x : null);
const interval = (i: Interval): IndexValue => ({ value: shown(i.value), lo: shown(i.lo), hi: shown(i.hi) });
const point = (x: number): IndexValue => ({ value: shown(x), lo: null, hi: null });

export interface PointValues {
  scenario: string;
  output: string;
  /** the mean over the point's replicates, per point (NaN where no replicate gave a value) */
  values: Float64Array;
  /**
   * The replicate noise in those means: the mean over points of (variance between the point's
   * replicates / their number); null without points of two or more replicates.
   */
  noiseVariance: number | null;
}

/** Means and replicate noise of per-point samples (one sample list per point). */
function summarisePoints(samples: number[][]): { values: Float64Array; noiseVariance: number | null } {
  const values = Float64Array.from(samples, (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN));
  let noise = 0;
  let points = 0;
  samples.forEach((xs, p) => {
    if (xs.length < 2) return;
    const m = values[p];
    noise += xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length;
    points++;
  });
  return { values, noiseVariance: points ? noise / points : null };
}

/** Per scenario and output: the value at each design point and its replicate noise. */
export function pointValues(doc: DesignDocument, table: string[][]): PointValues[] {
  const [header, ...rows] = table;
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`table.csv has no column "${name}"`);
    return i;
  };
  const runs = runsOfDesign(doc);
  if (rows.length !== runs.length) throw new Error(`table.csv has ${rows.length} rows, the design has ${runs.length} runs`);
  const idCol = col('point');
  const statusCol = col('status');
  if (rows.some((row, i) => row[idCol] !== doc.points[runs[i].point].id)) throw new Error('table.csv rows are not in the design\'s order');
  const out: PointValues[] = [];
  const perPoint = (cells: { point: number; value: number }[]) => {
    const samples: number[][] = doc.points.map(() => []);
    for (const c of cells) samples[c.point].push(c.value);
    return summarisePoints(samples);
  };
  doc.scenarios.forEach((scenario, v) => {
    const mine = runs.flatMap((run, i) => (run.variant === v && rows[i][statusCol] === 'ok' ? [{ point: run.point, row: rows[i] }] : []));
    for (const output of doc.outputs) {
      const c = col(output.name);
      const given = mine.filter(({ row }) => row[c] !== '');
      if (output.type === 'number') {
        out.push({ scenario, output: output.name, ...perPoint(given.map(({ point, row }) => ({ point, value: Number(row[c]) }))) });
        continue;
      }
      // A text output (a verdict): one indicator per class that occurs.
      for (const cls of [...new Set(given.map(({ row }) => row[c]))].sort()) {
        out.push({ scenario, output: `${output.name}=${cls}`, ...perPoint(given.map(({ point, row }) => ({ point, value: row[c] === cls ? 1 : 0 }))) });
      }
    }
  });
  return out;
}

export function analyseSensitivity(doc: DesignDocument, table: string[][], resamples = 1000): SensitivityReport {
  const structure = doc.design.structure;
  const method: SensitivityMethod = structure.kind === 'sobol' ? 'sobol' : structure.kind === 'morris' ? 'morris' : 'spearman';
  const k = doc.factors.length;
  const outputs = pointValues(doc, table).map(({ scenario, output, values, noiseVariance }): OutputSensitivity => {
    // One random stream per output, so adding an output changes no other output's intervals.
    const random = randomStream(doc.seed, `bootstrap:${scenario}:${output}`);
    const byRow = Float64Array.from(doc.rows, (r) => values[r.point]);
    // How much of the variance over the design is the replicates' own noise (the model's
    // randomness, not the factors): near 1, no index of this output can be told from noise.
    const spread = variance(values);
    const base = { scenario, output, noiseShare: noiseVariance !== null && spread > 0 ? noiseVariance / spread : null };
    if (structure.kind === 'sobol') {
      const n = structure.n;
      const slice = (m: number) => byRow.subarray(m * n, (m + 1) * n);
      const r = sobolIndices(slice(0), slice(1), Array.from({ length: k }, (_, i) => slice(2 + i)), resamples, random);
      const constant = !(r.variance > 0);
      return {
        ...base,
        n: r.n,
        variance: shown(r.variance),
        note: r.n === 0 ? 'no complete Saltelli row (missing values)' : constant ? 'the output does not vary over the A and B samples' : null,
        factors: doc.factors.map((f, i) => ({ factor: f.name, indices: { S1: interval(r.factors[i].S1), ST: interval(r.factors[i].ST) } })),
      };
    }
    if (structure.kind === 'morris') {
      const trajectories = Array.from({ length: structure.trajectories }, (_, t) => Array.from({ length: k + 1 }, (_, s) => t * (k + 1) + s));
      const r = morrisIndices(doc.rows.map((row) => row.unit), byRow, trajectories, k, resamples, random);
      const n = Math.min(...r.map((f) => f.n));
      return {
        ...base,
        n,
        variance: shown(variance(values)),
        note: n === 0 ? 'no elementary effect could be computed (missing values)' : null,
        factors: doc.factors.map((f, i) => ({ factor: f.name, indices: { mu_star: interval(r[i].muStar), mu: point(r[i].mu), sigma: point(r[i].sigma) } })),
      };
    }
    const x = doc.factors.map((_, i) => Float64Array.from(doc.points, (p) => p.values[i]));
    const r = spearmanIndices(x, values, resamples, random);
    const n = r[0]?.n ?? 0;
    return {
      ...base,
      n,
      variance: shown(variance(values)),
      note: n < 3 ? 'fewer than 3 points with a value' : variance(values) > 0 ? null : 'the output does not vary over the design',
      factors: doc.factors.map((f, i) => ({ factor: f.name, indices: { rho: interval(r[i].rho) } })),
    };
  });
  return { sweep: doc.name, method, design: doc.design.type, confidence: CONFIDENCE, resamples, indices: METHOD_INDICES[method], outputs };
}

function variance(values: ArrayLike<number>): number {
  const xs = Array.from(values).filter(Number.isFinite);
  if (xs.length === 0) return NaN;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
}

/** The `factor` of the sensitivity.csv rows that give an output's replicate noise share. */
export const NOISE_FACTOR = '(replicate noise)';

/** The columns of sensitivity.csv, in file order. */
export const SENSITIVITY_COLUMNS = ['scenario', 'output', 'factor', 'index', 'value', 'lo', 'hi', 'n'] as const;

/** sensitivity.csv rows: one per scenario, output, factor and index. */
export function sensitivityRows(report: SensitivityReport): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const o of report.outputs) {
    if (o.noiseShare !== null) rows.push([o.scenario, o.output, NOISE_FACTOR, 'noise_share', o.noiseShare, null, null, o.n]);
    for (const f of o.factors) {
      for (const index of report.indices) {
        const v = f.indices[index];
        rows.push([o.scenario, o.output, f.factor, index, v.value, v.lo, v.hi, o.n]);
      }
    }
  }
  return rows;
}

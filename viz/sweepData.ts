import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { discoveryView, type DiscoveryRecord, type DiscoveryView } from './discoveryData';
import { METRIC_LABELS } from './metrics';

// A sweep's report data (docs/OUTPUTS.md, "The sweep folder"): from table.csv, per scenario and
// numeric output, the mean of the output over the ok runs in each cell of a binned grid of every
// pair of factors (for the heatmap); from sensitivity.json, when present, the indices of every
// output sorted for a tornado chart. design.json, manifest.json and sweep.yaml only add labels.
// The page gets the grids, never the runs, so a sweep of any size makes a small report. From
// discovery.json, when present, PRIM's trajectory and box (viz/discoveryData.ts).

export const SWEEP_TABLE = 'table.csv';
export const SWEEP_DESIGN = 'design.json';
export const SWEEP_SENSITIVITY = 'sensitivity.json';
export const SWEEP_DISCOVERY = 'discovery.json';
export const SWEEP_MANIFEST = 'manifest.json';
export const SWEEP_FILE = 'sweep.yaml';

/** Bins per factor axis: a factor with more distinct values is cut into this many equal-width bins. */
export const BINS = 8;

import { parseCsv } from '../sim/io/csv';

export { parseCsv };

/** One factor's axis: its bins' labels and how a value finds its bin. */
export interface FactorAxis {
  name: string;
  /** 'levels': one bin per distinct value; 'range': BINS equal-width bins from min to max */
  kind: 'levels' | 'range';
  /** bin labels (levels: the value; range: "lo–hi") */
  bins: string[];
  /** range: the BINS + 1 bin edges */
  edges: number[] | null;
}

const round = (x: number, digits = 4) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits)));
const num = (s: string) => (s === '' ? NaN : Number(s));

/** The axis of a factor from the values its runs used. */
export function factorAxis(name: string, values: string[], bins = BINS): FactorAxis {
  const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
  const distinct = [...new Set(values)];
  if (!numeric) return { name, kind: 'levels', bins: distinct.sort(), edges: null };
  const nums = [...new Set(values.map(Number))].sort((a, b) => a - b);
  if (nums.length <= bins) return { name, kind: 'levels', bins: nums.map((v) => String(round(v))), edges: null };
  const lo = nums[0];
  const hi = nums[nums.length - 1];
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
  return { name, kind: 'range', bins: edges.slice(0, -1).map((e, i) => `${round(e, 3)}–${round(edges[i + 1], 3)}`), edges };
}

/** The bin of a value on an axis (the last bin holds its upper edge). */
export function binOf(axis: FactorAxis, value: string): number {
  if (axis.kind === 'levels') {
    const v = Number(value);
    return axis.bins.findIndex((b) => b === value || (value !== '' && Number(b) === round(v)));
  }
  const v = Number(value);
  const e = axis.edges!;
  const lo = e[0];
  const hi = e[e.length - 1];
  if (!(v >= lo && v <= hi)) return -1;
  return Math.min(e.length - 2, Math.floor(((v - lo) / (hi - lo)) * (e.length - 1)));
}

/** A heatmap: rows are the bins of factor y, columns those of factor x; `mean[y][x]` null when empty. */
export interface Grid {
  mean: (number | null)[][];
  count: number[][];
}

export interface SweepTableData {
  scenarios: string[];
  factors: FactorAxis[];
  /** numeric output columns */
  outputs: string[];
  runs: { total: number; ok: number; failed: number };
  /** factor index pairs [x, y] with x < y, in order */
  pairs: [number, number][];
  /** grids[scenario][output][pair] */
  grids: Grid[][][];
}

/** Bins the table: per scenario, numeric output and pair of factors, the mean over the ok runs per cell. */
export function binTable(rows: string[][], bins = BINS): SweepTableData {
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`table.csv: no column ${name}`);
    return i;
  };
  const seed = col('seed');
  const status = col('status');
  const error = col('error');
  const scen = col('scenario');
  const factorCols = header.slice(seed + 1, status).map((_, i) => seed + 1 + i);
  const ok = body.filter((r) => r[status] === 'ok');
  // numeric outputs: after `error`, every non-empty ok value a number (verdicts are text)
  const outputCols = header
    .map((_, i) => i)
    .filter((i) => i > error)
    .filter((i) => ok.some((r) => r[i] !== '') && ok.every((r) => r[i] === '' || Number.isFinite(num(r[i]))));
  const factors = factorCols.map((i) => factorAxis(header[i], body.map((r) => r[i]), bins));
  const scenarios = [...new Set(body.map((r) => r[scen]))];
  const pairs: [number, number][] = [];
  for (let x = 0; x < factors.length; x++) for (let y = x + 1; y < factors.length; y++) pairs.push([x, y]);
  const runBins = ok.map((r) => factorCols.map((c, k) => binOf(factors[k], r[c])));
  const grids = scenarios.map((s) =>
    outputCols.map((oc) =>
      pairs.map(([fx, fy]) => {
        const nx = factors[fx].bins.length;
        const ny = factors[fy].bins.length;
        const sum = Array.from({ length: ny }, () => new Array<number>(nx).fill(0));
        const count = Array.from({ length: ny }, () => new Array<number>(nx).fill(0));
        ok.forEach((r, k) => {
          const v = num(r[oc]);
          const bx = runBins[k][fx];
          const by = runBins[k][fy];
          if (r[scen] !== s || !Number.isFinite(v) || bx < 0 || by < 0) return;
          sum[by][bx] += v;
          count[by][bx] += 1;
        });
        return { mean: sum.map((row, y) => row.map((t, x) => (count[y][x] ? round(t / count[y][x]) : null))), count };
      }),
    ),
  );
  return {
    scenarios,
    factors,
    outputs: outputCols.map((i) => header[i]),
    runs: { total: body.length, ok: ok.length, failed: body.length - ok.length },
    pairs,
    grids,
  };
}

/** sensitivity.json (docs/OUTPUTS.md) as the report reads it. */
export interface SensitivityRecord {
  method: string;
  confidence: number;
  resamples: number;
  indices: string[];
  outputs: {
    scenario: string;
    output: string;
    n: number;
    noiseShare: number | null;
    note: string | null;
    factors: { factor: string; indices: Record<string, { value: number | null; lo: number | null; hi: number | null }> }[];
  }[];
}

interface Interval {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

export interface TornadoBar {
  factor: string;
  /** the index the bar shows (sobol: ST, morris: μ*, spearman: ρ) */
  main: Interval;
  /** the index drawn inside or beside it (sobol: S1, morris: σ), null for spearman */
  second: Interval | null;
}

export interface TornadoData {
  method: string;
  main: string;
  second: string | null;
  confidence: number;
  resamples: number;
  outputs: { scenario: string; output: string; n: number; noiseShare: number | null; note: string | null; bars: TornadoBar[] }[];
}

const INDEX_PAIRS: Record<string, [string, string | null]> = { sobol: ['ST', 'S1'], morris: ['mu_star', 'sigma'], spearman: ['rho', null] };

/** The indices of every output, each output's factors sorted by the main index (largest magnitude first, undefined last). */
export function tornadoData(s: SensitivityRecord): TornadoData {
  const [main, second] = INDEX_PAIRS[s.method] ?? [s.indices[0], s.indices[1] ?? null];
  const iv = (x: Interval | undefined): Interval => ({ value: x?.value == null ? null : round(x.value), lo: x?.lo == null ? null : round(x.lo), hi: x?.hi == null ? null : round(x.hi) });
  const size = (b: TornadoBar) => (b.main.value === null ? -1 : Math.abs(b.main.value));
  return {
    method: s.method,
    main,
    second,
    confidence: s.confidence,
    resamples: s.resamples,
    outputs: s.outputs.map((o) => ({
      scenario: o.scenario,
      output: o.output,
      n: o.n,
      noiseShare: o.noiseShare == null ? null : round(o.noiseShare),
      note: o.note,
      bars: o.factors
        .map((f) => ({ factor: f.factor, main: iv(f.indices[main]), second: second ? iv(f.indices[second]) : null }))
        .sort((a, b) => size(b) - size(a)),
    })),
  };
}

interface DesignRecord {
  name?: string;
  description?: string;
  design?: { type?: string; samples?: number };
  replicates?: number;
  seed?: number;
  factors?: { name: string; kind?: string }[];
  outputs?: { name: string; kind?: string; row?: string; aggregate?: number }[];
  identity?: { tool?: { version?: string } };
}

/** Units of an output column, where the docs say them. */
function outputUnit(name: string, design: DesignRecord | null, metricOfAggregate: (i: number) => string | null): string | null {
  const o = design?.outputs?.find((x) => x.name === name);
  const kind = o?.kind ?? (/^(delta_be|delta_nl|displacement|reference_match|dutch_link_be)_/.exec(name)?.[1] || null);
  if (kind === 'delta_be' || kind === 'delta_nl') return 'kg per month';
  if (kind === 'displacement') return 'D = −ΔNL/ΔBE';
  if (kind === 'dutch_link_be') return 'share of Belgian sites with a Dutch link';
  if (kind === 'reference_match') return 'share of runs matching the reference';
  if (kind === 'aggregate' && o?.aggregate !== undefined) {
    const metric = metricOfAggregate(o.aggregate);
    const m = METRIC_LABELS.find((x) => x.name === metric);
    return m ? m.unit : null;
  }
  return null;
}

function readJsonIfPresent<T>(dir: string, name: string): T | null {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

export interface SweepReportData {
  meta: {
    name: string;
    description: string;
    design: string;
    replicates: number | null;
    seed: number | null;
    source: string;
    generatedAt: string;
    runs: { total: number; ok: number; failed: number };
  };
  scenarios: string[];
  factors: { name: string; kind: string | null; axis: 'levels' | 'range'; bins: string[] }[];
  outputs: { name: string; unit: string | null }[];
  pairs: [number, number][];
  grids: Grid[][][];
  sensitivity: TornadoData | null;
  /** `waterbed discover`'s last discovery in the folder, or null */
  discovery: DiscoveryView | null;
}

/** The sweep part's data from a sweep folder's table.csv and, when present, sensitivity.json. */
export function sweepData(dir: string, generatedAt: Date): SweepReportData {
  const table = binTable(parseCsv(fs.readFileSync(path.join(dir, SWEEP_TABLE), 'utf8')));
  const design = readJsonIfPresent<DesignRecord>(dir, SWEEP_DESIGN);
  const manifest = readJsonIfPresent<{ tool?: { version?: string }; gitCommit?: string | null }>(dir, SWEEP_MANIFEST);
  const sens = readJsonIfPresent<SensitivityRecord>(dir, SWEEP_SENSITIVITY);
  const discovery = discoveryView(readJsonIfPresent<DiscoveryRecord>(dir, SWEEP_DISCOVERY));
  let aggregates: { metric?: string }[] = [];
  try {
    const file = path.join(dir, SWEEP_FILE);
    if (fs.existsSync(file)) aggregates = (parseYaml(fs.readFileSync(file, 'utf8'))?.outputs?.aggregates as { metric?: string }[]) ?? [];
  } catch {
    aggregates = [];
  }
  const metricOf = (i: number) => (Array.isArray(aggregates) ? (aggregates[i]?.metric ?? null) : null);
  const version = manifest?.tool?.version ?? design?.identity?.tool?.version ?? '?';
  const commit = manifest?.gitCommit ? `, commit ${manifest.gitCommit.slice(0, 10)}` : '';
  const name = design?.name ?? path.basename(dir);
  const designText = design?.design?.type ? `${design.design.type}${design.design.samples ? ` (samples ${design.design.samples})` : ''}` : 'unknown design';
  return {
    meta: {
      name,
      description: design?.description ?? '',
      design: designText,
      replicates: design?.replicates ?? null,
      seed: design?.seed ?? null,
      source: `Source: waterbed ${version}${commit}, sweep “${name}”, ${designText}, ${table.runs.total} runs (${table.runs.ok} ok).`,
      generatedAt: generatedAt.toISOString(),
      runs: table.runs,
    },
    scenarios: table.scenarios,
    factors: table.factors.map((f) => ({ name: f.name, kind: design?.factors?.find((d) => d.name === f.name)?.kind ?? null, axis: f.kind, bins: f.bins })),
    outputs: table.outputs.map((o) => ({ name: o, unit: outputUnit(o, design, metricOf) })),
    pairs: table.pairs,
    grids: table.grids,
    sensitivity: sens && Array.isArray(sens.outputs) ? tornadoData(sens) : null,
    discovery,
  };
}

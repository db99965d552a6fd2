import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ResolvedScenario } from '../core';
import { MARKET_ECHELONS } from '../core/types';
import type { ReplicateSeries } from '../metrics/series';
import { meanInterval } from '../metrics/replicates';
import { REFERENCE_TABLES, type ReferenceTable } from '../metrics/study';
import { SERIES_COLUMNS, seriesByKey, zeroThroughout, type KeySeries } from '../metrics/aggregate';
import { CONFIDENCE } from '../metrics/replicates';
import { DEFAULT_RULE, VERDICT_CLASSES, VERDICT_METRIC, type SummaryRow, type VerdictRule } from '../metrics/verdict';
import { CsvWriter, csvField, formatNumber } from './csv';
import { writeSeriesParquet, type WrittenColumns } from './seriesParquet';
import { writeAgentsParquet } from './agentsParquet';
import type { ActorCensus, CensusSchedule } from '../agents/census';
import { toolVersion } from './project';
import { imposedTrends } from '../params/trends';

// The files of one run's results folder (docs/OUTPUTS.md is their contract). series.parquet (and
// series.csv), flows.csv and summary.json depend only on scenario, seed, replicates and tool version,
// never on the worker count or the clock, so they are byte-identical between reruns; run
// circumstances go in manifest.json.

export const TOOL_NAME = 'waterbed';

export interface Manifest {
  tool: { name: string; version: string };
  /** commit of the code that ran, when the CLI knows it; null otherwise */
  gitCommit: string | null;
  /** Node.js version, e.g. v20.19.0 */
  node: string;
  /** sha256 (hex) of the canonical JSON of `scenario` */
  scenarioHash: string;
  seed: number;
  reps: number;
  workers: number;
  /** ISO timestamps */
  startedAt: string;
  finishedAt: string;
  /** the trends imposed from outside the model that are in force (sim/params/trends.ts): parameter path → yearly growth */
  imposedTrends: Record<string, number>;
  /** the fully resolved scenario (parameters with defaults merged, policies, analysis windows) */
  scenario: ResolvedScenario;
}

export interface ManifestInput {
  scenario: ResolvedScenario;
  seed: number;
  reps: number;
  workers: number;
  startedAt: string;
  finishedAt: string;
  gitCommit?: string | null;
}

export function buildManifest(input: ManifestInput): Manifest {
  return {
    tool: { name: TOOL_NAME, version: toolVersion() },
    gitCommit: input.gitCommit ?? null,
    node: process.version,
    scenarioHash: scenarioHash(input.scenario),
    seed: input.seed,
    reps: input.reps,
    workers: input.workers,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    imposedTrends: imposedTrends(input.scenario.parameters),
    scenario: sortKeysDeep(input.scenario),
  };
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace: the same data
 * gives the same text whatever order it was built in. Non-finite numbers are rejected, since JSON
 * would silently turn them into null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
}

export function scenarioHash(scenario: ResolvedScenario): string {
  return createHash('sha256').update(canonicalJson(scenario), 'utf8').digest('hex');
}

/** A copy with object keys sorted at every level (arrays keep their order), for stable pretty JSON. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) out[key] = sortKeysDeep(record[key]);
    return out as T;
  }
  return value;
}

export interface SummaryDocument {
  rule: { metric: string; minEffect: number; shiftRatio: number; confidence: number };
  verdictClasses: typeof VERDICT_CLASSES;
  rows: SummaryRow[];
  /** the scenario's reference table (analysis.reference), or null */
  reference: { id: string; source: string; rows: ReferenceTable['rows'] } | null;
}

/** summary.json: the verdict rows with the rule that produced them and what each class means. */
export function summaryDocument(rows: SummaryRow[], rule: VerdictRule = DEFAULT_RULE, reference: string | null = null): SummaryDocument {
  const table = reference ? REFERENCE_TABLES[reference] : undefined;
  return {
    rule: { metric: VERDICT_METRIC, minEffect: rule.minEffect, shiftRatio: rule.shiftRatio, confidence: CONFIDENCE },
    verdictClasses: VERDICT_CLASSES,
    rows,
    reference: table && reference ? { id: reference, source: table.source, rows: table.rows } : null,
  };
}

/** The series to write: every key (district keys, then country totals) not zero throughout. */
export function storedSeries(replicates: readonly ReplicateSeries[]): KeySeries[] {
  // A key that is zero in every month and replicate (no cocaine import in Eupen) is left out whole.
  return [...seriesByKey(replicates)].filter((s) => !zeroThroughout(s));
}

/** Streams series.csv: one row per key and month of `series` (the rows of seriesRows, less the keys zero throughout). */
export async function writeSeriesCsv(file: string, series: readonly KeySeries[]): Promise<void> {
  const writer = await CsvWriter.open(file, SERIES_COLUMNS);
  try {
    for (const { key, months, value, lo, hi } of series) {
      // The nine text columns after `date` are the same for all months of a key: encode them once.
      const middle = [key.district, key.country, key.market, key.echelon, key.channel, key.buyer, key.origin, key.size, key.metric]
        .map(csvField).join(',');
      for (let m = 0; m < months.length; m++) {
        await writer.writeEncodedLine(`${csvField(months[m])},${middle},${formatNumber(value[m])},${formatNumber(lo[m])},${formatNumber(hi[m])}\n`);
      }
    }
  } finally {
    await writer.close();
  }
}

/** The columns of flows.csv, in file order. */
export const FLOWS_COLUMNS = ['year', 'market', 'echelon', 'from', 'to', 'from_country', 'to_country', 'value', 'lo', 'hi'] as const;

/**
 * Streams flows.csv: actors that moved from one district to another, per year and market × echelon,
 * mean over replicates with its 95% interval; pairs and years with no move in any replicate are left out.
 */
export async function writeFlowsCsv(file: string, replicates: readonly ReplicateSeries[]): Promise<void> {
  const { years, districts } = replicates[0].flows;
  const K = districts.length;
  const Y = years.length;
  const country = (id: string) => id.slice(0, 2).toUpperCase();
  const writer = await CsvWriter.open(file, FLOWS_COLUMNS);
  const sample = new Float64Array(replicates.length);
  try {
    for (const [row, { market, echelon }] of MARKET_ECHELONS.entries()) {
      for (let from = 0; from < K; from++) {
        for (let to = 0; to < K; to++) {
          const base = ((row * K + from) * K + to) * Y;
          for (let y = 0; y < Y; y++) {
            let any = false;
            replicates.forEach((r, i) => {
              sample[i] = r.flows.values[base + y];
              if (sample[i] !== 0) any = true;
            });
            if (!any) continue;
            const { mean, lo, hi } = meanInterval(sample);
            await writer.writeEncodedLine(
              `${years[y]},${market},${echelon},${districts[from]},${districts[to]},${country(districts[from])},${country(districts[to])},${formatNumber(mean)},${formatNumber(lo)},${formatNumber(hi)}\n`,
            );
          }
        }
      }
    }
  } finally {
    await writer.close();
  }
}

function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export interface RunResults {
  manifest: Manifest;
  replicates: readonly ReplicateSeries[];
  /** the rows of summarise() */
  summary: SummaryRow[];
  /** the rule summarise() used; DEFAULT_RULE when omitted */
  rule?: VerdictRule;
  /** the actor census of each replicate, in replicate order, and how often it was taken (`--agents`); agents.parquet when given */
  census?: { schedule: CensusSchedule; replicates: readonly ActorCensus[] };
}

/** series.parquet's key-value metadata: what made it, as in the manifest, less the run's circumstances. */
export function seriesMetadata(manifest: Manifest): Record<string, string> {
  return {
    'waterbed.version': manifest.tool.version,
    'waterbed.scenarioHash': manifest.scenarioHash,
    'waterbed.seed': String(manifest.seed),
    'waterbed.reps': String(manifest.reps),
  };
}

export interface RunFiles {
  /** also write series.csv, the series as text (series.parquet is always written) */
  csv?: boolean;
}

/** agents.parquet's key-value metadata: series.parquet's, and how often the census was taken. */
export function agentsMetadata(manifest: Manifest, schedule: CensusSchedule): Record<string, string> {
  return { ...seriesMetadata(manifest), 'waterbed.agents': schedule };
}

/**
 * Writes manifest.json, series.parquet (and series.csv when asked), flows.csv, summary.json and,
 * with a census, agents.parquet into `dir` (normally writeResultsAtomically's tmpDir); returns the
 * columns of series.parquet.
 */
export async function writeRunResults(dir: string, results: RunResults, files: RunFiles = {}): Promise<WrittenColumns> {
  const { manifest } = results;
  const series = storedSeries(results.replicates); // checks the layout before any file is created
  await fs.promises.writeFile(path.join(dir, 'manifest.json'), prettyJson(manifest), 'utf8');
  const columns = await writeSeriesParquet(path.join(dir, 'series.parquet'), series, seriesMetadata(manifest));
  if (files.csv) await writeSeriesCsv(path.join(dir, 'series.csv'), series);
  await writeFlowsCsv(path.join(dir, 'flows.csv'), results.replicates);
  await fs.promises.writeFile(path.join(dir, 'summary.json'), prettyJson(summaryDocument(results.summary, results.rule, manifest.scenario.reference)), 'utf8');
  const { census } = results;
  if (census) await writeAgentsParquet(path.join(dir, 'agents.parquet'), census.replicates, agentsMetadata(manifest, census.schedule));
  return columns;
}

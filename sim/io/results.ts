import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { canonicalJson, sortKeysDeep } from '../core/canonicalJson';
import { summaryDocument, type SummaryDocument } from '../metrics/summaryDocument';
import type { ResolvedScenario } from '../core';
import type { ReplicateSeries } from '../metrics/series';
import type { MeanFlow } from '../metrics/flows';
import { storedFlows } from './flowRows';
import { SERIES_COLUMNS, storedSeries, type KeySeries } from '../metrics/aggregate';
import type { SummaryRow, VerdictRule } from '../metrics/verdict';
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

export { canonicalJson, sortKeysDeep, storedSeries, summaryDocument, type SummaryDocument };

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

export function scenarioHash(scenario: ResolvedScenario): string {
  return createHash('sha256').update(canonicalJson(scenario), 'utf8').digest('hex');
}

/** Streams series.csv: one row per key and month of `series` (the rows of seriesRows, less the keys zero throughout). */
export async function writeSeriesCsv(file: string, series: readonly KeySeries[]): Promise<void> {
  const writer = await CsvWriter.open(file, SERIES_COLUMNS);
  try {
    for (const { key, months, value, lo, hi } of series) {
      // The nine text columns after `date` are the same for all months of a key: encode them once.
      const middle = [key.district, key.country, key.market, key.echelon, key.channel, key.buyer, key.origin, key.size, key.metric]
        .map(csvField).join(',');
      await writer.writeEncodedLines(months.map((month, m) => `${csvField(month)},${middle},${formatNumber(value[m])},${formatNumber(lo[m])},${formatNumber(hi[m])}\n`));
    }
  } finally {
    await writer.close();
  }
}

/** Lines of flows.csv handed to the writer at a time. */
const LINES_PER_WRITE = 4096;

/** The columns of flows.csv, in file order. */
export const FLOWS_COLUMNS = ['year', 'market', 'echelon', 'from', 'to', 'from_country', 'to_country', 'value', 'lo', 'hi'] as const;

/**
 * Streams flows.csv: actors that moved from one district to another, per year and market × echelon,
 * mean over replicates with its 95% interval (storedFlows); pairs and years with no move in any
 * replicate are left out.
 */
export async function writeFlowsCsv(file: string, flows: readonly MeanFlow[]): Promise<void> {
  const writer = await CsvWriter.open(file, FLOWS_COLUMNS);
  try {
    for (let from = 0; from < flows.length; from += LINES_PER_WRITE) {
      await writer.writeEncodedLines(flows.slice(from, from + LINES_PER_WRITE).map((f) =>
        `${f.year},${f.market},${f.echelon},${f.from},${f.to},${f.fromCountry},${f.toCountry},${formatNumber(f.value)},${formatNumber(f.lo)},${formatNumber(f.hi)}\n`));
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

/** What a run's report reads, as writeRunResults wrote it: series.parquet's columns and flows.csv's rows. */
export interface WrittenResults {
  series: WrittenColumns;
  flows: MeanFlow[];
}

/**
 * Writes manifest.json, series.parquet (and series.csv when asked), flows.csv, summary.json and,
 * with a census, agents.parquet into `dir` (normally writeResultsAtomically's tmpDir); returns what
 * the report reads from them, so that a report built next need not read them back.
 */
export async function writeRunResults(dir: string, results: RunResults, files: RunFiles = {}): Promise<WrittenResults> {
  const { manifest } = results;
  const series = storedSeries(results.replicates); // checks the layout before any file is created
  await fs.promises.writeFile(path.join(dir, 'manifest.json'), prettyJson(manifest), 'utf8');
  const columns = await writeSeriesParquet(path.join(dir, 'series.parquet'), series, seriesMetadata(manifest));
  if (files.csv) await writeSeriesCsv(path.join(dir, 'series.csv'), series);
  const flows = storedFlows(results.replicates);
  await writeFlowsCsv(path.join(dir, 'flows.csv'), flows);
  await fs.promises.writeFile(path.join(dir, 'summary.json'), prettyJson(summaryDocument(results.summary, results.rule, manifest.scenario.reference)), 'utf8');
  const { census } = results;
  if (census) await writeAgentsParquet(path.join(dir, 'agents.parquet'), census.replicates, agentsMetadata(manifest, census.schedule));
  return { series: columns, flows };
}

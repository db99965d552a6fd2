import type { ResolvedScenario } from '../sim/core';
import { canonicalJson, sortKeysDeep } from '../sim/core/canonicalJson';
import { storedSeries } from '../sim/metrics/aggregate';
import { seriesColumns, writtenColumns } from '../sim/io/seriesColumns';
import { compareScenario } from '../sim/metrics/compare';
import { storedFlows } from '../sim/io/flowRows';
import type { ReplicateSeries } from '../sim/metrics/series';
import { summaryDocument, type SummaryDocument } from '../sim/metrics/summaryDocument';
import { summarise } from '../sim/metrics/verdict';
import type { World } from '../sim/world/world';
import { comparisonData, type ComparisonData } from '../viz/comparisonData';
import type { DistrictMap } from '../viz/districtMap';
import type { ComparisonRecord, ManifestRecord, SummaryRecord } from '../viz/inputs';
import { runData, type RunData } from '../viz/runData';
import { forEachTotalRow } from '../viz/seriesRows';
import { SeriesTotals } from '../viz/totals';

// From replicates to what the explorer shows: summary.json's document as `waterbed run` writes it,
// the run's report data and, for a comparison, comparison.json's record and the comparison report's
// data, all made by the functions the CLI and `waterbed report` use. Runs in a Web Worker, so the
// page stays responsive while a long history is aggregated.

export const TOOL = 'waterbed';

export interface RunInput {
  scenario: ResolvedScenario;
  seed: number;
  reps: number;
  workers: number;
  version: string;
  startedAt: string;
  finishedAt: string;
  /** sha256 of the scenario's canonical JSON (the manifest's scenarioHash), when the page could compute it */
  scenarioHash: string;
}

/** summary.json's text, byte for byte as `waterbed run` writes it. */
export function summaryJson(doc: SummaryDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** summary.json's document of a run. */
export function runSummary(scenario: ResolvedScenario, replicates: readonly ReplicateSeries[]): SummaryDocument {
  return summaryDocument(summarise(replicates, scenario.analysis), undefined, scenario.reference);
}

/**
 * The series' totals as the report reads them: from the columns series.parquet is written from (the
 * writer's own code: 6 significant digits, floats where they hold them), which the CLI hands to the
 * report right after a run.
 */
export function seriesTotals(scenario: ResolvedScenario, replicates: readonly ReplicateSeries[]): SeriesTotals {
  const totals = new SeriesTotals(scenario.start.slice(0, 7));
  forEachTotalRow(writtenColumns(seriesColumns(storedSeries(replicates))), (row) => totals.add(row));
  return totals;
}

export function manifestRecord(input: RunInput): ManifestRecord {
  return {
    tool: { name: TOOL, version: input.version },
    gitCommit: null,
    node: 'browser',
    scenarioHash: input.scenarioHash,
    seed: input.seed,
    reps: input.reps,
    workers: input.workers,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    scenario: sortKeysDeep(input.scenario) as unknown as ManifestRecord['scenario'],
  };
}

export interface RunReport {
  summary: SummaryDocument;
  run: RunData;
}

/** A run's summary and report data from its replicates (all of them, or those finished so far). */
export function runReport(input: RunInput, replicates: readonly ReplicateSeries[], map: DistrictMap): RunReport {
  const summary = runSummary(input.scenario, replicates);
  const manifest = manifestRecord({ ...input, reps: replicates.length });
  return { summary, run: runData(manifest, summary as unknown as SummaryRecord, seriesTotals(input.scenario, replicates), map, new Date(), storedFlows(replicates)) };
}

export interface ComparisonInput {
  baseline: ResolvedScenario;
  baselineHash: string;
  scenario: ResolvedScenario;
  scenarioHash: string;
  seed: number;
  version: string;
}

/** comparison.json's record (as `waterbed compare` writes it, less the commit) and the comparison report's data. */
export function comparisonReport(input: ComparisonInput, world: World, baseline: readonly ReplicateSeries[], runs: readonly ReplicateSeries[], map: DistrictMap): { record: ComparisonRecord; data: ComparisonData } {
  const record = {
    tool: { name: TOOL, version: input.version },
    gitCommit: null,
    seed: input.seed,
    reps: runs.length,
    precision: null,
    baseline: { name: input.baseline.name, scenarioHash: input.baselineHash, scenario: sortKeysDeep(input.baseline) },
    scenarios: [{ ...compareScenario(world, input.baseline, baseline, input.scenario, runs), scenarioHash: input.scenarioHash, scenario: sortKeysDeep(input.scenario) }],
  };
  // Through canonical JSON, as the CLI writes it: the same record whatever order it was built in.
  const canonical = JSON.parse(canonicalJson(record)) as ComparisonRecord;
  return { record: canonical, data: comparisonData(canonical, map, new Date()) };
}

/** sha256 (hex) of the scenario's canonical JSON: the manifest's scenarioHash. '' where the browser offers no digest. */
export async function scenarioHash(scenario: ResolvedScenario): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return '';
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(scenario)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

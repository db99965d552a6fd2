import { UserError } from '../sim/errors';

// The documented files of a results folder (docs/OUTPUTS.md), as the report reads them. These
// types restate the contract rather than importing the simulator's own types: the report must be
// buildable from any results folder, so it depends on the files, not on engine internals.

export const MANIFEST = 'manifest.json';
export const SERIES = 'series.parquet';
export const SUMMARY = 'summary.json';
/** Optional: without it the report estimates the arrows from the series' moves in and out. */
export const FLOWS = 'flows.csv';
export const REPORT = 'report.html';

export interface PolicyEventRecord {
  type: string;
  label?: string;
  start: string;
  end?: string;
  districts: string[];
}

export interface ManifestRecord {
  tool: { name: string; version: string };
  gitCommit: string | null;
  node: string;
  scenarioHash: string;
  seed: number;
  reps: number;
  workers: number;
  startedAt: string;
  finishedAt: string;
  scenario: {
    name: string;
    description: string;
    start: string;
    end: string;
    policies: PolicyEventRecord[];
    analysis: Record<string, { before: [string, string]; after: [string, string] }>;
    reference?: string | null;
  };
}

/** Who carried Belgium's change, in a row of summary.json (kg per month, means over replicates). */
export interface CarriersRecord {
  gain: { moved: number; extended: number; newBelgian: number; other: number };
  movedShare: number | null;
  movedDutchFall: number;
  loss: number;
  movedOut: number;
  movedOutShare: number | null;
}

export interface SummaryRowRecord {
  market: string;
  echelon: string;
  verdict: string;
  /** which rule gave `verdict`; the next three are absent in results written before the actors' rule */
  verdictRule?: 'actors' | 'market-volume';
  marketVolume?: { verdict: string; agreement: number };
  carriers?: CarriersRecord | null;
  agreement: number;
  displacementRatio: number | null;
  deltaBE: number;
  deltaNL: number;
  deltaBE_ci: [number, number];
  deltaNL_ci: [number, number];
  beBefore: number;
  /** share of Belgian active sites with a Dutch link, before and after (absent in older results) */
  dutchLinkBE?: [number | null, number | null];
  replicates: number;
  before: [string, string];
  after: [string, string];
}

export interface SummaryRecord {
  rule: { metric: string; minEffect: number; shiftRatio: number; confidence: number };
  verdictClasses: Record<string, string>;
  rows: SummaryRowRecord[];
  reference: { id: string; source: string; rows: { market: string; echelon: string; verdict: string; inShort: string }[] } | null;
}

/** A results folder that lacks a file the report needs: the user can fix this (wrong folder). */
export class MissingResultsError extends UserError {}

export const COMPARISON = 'comparison.json';

/** One effect of comparison.json: mean monthly true volume_kg over the row's window, kg per month. */
export interface EffectRecord {
  market: string;
  echelon: string;
  area: string;
  baseline: number;
  scenario: number;
  effect: number;
  effect_ci: [number, number];
  /** the interval excludes 0 */
  significant: boolean;
}

export interface WdqRecord {
  market: string;
  echelon: string;
  actedOn: boolean;
  treatmentEffect: { effect: number; effect_ci: [number, number]; significant: boolean };
  successMeasure: number | null;
  bufferMeasure: number | null;
  wdq: number | null;
  reason: string | null;
}

export interface ScenarioComparisonRecord {
  name: string;
  description: string;
  scenarioHash: string;
  scenario: ManifestRecord['scenario'];
  targetedDistricts: string[];
  areas: { treatment: string[]; buffer: string[]; control: string[] } | null;
  windowsFrom: 'scenario' | 'command line';
  windows: Record<string, { before: [string, string]; after: [string, string] }>;
  effects: EffectRecord[];
  districtEffects: EffectRecord[];
  wdq: WdqRecord[];
  pairsNeeded: { market: string; echelon: string; area: string; sd: number | null; precision: number; pairs: number | null }[];
  baselineVerdicts: SummaryRowRecord[];
  verdicts: SummaryRowRecord[];
}

/** comparison.json of `waterbed compare` (docs/OUTPUTS.md). */
export interface ComparisonRecord {
  tool: { name: string; version: string };
  gitCommit: string | null;
  seed: number;
  reps: number;
  precision: number | null;
  baseline: { name: string; scenarioHash: string; scenario: ManifestRecord['scenario'] };
  scenarios: ScenarioComparisonRecord[];
}

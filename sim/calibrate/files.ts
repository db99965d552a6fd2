import path from 'node:path';
import { writeFileAtomically } from '../io/atomic';
import { csvLine } from '../io/csv';
import { parquetBytes, type ColumnSource } from '../io/parquet';
import { toolVersion } from '../io/project';
import { scenarioHash } from '../io/results';
import { displayPath } from '../scenario/displayPath';
import { exactNumber } from '../sweep/table';
import { CALIBRATION_MANIFEST, IMPLAUSIBILITY_CSV, POSTERIOR_CSV, POSTERIOR_PARQUET, STAGES_CSV, SUMMARY_FILE } from './fileNames';
import type { CalibrationSpec } from './spec';
import { ABC_STAGE, allTargets } from './stages';
import type { CalibrationSummary, FinishedStage } from './summary';

// The files of a calibration folder (docs/OUTPUTS.md, "The calibration folder"), each written
// atomically. All but manifest.json hold no time and nothing of the machine, so a calibration
// resumed after a crash, or run on other workers, gives the same bytes.


const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : exactNumber(x));

/** What makes a folder this calibration: checked by every process that works on it. */
export interface CalibrationIdentity {
  tool: { name: 'waterbed'; version: string };
  calibration: { name: string; fileHash: string };
  targetsHash: string;
  scenarioHash: string;
}

export function calibrationIdentity(spec: CalibrationSpec): CalibrationIdentity {
  return { tool: { name: 'waterbed', version: toolVersion() }, calibration: { name: spec.name, fileHash: spec.fileHash }, targetsHash: spec.targetsHash, scenarioHash: scenarioHash(spec.scenario.scenario) };
}

/** Why a folder's identity differs from the calibration's, in words; null when they are the same. */
export function calibrationDifference(found: CalibrationIdentity, expected: CalibrationIdentity): string | null {
  if (found.calibration.fileHash !== expected.calibration.fileHash) return 'the calibration file has changed since the calibration started';
  if (found.targetsHash !== expected.targetsHash) return 'the targets file has changed since the calibration started';
  if (found.scenarioHash !== expected.scenarioHash) return `the scenario "${expected.calibration.name}" calibrates has changed since the calibration started (its resolved scenario's hash differs)`;
  if (found.tool.version !== expected.tool.version) return `it was made by waterbed ${found.tool.version}, this is ${expected.tool.version}`;
  return null;
}

/** plan.json: the calibration as data, written when it starts (the identity, parameters, targets and settings). */
export function planDocument(spec: CalibrationSpec) {
  return {
    format: 1,
    identity: calibrationIdentity(spec),
    name: spec.name,
    description: spec.description,
    scenario: spec.scenario.name,
    parameters: spec.parameters.map((f) => ({ name: f.name, path: f.path, kind: f.target.kind, domain: f.domain, integer: f.integer })),
    targets: allTargets(spec).map((t) => ({ ...t, line: undefined, discrepancySd: spec.method.discrepancy * Math.abs(t.value) })),
    skipped: spec.skipped,
    seed: spec.seed,
    method: spec.method,
    abc: spec.abc,
  };
}

/** `waterbed run` with the best point's parameters, for the summary and the terminal. */
export function bestCommand(spec: CalibrationSpec, values: Record<string, number>): string | null {
  if (spec.parameters.some((f) => f.target.kind !== 'parameter')) return null;
  const sets = spec.parameters.map((f) => `--set ${f.path}=${exactNumber(values[f.name])}`);
  return `waterbed run ${displayPath(spec.scenario.file)} ${sets.join(' ')}`;
}

export function summaryDocument(spec: CalibrationSpec, summary: CalibrationSummary) {
  return {
    tool: { name: 'waterbed', version: toolVersion() },
    calibration: { name: spec.name, description: spec.description, fileHash: spec.fileHash },
    scenario: { name: spec.scenario.name, scenarioHash: scenarioHash(spec.scenario.scenario) },
    targetsHash: spec.targetsHash,
    method: spec.method,
    abc: spec.abc,
    parameters: spec.parameters.map((f) => ({ name: f.name, path: f.path, domain: f.domain, integer: f.integer })),
    targets: allTargets(spec).map((t) => ({ id: t.id, use: t.use, metric: t.metric, market: t.market, echelon: t.echelon, breakdown: t.breakdown, area: t.area, window: t.window, baseWindow: t.baseWindow, statistic: t.statistic, value: t.value, low: t.low, high: t.high, grade: t.grade, sd: t.sd, source: t.source, note: t.note })),
    skipped: spec.skipped,
    ...summary,
    bestCommand: summary.best ? bestCommand(spec, summary.best.values) : null,
  };
}

export type SummaryDocument = ReturnType<typeof summaryDocument>;

export const STAGE_COLUMNS = ['stage', 'kind', 'points', 'replicates', 'runs', 'candidates', 'accepted', 'filled', 'survivors', 'surviving_share'];
/** implausibility.csv's columns besides the parameters' and the fit targets' */
export const IMPLAUSIBILITY_COLUMNS = { first: ['stage', 'point'], last: ['implausibility_max', 'implausibility_second', 'plausible', 'distance', 'accepted'] };

function stagesCsv(summary: CalibrationSummary): string {
  const lines = [csvLine(STAGE_COLUMNS)];
  for (const s of summary.stages) lines.push(csvLine([s.stage, s.kind, num(s.points), num(s.replicates), num(s.runs), num(s.candidates), num(s.accepted), num(s.filled), num(s.survivors), num(s.survivingShare)]));
  return lines.join('');
}

function implausibilityCsv(spec: CalibrationSpec, stages: readonly FinishedStage[], acceptedIds: ReadonlySet<string>): string {
  const header = [...IMPLAUSIBILITY_COLUMNS.first, ...spec.parameters.map((f) => f.name), ...spec.fit.map((t) => t.id), ...IMPLAUSIBILITY_COLUMNS.last];
  const lines = [csvLine(header)];
  for (const stage of stages) {
    const abc = stage.results.stage === ABC_STAGE;
    stage.results.points.forEach((p, i) => {
      const a = stage.assessments[i];
      lines.push(csvLine([stage.results.stage, p.id, ...p.values.map(num), ...a.implausibility.map(num), num(a.max), num(a.second), a.plausible ? '1' : '0', num(a.distance), abc ? (acceptedIds.has(p.id) ? '1' : '0') : '']));
    });
  }
  return lines.join('');
}

/** The posterior sample as a table: one row per accepted ABC point, its distance, parameters and model values (means over its replicates). */
function posteriorTable(spec: CalibrationSpec, abc: FinishedStage, acceptedIds: ReadonlySet<string>) {
  const targets = allTargets(spec);
  const rows = abc.results.points.flatMap((p, i) => (acceptedIds.has(p.id) ? [{ p, a: abc.assessments[i] }] : []));
  const columns: { name: string; text?: string[]; numbers?: (number | null)[] }[] = [
    { name: 'point', text: rows.map((r) => r.p.id) },
    { name: 'distance', numbers: rows.map((r) => r.a.distance) },
    ...spec.parameters.map((f, k) => ({ name: f.name, numbers: rows.map((r) => r.p.values[k]) })),
    ...targets.map((t, j) => ({ name: t.id, numbers: rows.map((r) => r.p.summaries[j].mean) })),
  ];
  return { columns, rows: rows.length };
}

function posteriorCsv(table: ReturnType<typeof posteriorTable>): string {
  const lines = [csvLine(table.columns.map((c) => c.name))];
  for (let r = 0; r < table.rows; r++) lines.push(csvLine(table.columns.map((c) => (c.text ? c.text[r] : num(c.numbers![r])))));
  return lines.join('');
}

function posteriorParquet(table: ReturnType<typeof posteriorTable>, spec: CalibrationSpec): Uint8Array {
  const columns: ColumnSource[] = table.columns.map((c) => (c.text ? { name: c.name, type: 'STRING', data: c.text } : { name: c.name, type: 'DOUBLE', data: c.numbers!.map((v) => (v === null || !Number.isFinite(v) ? null : v)) }));
  return parquetBytes(columns, { 'waterbed.version': toolVersion(), 'waterbed.calibration.name': spec.name, 'waterbed.calibration.fileHash': spec.fileHash });
}

export interface ManifestInfo {
  gitCommit: string | null;
  file: string;
  workers: number | null;
  startedAt: string;
  finishedAt: string;
}

/** Writes every result file of a finished calibration; returns their names. */
export async function writeCalibrationFiles(out: string, spec: CalibrationSpec, stages: readonly FinishedStage[], summary: CalibrationSummary, manifest: ManifestInfo): Promise<string[]> {
  const acceptedIds = new Set(summary.posterior?.ids ?? []);
  const written: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    await writeFileAtomically(path.join(out, name), data);
    written.push(name);
  };
  await write(STAGES_CSV, stagesCsv(summary));
  await write(IMPLAUSIBILITY_CSV, implausibilityCsv(spec, stages, acceptedIds));
  const abc = stages.find((s) => s.results.stage === ABC_STAGE);
  if (abc && summary.posterior) {
    const table = posteriorTable(spec, abc, acceptedIds);
    await write(POSTERIOR_CSV, posteriorCsv(table));
    await write(POSTERIOR_PARQUET, posteriorParquet(table, spec));
  }
  // Last: its presence says the calibration is complete (the Slurm chain looks for it).
  await write(SUMMARY_FILE, JSON.stringify(summaryDocument(spec, summary), null, 2) + '\n');
  await writeFileAtomically(
    path.join(out, CALIBRATION_MANIFEST),
    JSON.stringify(
      {
        tool: { name: 'waterbed', version: toolVersion() },
        gitCommit: manifest.gitCommit,
        node: process.version,
        calibration: { name: spec.name, file: manifest.file, fileHash: spec.fileHash },
        runs: Object.fromEntries(summary.stages.map((s) => [s.stage, s.runs])),
        workers: manifest.workers,
        startedAt: manifest.startedAt,
        finishedAt: manifest.finishedAt,
        files: written,
      },
      null,
      2,
    ) + '\n',
  );
  return written;
}

import fs from 'node:fs';
import path from 'node:path';
import { loadDistrictMap } from './geo';
import { comparisonData } from './comparisonData';
import { readFlowsCsv, type FlowRow } from './flowsCsv';
import { COMPARISON, FLOWS, MANIFEST, MissingResultsError, SERIES, SUMMARY, type ComparisonRecord, type ManifestRecord, type SummaryRecord } from './inputs';
import { runData } from './runData';
import { forEachTotalRow, readSeriesColumns, type SeriesColumns } from './seriesParquet';
import { SeriesTotals } from './totals';
import { sweepData, SWEEP_DESIGN, SWEEP_TABLE } from './sweepData';
import { calibrationData, CALIBRATION_IMPLAUSIBILITY, CALIBRATION_SUMMARY } from './calibrationData';

// The parts a report can have, each fed from its own documented files. A folder gets every part
// whose files it holds: a run folder the run's part, a comparison folder the comparison's, a sweep
// folder the sweep's, each with its own page scripts.

export interface ReportContext {
  /** project data folder (district shapes and seats) */
  dataDir: string;
  generatedAt: Date;
  /** the run's series as its writer just wrote them to series.parquet, so the run's part need not read them back */
  series?: SeriesColumns;
  /** likewise the rows it just wrote to flows.csv */
  flows?: readonly FlowRow[];
}

export interface ReportPart {
  /** the page's renderer (WB.renderers[kind]) */
  kind: string;
  /** page scripts the renderer needs, in load order (files in viz/page/) */
  scripts: string[];
  /** document title and subtitle when this part leads the report */
  title: string;
  subtitle: string;
  data: unknown;
}

export interface PartSource {
  kind: string;
  /** the files this part is built from; a folder holding all of them gets the part */
  files: readonly string[];
  build(dir: string, ctx: ReportContext): Promise<ReportPart>;
}

/** A documented JSON file of a results folder. */
export function readJsonFile<T>(dir: string, name: string): T {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new MissingResultsError(`${file}: not found. A report is built from a results folder written by \`waterbed run\` (${MANIFEST}, ${SERIES}, ${SUMMARY}).`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new MissingResultsError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/** The page scripts of a run's part and of a comparison's, in load order (viz/page); the explorer draws with the same. */
export const RUN_SCRIPTS = ['run-verdicts.js', 'run-carriers.js', 'map-codec.js', 'run-flows.js', 'run-map.js', 'run-multiples.js', 'run-notes.js', 'run.js'];
export const COMPARISON_SCRIPTS = ['comparison.js'];

export const RUN_PART: PartSource = {
  kind: 'run',
  files: [MANIFEST, SERIES, SUMMARY],
  async build(dir, ctx) {
    const manifest = readJsonFile<ManifestRecord>(dir, MANIFEST);
    const summary = readJsonFile<SummaryRecord>(dir, SUMMARY);
    const totals = new SeriesTotals(manifest.scenario.start.slice(0, 7));
    forEachTotalRow(ctx.series ?? (await readSeriesColumns(path.join(dir, SERIES))), (row) => totals.add(row));
    // flows.csv is optional: folders written before it existed get estimated arrows, and say so.
    const flowsFile = path.join(dir, FLOWS);
    const flows = ctx.flows ?? (fs.existsSync(flowsFile) ? readFlowsCsv(flowsFile) : null);
    const data = runData(manifest, summary, totals, loadDistrictMap(ctx.dataDir), ctx.generatedAt, flows);
    return {
      kind: 'run',
      scripts: RUN_SCRIPTS,
      title: `Where did the activity go? Scenario “${manifest.scenario.name}”`,
      subtitle: manifest.scenario.description,
      data,
    };
  },
};

export const COMPARISON_PART: PartSource = {
  kind: 'comparison',
  files: [COMPARISON],
  async build(dir, ctx) {
    const c = readJsonFile<ComparisonRecord>(dir, COMPARISON);
    const names = c.scenarios.map((s) => `“${s.name}”`);
    return {
      kind: 'comparison',
      scripts: COMPARISON_SCRIPTS,
      title: c.scenarios.length === 1 ? `What changes with ${names[0]}? Against “${c.baseline.name}”` : `What changes? ${c.scenarios.length} scenarios against “${c.baseline.name}”`,
      subtitle: `Each scenario against the baseline “${c.baseline.name}” with common random numbers (${c.reps} replicate pairs, seed ${c.seed}): ${names.join(', ')}.`,
      data: comparisonData(c, loadDistrictMap(ctx.dataDir), ctx.generatedAt),
    };
  },
};

/** A sweep folder (`waterbed sweep`): table.csv binned for heatmaps, sensitivity.json (when present) as tornado charts, discovery.json (when present) as PRIM's trade-off and box. */
export const SWEEP_PART: PartSource = {
  kind: 'sweep',
  files: [SWEEP_DESIGN, SWEEP_TABLE],
  async build(dir, ctx) {
    const data = sweepData(dir, ctx.generatedAt);
    return {
      kind: 'sweep',
      scripts: ['sweep-discovery.js', 'sweep.js'],
      title: `What matters? Sweep “${data.meta.name}”`,
      subtitle: data.meta.description,
      data,
    };
  },
};

/** A calibration folder (`waterbed calibrate`): the fit of every target, the waves' implausibility, the posterior. */
export const CALIBRATION_PART: PartSource = {
  kind: 'calibration',
  files: [CALIBRATION_SUMMARY, CALIBRATION_IMPLAUSIBILITY],
  async build(dir) {
    const data = calibrationData(dir);
    return {
      kind: 'calibration',
      scripts: ['calibration.js'],
      title: `Does the model fit the record? Calibration “${data.meta.name}”`,
      subtitle: `${data.meta.description} (scenario “${data.meta.scenario}”)`,
      data,
    };
  },
};

/** Every part source, in report order. */
export const PART_SOURCES: readonly PartSource[] = [RUN_PART, COMPARISON_PART, SWEEP_PART, CALIBRATION_PART];

export function partsFor(dir: string, sources: readonly PartSource[] = PART_SOURCES): PartSource[] {
  return sources.filter((s) => s.files.every((f) => fs.existsSync(path.join(dir, f))));
}

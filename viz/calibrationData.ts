import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../sim/io/csv';
import { MissingResultsError } from './inputs';

// A calibration's report data (docs/OUTPUTS.md, "The calibration folder"), from calibration.json and
// implausibility.csv: every target's record against the model (at the best point and over the
// posterior), the implausibility of every point per stage, and the posterior points for a pairs
// plot. Nothing of the time or machine goes in, so the report of a resumed calibration is the same.

export const CALIBRATION_SUMMARY = 'calibration.json';
export const CALIBRATION_IMPLAUSIBILITY = 'implausibility.csv';

/** calibration.json as the report reads it (the contract in docs/OUTPUTS.md). */
interface SummaryRecord {
  calibration: { name: string; description: string };
  scenario: { name: string };
  method: { waves: number; points: number; replicates: number; cutoff: number; largest: 1 | 2; discrepancy: number; emulator: boolean };
  abc: { points: number; replicates: number; accept: number };
  parameters: { name: string; path: string; domain: { kind: string; min?: number; max?: number; levels?: number[] } }[];
  targets: { id: string; use: string; metric: string; market: string; echelon: string; breakdown: Record<string, string>; area: string; window: [string, string]; baseWindow: [string, string] | null; statistic: string; value: number; grade: string; source: string; note: string }[];
  outcome: 'posterior' | 'nothing-survives';
  stoppedAfter: string | null;
  stages: { stage: string; kind: string; points: number; replicates: number; runs: number; candidates: number; accepted: number; filled: number; survivors: number | null; survivingShare: number | null }[];
  posterior: { points: number; accepted: number; accept: number; epsilon: number; parameters: { name: string; mean: number; sd: number; q05: number; q50: number; q95: number; priorShare: number }[] } | null;
  best: { stage: string; point: string; distance: number; implausibility: number; values: Record<string, number> } | null;
  bestCommand: string | null;
  fit: { id: string; use: string; value: number; sd: number; discrepancySd: number; best: number | null; implausibilityAtBest: number | null; posterior: { mean: number; q05: number; q50: number; q95: number } | null; plausibleShare: number | null }[];
  conflicts: { stage: string; plausible: { id: string; share: number }[]; unreachable: string[]; pairs: { a: string; b: string; onlyA: number; onlyB: number; both: number }[]; together: number[][] };
}

export interface CalibrationReportData {
  meta: { name: string; description: string; scenario: string; outcome: string; stoppedAfter: string | null; cutoff: number; largest: number; discrepancy: number; emulator: boolean; replicates: number; abc: SummaryRecord['abc'] };
  targets: {
    id: string;
    use: string;
    label: string;
    value: number;
    /** sd of record and discrepancy together: the record's band is ±2 of it */
    sdTotal: number;
    best: number | null;
    implausibilityAtBest: number | null;
    posterior: { q05: number; q50: number; q95: number } | null;
    plausibleShare: number | null;
    grade: string;
    source: string;
  }[];
  stages: (SummaryRecord['stages'][number] & { measures: number[] })[];
  parameters: { name: string; path: string; min: number; max: number; posterior: NonNullable<SummaryRecord['posterior']>['parameters'][number] | null }[];
  /** the ABC stage's points: parameter values per point, and whether each was accepted */
  abcPoints: { values: number[]; accepted: boolean; distance: number | null }[];
  best: SummaryRecord['best'];
  bestCommand: string | null;
  conflicts: SummaryRecord['conflicts'];
  fitIds: string[];
}

function describeTarget(t: SummaryRecord['targets'][number]): string {
  const breakdown = Object.entries(t.breakdown).map(([k, v]) => `${k} ${v}`).join(', ');
  const window = (w: [string, string]) => (w[0].endsWith('-01-01') && w[1].endsWith('-12-31') ? (w[0].slice(0, 4) === w[1].slice(0, 4) ? w[0].slice(0, 4) : `${w[0].slice(0, 4)}–${w[1].slice(0, 4)}`) : `${w[0]}–${w[1]}`);
  const what = `${t.metric.replace(/_/g, ' ')}, ${t.market} ${t.echelon}${breakdown ? ` (${breakdown})` : ''}, ${t.area.replace(/\+/g, ' + ')}`;
  const when = t.statistic === 'ratio' ? `${window(t.window)} ÷ ${window(t.baseWindow!)}` : `${window(t.window)}${t.statistic === 'total' ? ' (total)' : ' (a year)'}`;
  return `${what}, ${when}`;
}

export function calibrationData(dir: string): CalibrationReportData {
  const file = path.join(dir, CALIBRATION_SUMMARY);
  let s: SummaryRecord;
  try {
    s = JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryRecord;
  } catch (err) {
    throw new MissingResultsError(`${file}: cannot be read as a calibration summary (${err instanceof Error ? err.message : String(err)}).`);
  }
  const rows = parseCsv(fs.readFileSync(path.join(dir, CALIBRATION_IMPLAUSIBILITY), 'utf8'));
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);
  const num = (text: string) => (text === '' ? null : text === 'Inf' ? Infinity : Number(text));
  const paramCols = s.parameters.map((p) => col(p.name));
  const byStage = new Map<string, number[]>();
  const abcPoints: CalibrationReportData['abcPoints'] = [];
  for (const row of rows.slice(1)) {
    const stage = row[col('stage')];
    const measure = num(row[col(s.method.largest === 1 ? 'implausibility_max' : 'implausibility_second')]);
    const list = byStage.get(stage) ?? [];
    list.push(measure === null ? Infinity : measure);
    byStage.set(stage, list);
    if (stage === 'abc') abcPoints.push({ values: paramCols.map((c) => Number(row[c])), accepted: row[col('accepted')] === '1', distance: num(row[col('distance')]) });
  }
  const fitOf = new Map(s.fit.map((f) => [f.id, f]));
  return {
    meta: {
      name: s.calibration.name,
      description: s.calibration.description,
      scenario: s.scenario.name,
      outcome: s.outcome,
      stoppedAfter: s.stoppedAfter,
      cutoff: s.method.cutoff,
      largest: s.method.largest,
      discrepancy: s.method.discrepancy,
      emulator: s.method.emulator,
      replicates: s.method.replicates,
      abc: s.abc,
    },
    targets: s.targets.map((t) => {
      const f = fitOf.get(t.id)!;
      return {
        id: t.id,
        use: t.use,
        label: describeTarget(t),
        value: t.value,
        sdTotal: Math.sqrt(f.sd ** 2 + f.discrepancySd ** 2),
        best: f.best,
        implausibilityAtBest: f.implausibilityAtBest,
        posterior: f.posterior ? { q05: f.posterior.q05, q50: f.posterior.q50, q95: f.posterior.q95 } : null,
        plausibleShare: f.plausibleShare,
        grade: t.grade,
        source: t.source,
      };
    }),
    // JSON has no Infinity: an unmeasured target's implausibility travels as a large number.
    stages: s.stages.map((st) => ({ ...st, measures: (byStage.get(st.stage) ?? []).map((m) => (Number.isFinite(m) ? m : 1e9)) })),
    parameters: s.parameters.map((p, k) => ({
      name: p.name,
      path: p.path,
      min: p.domain.min ?? Math.min(...(p.domain.levels ?? [0])),
      max: p.domain.max ?? Math.max(...(p.domain.levels ?? [1])),
      posterior: s.posterior ? s.posterior.parameters[k] : null,
    })),
    abcPoints,
    best: s.best,
    bestCommand: s.bestCommand,
    conflicts: s.conflicts,
    fitIds: s.targets.filter((t) => t.use === 'fit').map((t) => t.id),
  };
}

import { eventMarks, type DistrictInfo, type EventMark } from './events';
import { estimatedFlowData } from './flowEstimate';
import { trueFlowData, type FlowData } from './flows';
import type { FlowRow } from './flowsCsv';
import { MAP_CREDIT, type DistrictRecord, type DistrictMap } from './geo';
import type { ManifestRecord, SummaryRecord, SummaryRowRecord } from './inputs';
import { mapData, type MapData } from './mapData';
import { metricLabel, metricOrder, metricUnit, rowLabel, rowOrder } from './metrics';
import { periods, type Period, type Step } from './months';
import { significant } from './scales';
import { rowKey, type Band, type SeriesTotals } from './totals';

// Everything a run's report draws, prepared from the results files: the page code only draws. The
// aggregation decisions (docs/OUTPUTS.md, "report.html") are made here, where they are unit-tested:
//  - small multiples: monthly country totals per market × echelon × metric, with bands;
//  - map: district values of the map's metrics per market × echelon, month by month (viz/mapData.ts);
//  - flows: relocations between districts per calendar year, from flows.csv (viz/flows.ts), or
//    estimated from the series for a folder without it (viz/flowEstimate.ts).

/** Significant digits kept on the time charts: enough for a line and a table cell; fewer digits, smaller file. */
export const SERIES_DIGITS = 4;

export interface MetricInfo {
  label: string;
  unit: string;
  kind: 'stock' | 'flow';
  observed: boolean;
}

export interface RowInfo {
  key: string;
  label: string;
  /** metrics with any non-zero value in this row, documented order */
  metrics: string[];
}

/** A summary row with its display label and, when the scenario names one, the study's verdict. */
export interface VerdictRow extends SummaryRowRecord {
  label: string;
  study: string | null;
  studyInShort: string | null;
}

export interface RunData {
  meta: {
    scenario: { name: string; description: string; start: string; end: string; hash: string };
    seed: number;
    reps: number;
    version: string;
    commit: string | null;
    node: string;
    startedAt: string;
    finishedAt: string;
    generatedAt: string;
    /** one line under every chart: what produced it */
    source: string;
    mapCredit: string;
  };
  verdicts: {
    rule: SummaryRecord['rule'];
    classes: Record<string, string>;
    reference: { id: string; source: string } | null;
    rows: VerdictRow[];
  };
  geojson: DistrictMap['geojson'];
  districts: DistrictRecord[];
  months: string[];
  metrics: Record<string, MetricInfo>;
  rows: RowInfo[];
  /** [row][metric] → BE and NL monthly totals with bands */
  multiples: Record<string, Record<string, { BE: Band; NL: Band }>>;
  /** the months grouped by month, quarter and year: the time charts can show means per period */
  periods: Record<Step, Period[]>;
  /** the time charts' initial resolution: months flicker between 4- and 5-week months, which hides trends over decades */
  seriesStep: Step;
  map: MapData;
  flows: FlowData;
  events: EventMark[];
}

const round = (a: number[], digits: number) => a.map((x) => significant(x, digits));

export function sourceLine(m: ManifestRecord): string {
  const commit = m.gitCommit ? ` (commit ${m.gitCommit.slice(0, 7)})` : '';
  return `Source: ${m.tool.name} ${m.tool.version}${commit}, scenario “${m.scenario.name}”, seed ${m.seed}, ${m.reps} replicate${m.reps === 1 ? '' : 's'}.`;
}

export function verdictData(summary: SummaryRecord): RunData['verdicts'] {
  const ref = summary.reference;
  return {
    rule: summary.rule,
    classes: summary.verdictClasses,
    reference: ref ? { id: ref.id, source: ref.source } : null,
    rows: summary.rows.map((r) => {
      const study = ref?.rows.find((s) => s.market === r.market && s.echelon === r.echelon) ?? null;
      return { ...r, label: rowLabel(rowKey(r.market, r.echelon)), study: study?.verdict ?? null, studyInShort: study?.inShort ?? null };
    }),
  };
}

function multiplesData(totals: SeriesTotals, rows: RowInfo[]): RunData['multiples'] {
  const out: RunData['multiples'] = {};
  for (const row of rows) {
    out[row.key] = {};
    for (const metric of row.metrics) {
      const band = (c: string) => {
        const b = totals.country(row.key, metric, c);
        return { value: round(b.value, SERIES_DIGITS), lo: round(b.lo, SERIES_DIGITS), hi: round(b.hi, SERIES_DIGITS) };
      };
      out[row.key][metric] = { BE: band('BE'), NL: band('NL') };
    }
  }
  return out;
}

/** Months for up to ten years; quarters beyond, where the 4-or-5-week sawtooth of months would hide the trend. */
export function seriesStep(months: readonly string[]): Step {
  return months.length <= 120 ? 'month' : 'quarter';
}

/** `flows`: the rows of flows.csv, or null for a results folder without it (the arrows are then estimated). */
export function runData(manifest: ManifestRecord, summary: SummaryRecord, totals: SeriesTotals, map: DistrictMap, generatedAt: Date, flows: readonly FlowRow[] | null = null): RunData {
  const months = totals.months();
  const rows: RowInfo[] = totals
    .rows()
    .sort(rowOrder)
    .map((key) => ({ key, label: rowLabel(key), metrics: totals.metrics(key).sort(metricOrder) }));
  const metrics: Record<string, MetricInfo> = {};
  for (const row of rows) {
    for (const name of row.metrics) {
      const m = metricLabel(name);
      metrics[name] = { label: m.label, unit: metricUnit(name), kind: m.kind, observed: m.observed };
    }
  }
  const info = new Map<string, DistrictInfo>(map.districts.map((d) => [d.id, d]));
  const s = manifest.scenario;
  return {
    meta: {
      scenario: { name: s.name, description: s.description, start: s.start, end: s.end, hash: manifest.scenarioHash },
      seed: manifest.seed,
      reps: manifest.reps,
      version: manifest.tool.version,
      commit: manifest.gitCommit,
      node: manifest.node,
      startedAt: manifest.startedAt,
      finishedAt: manifest.finishedAt,
      generatedAt: generatedAt.toISOString(),
      source: sourceLine(manifest),
      mapCredit: MAP_CREDIT,
    },
    verdicts: verdictData(summary),
    geojson: map.geojson,
    districts: map.districts,
    months,
    metrics,
    rows,
    multiples: multiplesData(totals, rows),
    periods: { month: periods(months, 'month'), quarter: periods(months, 'quarter'), year: periods(months, 'year') },
    seriesStep: seriesStep(months),
    map: mapData(totals, rows, map.districts, months),
    flows: flows ? trueFlowData(flows, map.districts, months) : estimatedFlowData(totals, rows, map.districts, months),
    events: eventMarks(s.policies ?? [], info, months),
  };
}

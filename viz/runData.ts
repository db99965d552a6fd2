import { eventMarks, type DistrictInfo, type EventMark } from './events';
import { netFlows, type PeriodFlows } from './flows';
import { MAP_CREDIT, type DistrictRecord, type DistrictMap } from './geo';
import type { ManifestRecord, SummaryRecord } from './inputs';
import { metricLabel, metricOrder, metricUnit, rowLabel, rowOrder } from './metrics';
import { chooseStep, periodMeans, periods, periodSums, type Period, type Step } from './months';
import { maxOf, niceCeiling, significant, sqrtTicks } from './scales';
import { rowKey, type Band, type SeriesTotals } from './totals';

// Everything a run's report draws, prepared from the results files: the page code only draws. The
// aggregation decisions (docs/OUTPUTS.md, "report.html") are made here, where they are unit-tested:
//  - small multiples: monthly country totals per market × echelon × metric, with bands;
//  - map: district totals per market × echelon × metric, by month when the run is short enough and
//    by quarter (or year) otherwise, each value the mean monthly value over the period;
//  - flows: net relocations between districts per calendar year.

/** Map values the report may hold (keys × periods): keeps the default job's report well under 5 MB. */
export const MAP_BUDGET = 250_000;
/** Significant digits kept: enough for a colour and a table cell; fewer digits, smaller file. */
export const MAP_DIGITS = 3;
export const SERIES_DIGITS = 4;
/** Relocations are shown as arrows, not as map colours. */
const FLOW_METRICS = ['relocations_in', 'relocations_out'];

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

export interface VerdictRow {
  market: string;
  echelon: string;
  label: string;
  verdict: string;
  study: string | null;
  studyInShort: string | null;
  agreement: number;
  displacementRatio: number | null;
  deltaBE: number;
  deltaNL: number;
  deltaBE_ci: [number, number];
  deltaNL_ci: [number, number];
  totalBefore: number;
  replicates: number;
  before: [string, string];
  after: [string, string];
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
  map: {
    step: Step;
    periods: Period[];
    /** [row][metric] → colour-scale top, legend ticks and per district (in `districts` order) the period values, or 0 when zero throughout */
    values: Record<string, Record<string, { top: number; ticks: number[]; byDistrict: (number[] | 0)[] }>>;
  };
  flows: {
    periods: Period[];
    /** [row] → the largest arrow over all years (for a fixed width scale) and per year the flows, districts as indices into `districts` */
    values: Record<string, { top: number; byPeriod: { gross: number; net: number; flows: [number, number, number][] }[] }>;
  };
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

function mapData(totals: SeriesTotals, rows: RowInfo[], districts: DistrictRecord[], months: string[]): RunData['map'] {
  const mapMetrics = (row: RowInfo) => row.metrics.filter((m) => !FLOW_METRICS.includes(m));
  let keys = 0;
  for (const row of rows) for (const metric of mapMetrics(row)) for (const d of districts) if (totals.hasDistrict(row.key, metric, d.id)) keys++;
  const step = chooseStep(months, keys, MAP_BUDGET);
  const ps = periods(months, step);
  const values: RunData['map']['values'] = {};
  for (const row of rows) {
    values[row.key] = {};
    for (const metric of mapMetrics(row)) {
      const byDistrict = districts.map((d) => (totals.hasDistrict(row.key, metric, d.id) ? round(periodMeans(totals.district(row.key, metric, d.id), ps), MAP_DIGITS) : 0));
      const top = niceCeiling(maxOf(byDistrict.filter((v): v is number[] => v !== 0)));
      values[row.key][metric] = { top, ticks: sqrtTicks(top, 4), byDistrict: byDistrict.map((v) => (v !== 0 && v.every((x) => x === 0) ? 0 : v)) };
    }
  }
  return { step, periods: ps, values };
}

function flowData(totals: SeriesTotals, rows: RowInfo[], districts: DistrictRecord[], months: string[]): RunData['flows'] {
  const ps = periods(months, 'year');
  const index = new Map(districts.map((d, i) => [d.id, i]));
  const values: RunData['flows']['values'] = {};
  for (const row of rows) {
    if (!FLOW_METRICS.some((m) => row.metrics.includes(m))) continue;
    const yearly = (metric: string) => districts.map((d) => periodSums(totals.district(row.key, metric, d.id), ps));
    const into = yearly('relocations_in');
    const out = yearly('relocations_out');
    const byPeriod = ps.map((_, p) => {
      const f: PeriodFlows = netFlows(new Map(districts.map((d, i) => [d.id, into[i][p]])), new Map(districts.map((d, i) => [d.id, out[i][p]])));
      return {
        gross: significant(f.gross, SERIES_DIGITS),
        net: significant(f.net, SERIES_DIGITS),
        flows: f.flows.map((x) => [index.get(x.from)!, index.get(x.to)!, significant(x.sites, MAP_DIGITS)] as [number, number, number]),
      };
    });
    const top = Math.max(0, ...byPeriod.flatMap((p) => p.flows.map((f) => f[2])));
    values[row.key] = { top, byPeriod };
  }
  return { periods: ps, values };
}

/** Months for up to ten years; quarters beyond, where the 4-or-5-week sawtooth of months would hide the trend. */
export function seriesStep(months: readonly string[]): Step {
  return months.length <= 120 ? 'month' : 'quarter';
}

export function runData(manifest: ManifestRecord, summary: SummaryRecord, totals: SeriesTotals, map: DistrictMap, generatedAt: Date): RunData {
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
    flows: flowData(totals, rows, map.districts, months),
    events: eventMarks(s.policies ?? [], info, months),
  };
}

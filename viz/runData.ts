import { eventMarks, type DistrictInfo, type EventMark } from './events';
import { estimatedFlowData } from './flowEstimate';
import { trueFlowData, type FlowData } from './flows';
import type { FlowRow } from './flows';
import { MAP_CREDIT, type DistrictRecord, type DistrictMap } from './districtMap';
import type { CarriersRecord, ManifestRecord, SummaryRecord, SummaryRowRecord } from './inputs';
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

/**
 * The parts of a carriers bar in drawing order, with their legend text (docs/OUTPUTS.md, "Who
 * carried the change"): the gain's four, or a loss split into what moved to NL and the rest.
 */
export const CARRIER_PARTS = {
  gain: [
    { part: 'moved', label: 'moved from NL', meaning: 'carriers whose Dutch activity fell as their Belgian activity rose' },
    { part: 'extended', label: 'extended from NL', meaning: 'Dutch carriers whose Dutch activity did not fall' },
    { part: 'newBelgian', label: 'new Belgian', meaning: 'Belgian organisations that started' },
    { part: 'other', label: 'other Belgian growth', meaning: 'Belgian carriers already active that grew' },
  ],
  loss: [
    { part: 'movedOut', label: 'moved to NL', meaning: 'lost by carriers whose Dutch activity rose as much' },
    { part: 'notMoved', label: 'not moved to NL', meaning: 'lost without the same carriers gaining in NL' },
  ],
} as const;

/**
 * One row's carriers as a stacked bar: Belgium's gain by who carried it or, when Belgium lost (ΔBE <
 * 0), its loss and the part moved to NL: the side the actors' rule reads.
 */
export interface CarrierBar {
  side: 'gain' | 'loss';
  /** all of the side, kg per month */
  total: number;
  /** in drawing order; `from` is where a part starts, kg per month from the bar's left end */
  parts: { part: string; value: number; from: number }[];
  /** the first part (moved, moved to NL) over the total, which the rule compares with `threshold`; null when the total is 0 */
  share: number | null;
  threshold: number;
}

/** A summary row with its display label and, when the scenario names one, the study's verdict. */
export interface VerdictRow extends SummaryRowRecord {
  label: string;
  study: string | null;
  studyInShort: string | null;
  verdictRule: 'actors' | 'market-volume';
  marketVolume: { verdict: string; agreement: number };
  carriers: CarriersRecord | null;
  /** null where the carriers are not known */
  carrierBar: CarrierBar | null;
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
    carrierParts: typeof CARRIER_PARTS;
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

export function carrierBar(row: SummaryRowRecord, threshold: number): CarrierBar | null {
  const c = row.carriers;
  if (!c) return null;
  const side = row.deltaBE < 0 ? 'loss' : 'gain';
  const values: Record<string, number> = side === 'gain' ? c.gain : { movedOut: c.movedOut, notMoved: Math.max(0, c.loss - c.movedOut) };
  let from = 0;
  const parts = CARRIER_PARTS[side].map(({ part }) => {
    const p = { part, value: values[part], from };
    from += p.value;
    return p;
  });
  const share = side === 'gain' ? c.movedShare : c.movedOutShare;
  return { side, total: from, parts, share: from > 0 ? share : null, threshold };
}

export function verdictData(summary: SummaryRecord): RunData['verdicts'] {
  const ref = summary.reference;
  return {
    rule: summary.rule,
    classes: summary.verdictClasses,
    reference: ref ? { id: ref.id, source: ref.source } : null,
    carrierParts: CARRIER_PARTS,
    rows: summary.rows.map((r) => {
      const study = ref?.rows.find((s) => s.market === r.market && s.echelon === r.echelon) ?? null;
      return {
        ...r,
        label: rowLabel(rowKey(r.market, r.echelon)),
        study: study?.verdict ?? null,
        studyInShort: study?.inShort ?? null,
        // Results written before the actors' rule have the market-volume verdict alone.
        verdictRule: r.verdictRule ?? 'market-volume',
        marketVolume: r.marketVolume ?? { verdict: r.verdict, agreement: r.agreement },
        carriers: r.carriers ?? null,
        carrierBar: carrierBar(r, summary.rule.shiftRatio),
      };
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

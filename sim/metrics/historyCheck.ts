import { RandomStream, streamKey } from '../core/rng';
import type { AnalysisWindows, ResolvedScenario, RowKey } from '../core/types';
import type { Catalog } from '../params/catalog';
import { evaluateIndicators, INDICATORS, pooledSeries, type IndicatorStatement, type Outcome, type StudyPlaces } from './indicators';
import { latinHypercube } from './latinHypercube';
import { shareInterval } from './replicates';
import { perturb, perturbEvents, uncertainEventNumbers, uncertainParameters } from './robustness';
import type { ReplicateSeries } from './series';
import type { ReferenceTable } from './study';
import { DEFAULT_RULE, pooledVerdicts, replicateRow, summarise, type ReplicateRow, type SummaryRow, type Verdict } from './verdict';

// Does a scenario reproduce a study's table (`waterbed check-history`)? Per row of the study: the
// share of replicates that give the study's verdict and, when robustness points were run, the share
// of Latin-hypercube points of ±SPREAD on the uncertain parameters (the calibrated ones over their
// posterior interval, robustness.ts) whose mean verdict does. A row
// holds when both shares reach their thresholds. Beside the rows, the study's indicators
// (sim/metrics/indicators.ts): each statement holds when it holds in enough replicates, and the
// check passes only when every row holds and enough of the statements do.

export const REPLICATE_THRESHOLD = 0.8;
export const ROBUSTNESS_THRESHOLD = 0.7;
export const SPREAD = 0.25;
/** share of the study's indicator statements that must hold (each in REPLICATE_THRESHOLD of the replicates) */
export const INDICATORS_THRESHOLD = 0.8;

/** Whether a row of the study holds: in enough replicates and, if robustness was asked, of points. */
export function rowHolds(replicateAgreement: number, pointAgreement: number | null): boolean {
  return replicateAgreement >= REPLICATE_THRESHOLD && (pointAgreement === null || pointAgreement >= ROBUSTNESS_THRESHOLD);
}

/** The scenario at `count` Latin-hypercube points, drawn from the seed's `robustness` stream. */
export function robustnessPoints(scenario: ResolvedScenario, catalog: Catalog, count: number, seed: number): ResolvedScenario[] {
  const specs = uncertainParameters(catalog);
  const events = uncertainEventNumbers(scenario.policies);
  const points = latinHypercube(count, specs.length + events.length, new RandomStream(streamKey(seed, 0, 'robustness')));
  return points.map((point) => ({
    ...scenario,
    parameters: perturb(scenario.parameters, specs, point, SPREAD),
    policies: perturbEvents(scenario.policies, events, point.slice(specs.length)),
  }));
}

/** A share of agreeing replicates or points, with its 95% Wilson interval. */
export type Agreement = ReturnType<typeof shareInterval>;

export interface HistoryRow {
  study: ReferenceTable['rows'][number];
  /** the row over all replicates, as summary.json has it */
  simulated: SummaryRow;
  /** share of replicates whose primary verdict (the actors' rule) is the study's */
  replicates: Agreement;
  /** null when no robustness points were run */
  points: Agreement | null;
  /** the same two shares by the market-volume rule, for comparison (it does not decide whether the row holds) */
  marketVolume: { replicates: Agreement; points: Agreement | null };
  /** whether the row holds: by the shares above or, where the study reads the row two ways, by its indicators */
  holds: boolean;
  /** set where the study reads the row two ways (study.readings): its indicators decide, and whether they all hold */
  byIndicators?: { holding: number; total: number };
}

/** Each replicate's row of the study (both rules; sim/metrics/verdict.ts). */
export function studyRows(study: ReferenceTable['rows'][number], scenario: ResolvedScenario, replicates: readonly ReplicateSeries[]): ReplicateRow[] {
  const windows = scenario.analysis[`${study.market}/${study.echelon}`];
  return replicates.map((s) => replicateRow(s, study.market, study.echelon, windows));
}

/** Each replicate's own primary verdict on one row of the study. */
export function replicateVerdicts(study: ReferenceTable['rows'][number], scenario: ResolvedScenario, replicates: readonly ReplicateSeries[]): Verdict[] {
  return studyRows(study, scenario, replicates).map((r) => r.verdict);
}

/**
 * The study's rows against the scenario's replicates and, per robustness point, that point's
 * replicates (points only perturb parameters, so they share the scenario's analysis windows).
 */
export function checkAgainstStudy(table: ReferenceTable, scenario: ResolvedScenario, replicates: readonly ReplicateSeries[], points: readonly (readonly ReplicateSeries[])[]): HistoryRow[] {
  const summary = summarise(replicates, scenario.analysis);
  return table.rows.map((study) => {
    const agreement = (verdicts: Verdict[]) => shareInterval(verdicts.filter((v) => v === study.verdict).length, verdicts.length);
    const rows = studyRows(study, scenario, replicates);
    // A point's verdict is that of its replicates' means (too few replicates for an interval).
    const pooled = points.map((series) => pooledVerdicts(studyRows(study, scenario, series), DEFAULT_RULE, false));
    const replicateAgreement = agreement(rows.map((r) => r.verdict));
    const pointAgreement = points.length ? agreement(pooled.map((p) => p.verdict)) : null;
    return {
      study,
      simulated: summary.find((r) => r.market === study.market && r.echelon === study.echelon)!,
      replicates: replicateAgreement,
      points: pointAgreement,
      marketVolume: {
        replicates: agreement(rows.map((r) => r.marketVolume)),
        points: points.length ? agreement(pooled.map((p) => p.marketVolume)) : null,
      },
      holds: rowHolds(replicateAgreement.share, pointAgreement?.share ?? null),
    };
  });
}

export interface IndicatorRow {
  statement: IndicatorStatement;
  /** share of replicates in which it holds (one where it cannot be measured counts as not holding) */
  replicates: Agreement;
  /** replicates in which it could not be measured */
  unmeasured: number;
  /** share of robustness points whose replicates, pooled into one series, it holds on; null without points */
  points: Agreement | null;
  /** it holds in at least REPLICATE_THRESHOLD of the replicates */
  holds: boolean;
  /** the figure it rests on, measured on the replicates pooled into one series (their mean) */
  figure: string;
}

/** Each of the study's indicator statements over the replicates and, when run, the robustness points (each point's replicates pooled). */
export function checkIndicators(
  analysis: Readonly<Record<RowKey, AnalysisWindows>>,
  places: StudyPlaces,
  replicates: readonly ReplicateSeries[],
  points: readonly (readonly ReplicateSeries[])[],
  statements: readonly IndicatorStatement[] = INDICATORS,
): IndicatorRow[] {
  const perReplicate = replicates.map((s) => evaluateIndicators(s, analysis, places, statements));
  const perPoint = points.map((list) => evaluateIndicators(pooledSeries(list), analysis, places, statements));
  const pooled = evaluateIndicators(pooledSeries(replicates), analysis, places, statements);
  const holding = (outcomes: Outcome[]) => shareInterval(outcomes.filter((o) => o === true).length, outcomes.length);
  return statements.map((statement, j) => {
    const outcomes = perReplicate.map((o) => o[j].outcome);
    const agreement = holding(outcomes);
    return {
      statement,
      replicates: agreement,
      unmeasured: outcomes.filter((o) => o === null).length,
      points: points.length ? holding(perPoint.map((o) => o[j].outcome)) : null,
      holds: agreement.share >= REPLICATE_THRESHOLD,
      figure: pooled[j].figure,
    };
  });
}

/**
 * The rows the study reads two ways (its `readings` contradict each other) are judged by their
 * indicators instead of by one verdict: such a row holds when every one of its statements holds.
 */
export function judgeByIndicators(rows: readonly HistoryRow[], indicators: readonly IndicatorRow[]): HistoryRow[] {
  return rows.map((row) => {
    if (!row.study.readings) return row;
    const own = indicators.filter((i) => i.statement.row === `${row.study.market}/${row.study.echelon}`);
    const holding = own.filter((i) => i.holds).length;
    return { ...row, holds: own.length > 0 && holding === own.length, byIndicators: { holding, total: own.length } };
  });
}

/** How many statements hold, of how many, and whether that is enough. */
export function indicatorsVerdict(rows: readonly IndicatorRow[]): { holding: number; total: number; share: number; holds: boolean } {
  const holding = rows.filter((r) => r.holds).length;
  const share = rows.length ? holding / rows.length : 0;
  return { holding, total: rows.length, share, holds: share >= INDICATORS_THRESHOLD };
}

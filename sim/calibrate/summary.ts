import { valueAt } from '../sweep/domains';
import { quantileSorted } from '../sweep/sensitivity/statistics';
import { rejectionAbc } from './abc';
import { scaleOf, type FinishedWave, type PointAssessment } from './analysis';
import { targetConflicts, type Conflicts } from './conflicts';
import { implausibility, modelVariance } from './implausibility';
import type { StageSample } from './region';
import type { CalibrationSpec } from './spec';
import { allTargets, ABC_STAGE, type StageResults } from './stages';

// What a calibration found, from its finished stages: how much of each wave survived, the posterior
// (the ABC stage's accepted points), the best-fitting point, the fit of every target (fit and
// validation) and, when nothing survived, which targets conflict. Pure, and free of times and
// machine details, so a resumed calibration gives the same bytes.

export interface StageRecord {
  stage: string;
  kind: 'wave' | 'abc';
  points: number;
  replicates: number;
  runs: number;
  /** candidates drawn for the stage, how many the emulators let through, and points taken from the rest */
  candidates: number;
  accepted: number;
  filled: number;
  /** the box the candidates were drawn in, in parameter values (the prior's whole range for wave 1) */
  box: { lower: number[]; upper: number[] };
  /** waves: points whose implausibility is within the cutoff; null for the ABC stage */
  survivors: number | null;
  survivingShare: number | null;
  /** waves with emulators: each fit target's fitted hyperparameters */
  emulators: { target: string; lengthScales: (number | null)[]; nugget: number; signalVariance: number; logLikelihood: number }[] | null;
}

export interface ParameterPosterior {
  name: string;
  path: string;
  mean: number;
  sd: number;
  q05: number;
  q50: number;
  q95: number;
  /** the posterior's 90% interval as a share of the prior's (in prior quantiles): 1 = nothing learnt */
  priorShare: number;
}

export interface TargetFit {
  id: string;
  use: 'fit' | 'validation';
  value: number;
  sd: number;
  discrepancySd: number;
  /** the model (mean of the point's replicates) at the best-fitting point */
  best: number | null;
  implausibilityAtBest: number;
  /** over the posterior points: the model's mean and 5%, 50% and 95% quantiles of the point means */
  posterior: { mean: number; q05: number; q50: number; q95: number } | null;
  /** share of posterior points where the target's own implausibility is within the cutoff */
  plausibleShare: number | null;
}

export interface CalibrationSummary {
  outcome: 'posterior' | 'nothing-survives';
  /** the wave after which nothing survived */
  stoppedAfter: string | null;
  stages: StageRecord[];
  posterior: {
    points: number;
    accepted: number;
    accept: number;
    epsilon: number;
    parameters: ParameterPosterior[];
    /** point ids of the accepted ABC points */
    ids: string[];
  } | null;
  best: {
    stage: string;
    point: string;
    distance: number;
    implausibility: number;
    values: Record<string, number>;
  } | null;
  fit: TargetFit[];
  /** on the last wave run */
  conflicts: Conflicts & { stage: string };
}

export interface FinishedStage {
  results: StageResults;
  sample: StageSample;
  assessments: PointAssessment[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / (xs.length - 1));
};
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

export function summarise(spec: CalibrationSpec, waves: readonly FinishedWave[], stages: readonly FinishedStage[], abc: FinishedStage | null): CalibrationSummary {
  const toValues = (unit: readonly number[]) => spec.parameters.map((f, k) => valueAt(f.domain, unit[k], f.integer));
  const records: StageRecord[] = stages.map((s) => {
    const wave = waves.find((w) => w.results.stage === s.results.stage);
    const survivors = s.results.stage === ABC_STAGE ? null : s.assessments.filter((a) => a.plausible).length;
    return {
      stage: s.results.stage,
      kind: s.results.stage === ABC_STAGE ? 'abc' : 'wave',
      points: s.results.points.length,
      replicates: s.results.replicates,
      runs: s.results.runs,
      candidates: s.sample.candidates,
      accepted: s.sample.accepted,
      filled: s.sample.filled,
      box: { lower: toValues(s.sample.box.lower), upper: toValues(s.sample.box.upper) },
      survivors,
      survivingShare: survivors === null ? null : survivors / s.results.points.length,
      emulators: wave?.emulators
        ? wave.emulators.emulators.map((e, t) => ({
            target: spec.fit[t].id,
            lengthScales: e.fit.lengthScales.map((l) => (Number.isFinite(l) ? l : null)),
            nugget: e.fit.nugget,
            signalVariance: e.fit.signalVariance,
            logLikelihood: e.fit.logLikelihood,
          }))
        : null,
    };
  });

  const targets = allTargets(spec);
  const scales = targets.map((t) => scaleOf(spec, t));
  const targetImplausibility = (stage: FinishedStage, point: number, t: number) => {
    const s = stage.results.points[point].summaries[t];
    return implausibility(scales[t], s.mean, modelVariance(s));
  };

  // The best point: the smallest distance over every stage's points (the earliest on a tie).
  let best: { stage: FinishedStage; point: number } | null = null;
  for (const stage of stages) {
    stage.assessments.forEach((a, i) => {
      if (Number.isFinite(a.distance) && (!best || a.distance < best.stage.assessments[best.point].distance)) best = { stage, point: i };
    });
  }
  const bestPoint = best as { stage: FinishedStage; point: number } | null;

  let posterior: CalibrationSummary['posterior'] = null;
  let accepted: number[] = [];
  if (abc) {
    const acceptance = rejectionAbc(abc.assessments.map((a) => a.distance), spec.abc.accept);
    accepted = acceptance.accepted;
    const units = accepted.map((i) => abc.results.points[i].unit);
    posterior = {
      points: abc.results.points.length,
      accepted: accepted.length,
      accept: spec.abc.accept,
      epsilon: acceptance.epsilon,
      ids: accepted.map((i) => abc.results.points[i].id),
      parameters: spec.parameters.map((f, k) => {
        const values = sorted(accepted.map((i) => abc.results.points[i].values[k]));
        const u = sorted(units.map((x) => x[k]));
        return {
          name: f.name,
          path: f.path,
          mean: mean(values),
          sd: sd(values),
          q05: quantileSorted(values, 0.05),
          q50: quantileSorted(values, 0.5),
          q95: quantileSorted(values, 0.95),
          priorShare: (quantileSorted(u, 0.95) - quantileSorted(u, 0.05)) / 0.9,
        };
      }),
    };
  }

  const fit: TargetFit[] = targets.map((target, t) => {
    const means = abc ? accepted.map((i) => abc.results.points[i].summaries[t].mean).filter((m): m is number => m !== null) : [];
    const ordered = sorted(means);
    return {
      id: target.id,
      use: target.use,
      value: target.value,
      sd: target.sd,
      discrepancySd: scales[t].discrepancySd,
      best: bestPoint ? bestPoint.stage.results.points[bestPoint.point].summaries[t].mean : null,
      implausibilityAtBest: bestPoint ? targetImplausibility(bestPoint.stage, bestPoint.point, t) : Infinity,
      posterior: ordered.length ? { mean: mean(ordered), q05: quantileSorted(ordered, 0.05), q50: quantileSorted(ordered, 0.5), q95: quantileSorted(ordered, 0.95) } : null,
      plausibleShare: abc && accepted.length ? accepted.filter((i) => targetImplausibility(abc, i, t) <= spec.method.cutoff).length / accepted.length : null,
    };
  });

  const lastWave = waves[waves.length - 1];
  const plausible = lastWave.assessments.map((a) => a.implausibility.map((v) => v <= spec.method.cutoff));
  const conflicts = { stage: lastWave.results.stage, ...targetConflicts(spec.fit.map((t) => t.id), plausible) };
  const nothing = lastWave.assessments.every((a) => !a.plausible);
  return {
    outcome: abc ? 'posterior' : 'nothing-survives',
    stoppedAfter: nothing ? lastWave.results.stage : null,
    stages: records,
    posterior,
    best: bestPoint
      ? {
          stage: bestPoint.stage.results.stage,
          point: bestPoint.stage.results.points[bestPoint.point].id,
          distance: bestPoint.stage.assessments[bestPoint.point].distance,
          implausibility: bestPoint.stage.assessments[bestPoint.point].measure,
          values: Object.fromEntries(spec.parameters.map((f, k) => [f.name, bestPoint.stage.results.points[bestPoint.point].values[k]])),
        }
      : null,
    fit,
    conflicts,
  };
}

import { latinHypercube } from '../metrics/latinHypercube';
import { randomStream } from '../sweep/random';
import { fitGaussianProcess } from './gaussianProcess';
import { fitDistance, implausibility, kthLargest, modelVariance, type TargetScale } from './implausibility';
import { sampleStage, survivorsBox, type Box, type StageSample, type WaveEmulators } from './region';
import type { CalibrationSpec } from './spec';
import type { StageResults } from './stages';
import type { Target } from './targets';

// What a finished wave says: each point's implausibility against the fit targets, which points
// survive, the wave's emulators; and from the finished waves, where the next stage's points go.
// Pure: the same finished stages give the same numbers, so every process plans the same stages.

export function scaleOf(spec: CalibrationSpec, target: Target): TargetScale {
  return { value: target.value, sd: target.sd, discrepancySd: spec.method.discrepancy * Math.abs(target.value) };
}

export interface PointAssessment {
  /** per fit target */
  implausibility: number[];
  /** the largest and second largest over the fit targets */
  max: number;
  second: number;
  /** the one the cutoff is applied to (method.largest) */
  measure: number;
  plausible: boolean;
  /** the ABC distance (root mean square standardised gap over the fit targets) */
  distance: number;
}

/** Each point of a stage against the fit targets (the first spec.fit.length summaries of a point). */
export function assessPoints(spec: CalibrationSpec, results: StageResults): PointAssessment[] {
  const scales = spec.fit.map((t) => scaleOf(spec, t));
  return results.points.map((p) => {
    const values = scales.map((s, t) => implausibility(s, p.summaries[t].mean, modelVariance(p.summaries[t])));
    const max = kthLargest(values, 1);
    const second = kthLargest(values, 2);
    const measure = spec.method.largest === 1 ? max : second;
    return { implausibility: values, max, second, measure, plausible: measure <= spec.method.cutoff, distance: fitDistance(scales, p.summaries.slice(0, scales.length).map((s) => s.mean)) };
  });
}

/**
 * One emulator per fit target, fitted to the wave's point means (points without a value left out).
 * `theta`: hyperparameters fitted before for the same table, per target: the same emulators without
 * the search (a resumed calibration need not fit them again).
 */
export function fitWaveEmulators(spec: CalibrationSpec, results: StageResults, theta?: readonly (readonly number[] | undefined)[]): WaveEmulators {
  const scales = spec.fit.map((t) => scaleOf(spec, t));
  const emulators = spec.fit.map((_, t) => {
    const usable = results.points.filter((p) => p.summaries[t].mean !== null);
    return fitGaussianProcess(usable.map((p) => p.unit), usable.map((p) => p.summaries[t].mean!), { theta: theta?.[t] });
  });
  const modelVariances = spec.fit.map((_, t) => {
    const usable = results.points.filter((p) => p.summaries[t].n > 0);
    return usable.length ? usable.reduce((a, p) => a + modelVariance(p.summaries[t]), 0) / usable.length : 0;
  });
  return { targets: scales, emulators, modelVariance: modelVariances };
}

export interface FinishedWave {
  results: StageResults;
  assessments: PointAssessment[];
  /** null without emulators */
  emulators: WaveEmulators | null;
}

/** The first wave: a Latin hypercube over the prior (unit coordinates). */
export function firstWavePoints(spec: CalibrationSpec, stage: string): StageSample {
  const dims = spec.parameters.length;
  const unit = latinHypercube(spec.method.points, dims, randomStream(spec.seed, `calibrate:${stage}`));
  const box: Box = { lower: Array<number>(dims).fill(0), upper: Array<number>(dims).fill(1) };
  return { unit, box, candidates: unit.length, accepted: unit.length, filled: 0 };
}

/**
 * A later stage (a wave or the ABC stage): in the box of the last wave's surviving points, widened
 * by the margin, screened by every wave's emulators when the method has them. Null when nothing
 * survived the last wave.
 */
export function laterStagePoints(spec: CalibrationSpec, stage: string, waves: readonly FinishedWave[], points: number): StageSample | null {
  const last = waves[waves.length - 1];
  const survivors = last.results.points.filter((_, i) => last.assessments[i].plausible).map((p) => p.unit);
  if (survivors.length === 0) return null;
  const box = survivorsBox(survivors, spec.parameters.length, spec.method.margin);
  const screening = spec.method.emulator ? { cutoff: spec.method.cutoff, largest: spec.method.largest, waves: waves.map((w) => w.emulators!) } : null;
  return sampleStage({ box, points, candidates: spec.method.candidates, screening, random: randomStream(spec.seed, `calibrate:${stage}`) });
}

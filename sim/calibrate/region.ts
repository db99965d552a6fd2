import { latinHypercube } from '../metrics/latinHypercube';
import type { Random } from '../sweep/random';
import type { Emulator } from './gaussianProcess';
import { implausibility, kthLargest, type TargetScale } from './implausibility';

// Where the next stage's points go: inside what history matching has not ruled out. Points live in
// unit coordinates (each parameter's prior quantile), so a uniform draw there is a draw from the
// prior. Candidates are a Latin hypercube over the smallest box holding the last wave's surviving
// points, widened by a margin on each side (within the prior); with emulators, every wave's
// emulators screen them (a candidate must pass each wave's cutoff, Andrianakis et al. 2015), and the
// stage takes the first candidates that pass, in the hypercube's random order: a uniform sample of
// the screened region. When too few pass, the rest are the candidates the emulators rule out least.

export interface Box {
  lower: number[];
  upper: number[];
}

/** The box of the points, widened by `margin` on each side and clipped to [0, 1]. */
export function survivorsBox(points: readonly (readonly number[])[], dims: number, margin: number): Box {
  if (points.length === 0) return { lower: Array<number>(dims).fill(0), upper: Array<number>(dims).fill(1) };
  const lower = Array.from({ length: dims }, (_, k) => Math.max(0, Math.min(...points.map((p) => p[k])) - margin));
  const upper = Array.from({ length: dims }, (_, k) => Math.min(1, Math.max(...points.map((p) => p[k])) + margin));
  return { lower, upper };
}

/** A wave's emulators: one per fit target, with what the implausibility needs besides them. */
export interface WaveEmulators {
  targets: TargetScale[];
  emulators: Emulator[];
  /** per target, the model's own variance pooled over the wave's points (Var_model of a new point) */
  modelVariance: number[];
}

export interface Screening {
  cutoff: number;
  largest: 1 | 2;
  waves: readonly WaveEmulators[];
}

/**
 * The emulators' verdict on a point: the largest, over the waves, of the k-th largest emulated
 * implausibility. Exact where it is within the cutoff; above it, possibly a lower bound (a target
 * whose mean alone rules it out, even with the emulator's largest variance, is not solved for).
 */
export function emulatedImplausibility(point: readonly number[], screening: Screening): number {
  let worst = 0;
  for (const wave of screening.waves) {
    const values = wave.targets.map((target, t) => {
      const emulator = wave.emulators[t];
      const mean = emulator.predictMean(point);
      const bound = implausibility(target, mean, wave.modelVariance[t] + emulator.maxVariance);
      if (bound > screening.cutoff) return bound;
      return implausibility(target, mean, wave.modelVariance[t] + emulator.predict(point).variance);
    });
    worst = Math.max(worst, kthLargest(values, screening.largest));
  }
  return worst;
}

export interface StageSample {
  /** the stage's points, unit coordinates */
  unit: number[][];
  box: Box;
  candidates: number;
  /** candidates the emulators let through (all of them without emulators) */
  accepted: number;
  /** points taken from candidates the emulators ruled out, because too few passed */
  filled: number;
}

export function sampleStage(args: { box: Box; points: number; candidates: number; screening: Screening | null; random: Random }): StageSample {
  const { box, points, screening, random } = args;
  const dims = box.lower.length;
  const count = screening ? Math.max(points, args.candidates) : points;
  const unit = latinHypercube(count, dims, random).map((row) => row.map((u, k) => box.lower[k] + u * (box.upper[k] - box.lower[k])));
  if (!screening) return { unit, box, candidates: count, accepted: count, filled: 0 };
  const measures = unit.map((p) => emulatedImplausibility(p, screening));
  const passing = unit.flatMap((_, i) => (measures[i] <= screening.cutoff ? [i] : []));
  const chosen = passing.slice(0, points);
  const filled = Math.max(0, points - chosen.length);
  if (filled > 0) {
    const rest = unit.map((_, i) => i).filter((i) => measures[i] > screening.cutoff).sort((a, b) => measures[a] - measures[b] || a - b);
    chosen.push(...rest.slice(0, filled));
  }
  return { unit: chosen.map((i) => unit[i]), box, candidates: count, accepted: passing.length, filled };
}

import type { Factor, Variant } from '../sweep/spec';
import type { Target } from './targets';

// A calibration file, read and checked (sim/calibrate/schema.ts): the scenario, the parameters with
// their priors, the targets to fit and to validate against, and the method's settings.

export interface MethodSpec {
  /** waves of history matching */
  waves: number;
  /** parameter points a wave */
  points: number;
  /** runs a point (2 or more: the model's own variance is estimated from them) */
  replicates: number;
  /** a point is ruled out when its k-th largest implausibility exceeds this */
  cutoff: number;
  /** k: 1 for the largest implausibility, 2 for the second largest */
  largest: 1 | 2;
  /** model discrepancy sd, as a share of each target's recorded value */
  discrepancy: number;
  /** Gaussian-process emulators screen each later wave's candidates */
  emulator: boolean;
  /** candidate points the emulators screen for each later stage */
  candidates: number;
  /** the margin (in prior quantiles) by which the box of a wave's survivors is widened for the next stage */
  margin: number;
}

export interface AbcSpec {
  /** points of the ABC stage, drawn in the region the last wave left */
  points: number;
  replicates: number;
  /** share of the ABC points accepted into the posterior (those closest to the record) */
  accept: number;
}

export interface CalibrationSpec {
  /** absolute path of the calibration file */
  file: string;
  /** sha256 of its bytes */
  fileHash: string;
  name: string;
  description: string;
  scenario: Variant;
  targetsFile: string;
  /** sha256 of the targets file's bytes */
  targetsHash: string;
  /** the targets fitted (use = fit), in the file's order */
  fit: Target[];
  /** the targets reported only (use = validation) */
  validation: Target[];
  /** targets of the file not used, with why (a window outside the scenario's run) */
  skipped: { id: string; reason: string }[];
  parameters: Factor[];
  seed: number;
  method: MethodSpec;
  abc: AbcSpec;
}

import type { Echelon, Market, Period, ResolvedScenario, RowKey } from '../core';
import type { ParameterSpec } from '../params/catalog';
import type { Domain } from './domains';

// A sweep file, read and checked: everything a sweep needs, in plain data that can be sent to a
// worker thread and written into the sweep folder.

/** The designs a sweep file can name. */
export const DESIGN_TYPES = ['grid', 'lhs', 'morris', 'sobol'] as const;
/** Designs that code hands to the sweep machinery with their points: a calibration's waves (sim/calibrate). */
export const GIVEN_DESIGN_TYPES = ['points'] as const;
export type DesignType = (typeof DESIGN_TYPES)[number] | (typeof GIVEN_DESIGN_TYPES)[number];

/** What a sweep file names as `design: {type: posterior, calibration: DIR}`: a calibration's posterior points, run as a `points` design. */
export const POSTERIOR_DESIGN = 'posterior';

/** Where a posterior design's points come from. */
export interface PosteriorSource {
  /** the calibration folder, as the sweep file writes it (relative to the sweep file) */
  folder: string;
  /** the calibration's name */
  calibration: string;
  /** the accepted points run, in the posterior's order */
  ids: string[];
  /** sha256 of the folder's posterior.csv: part of the sweep's identity, so a changed posterior is not resumed */
  sha256: string;
}

export interface DesignSpec {
  type: DesignType;
  /** lhs: design points; morris: trajectories; sobol: the base sample N; points: the number of points; absent for grid */
  samples?: number;
  /** morris: the number of grid levels p (even) */
  levels?: number;
  /** points: the design rows' unit coordinates, chosen by the caller (not written into design.json's `design`, whose rows hold them) */
  unit?: number[][];
  /** points: a calibration's posterior points (`design: {type: posterior, …}`), the factors its parameters */
  posterior?: PosteriorSource;
}

/** What a factor sets: a model parameter, or a parameter of policy events of the scenarios. */
export type FactorTarget =
  | { kind: 'parameter'; target: { spec: ParameterSpec; district?: number } }
  | {
      kind: 'policy';
      parameter: string;
      /** per scenario (variant), the indices into its resolved `policies` that the factor sets */
      events: number[][];
    };

export interface Factor {
  /** the column of the table; the path unless the file names it */
  name: string;
  /** as written in the sweep file */
  path: string;
  target: FactorTarget;
  domain: Domain;
  /** values are rounded to whole numbers (the parameter counts things) */
  integer: boolean;
}

/** A scenario of the sweep. Several scenarios are variants run at every design point with the same seeds. */
export interface Variant {
  name: string;
  /** absolute path of the scenario file */
  file: string;
  scenario: ResolvedScenario;
}

export const AGGREGATE_STATISTICS = ['mean', 'sum', 'per-year', 'min', 'max'] as const;
export type AggregateStatistic = (typeof AGGREGATE_STATISTICS)[number];

/** A metric summed over districts per month, then summarised over the months of a window. */
export interface AggregateSpec {
  name: string;
  metric: string;
  /** absent: every market */
  market?: Market;
  /** absent: every echelon */
  echelon?: Echelon;
  districts: string[];
  window: Period;
  statistic: AggregateStatistic;
  /** breakdown values to select; absent keys mean the total (empty breakdown) */
  breakdown: { channel?: string; buyer?: string; origin?: string; size?: string };
}

export interface OutputSpec {
  /** rows whose per-run verdict and ΔBE/ΔNL are recorded */
  verdicts: RowKey[];
  /** rows whose displacement ratio D is recorded */
  displacement: RowKey[];
  /** rows whose Dutch-linked share of Belgian sites (after window) is recorded */
  dutchLink: RowKey[];
  aggregates: AggregateSpec[];
}

export interface SweepSpec {
  /** absolute path of the sweep file */
  file: string;
  /** sha256 of the sweep file's bytes */
  fileHash: string;
  name: string;
  description: string;
  variants: Variant[];
  design: DesignSpec;
  replicates: number;
  seed: number;
  factors: Factor[];
  outputs: OutputSpec;
}

import { RandomStream, streamKey } from '../core/rng';
import type { ResolvedScenario } from '../core/types';
import { UserError } from '../errors';
import { scenarioHash } from '../io/results';
import { uncertainParameters } from '../metrics/robustness';
import type { ParameterSpec } from '../params/catalog';
import type { ScenarioContext } from '../scenario/context';
import { applyFactors, resolveFactorPath } from '../sweep/factors';
import type { FactorTarget, Variant } from '../sweep/spec';
import type { PosteriorSample } from './posterior';

// Robustness points drawn from a calibration's posterior instead of ±25% around the defaults
// (`check-history --robustness K --posterior DIR`): K of the accepted ABC points, each setting the
// calibration's parameters on the scenario through the factor paths the calibration set them by
// (sim/sweep/factors.ts), model and policy parameters alike. Everything else, the uncertain
// parameters the calibration did not vary among them, keeps the scenario's values.

/** A calibration parameter resolved against the scenarios it is set on. */
export interface PosteriorFactor {
  name: string;
  path: string;
  target: FactorTarget;
  /** the parameter counts things (whole numbers) */
  integer: boolean;
}

export interface PosteriorRobustness {
  /** the calibration folder as the output names it, and the calibration's name */
  folder: string;
  calibration: string;
  /** the scenario at each chosen point */
  points: ResolvedScenario[];
  /** the chosen points' ids, in the posterior's order */
  ids: string[];
  /** how many points the posterior holds */
  accepted: number;
  factors: PosteriorFactor[];
  /** the catalogue's uncertain parameters that no calibration parameter sets: at the scenario's values at every point */
  notVaried: ParameterSpec[];
  /** the scenario's resolved form differs from the one calibrated (a default, a policy or the file changed since) */
  changed: boolean;
}

/**
 * Which of `accepted` posterior points to run when `count` are asked for: all of them, in order,
 * when count ≥ accepted; otherwise `count` drawn without replacement, by the first steps of a
 * Fisher–Yates shuffle on the seed's `posterior-points` stream, returned in the posterior's order.
 * (Rejection ABC weighs its accepted points equally, so any subset is a sample of the posterior.)
 */
export function choosePosteriorPoints(count: number, accepted: number, seed: number): number[] {
  const all = Array.from({ length: accepted }, (_, i) => i);
  if (count >= accepted) return all;
  const random = new RandomStream(streamKey(seed, 0, 'posterior-points'));
  for (let i = 0; i < count; i++) {
    const j = i + random.below(accepted - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count).sort((a, b) => a - b);
}

/** The calibration's parameters resolved against the scenarios (a sweep's variants, or the one checked); every point's value must lie in the parameter's range. */
export function posteriorFactors(sample: PosteriorSample, variants: readonly Variant[], context: ScenarioContext): PosteriorFactor[] {
  return sample.parameters.map((p, k) => {
    const resolved = resolveFactorPath(p.path, p.at, variants, context);
    const range = resolved.range;
    const outside = range && sample.points.find((point) => point.values[k] < range[0] || point.values[k] > range[1]);
    if (range && outside) {
      throw new UserError(`${sample.shown}/posterior.csv, point ${outside.id}: ${p.name} = ${outside.values[k]} is outside ${resolved.rangeOf} (${range[0]} to ${range[1]}); expected the values of a calibration of this version's parameters.`);
    }
    return { name: p.name, path: p.path, target: resolved.target, integer: resolved.integer };
  });
}

/** The posterior must be a calibration of the scenario checked: the same scenario by name. */
function checkCalibratedScenario(sample: PosteriorSample, scenario: ResolvedScenario, file: string): void {
  if (sample.scenario.name === scenario.name) return;
  throw new UserError(
    `--posterior ${sample.shown}: the calibration ${sample.calibration} calibrated the scenario ${sample.scenario.name}, not ${scenario.name} (${file}), the one checked; expected a calibration of the scenario checked. ` +
      `Check ${sample.scenario.name} instead (--scenario with its file), or calibrate ${scenario.name} (a calibration file whose scenario: names ${file}).`,
  );
}

/** `count` robustness points of the posterior of `sample` on the scenario (see choosePosteriorPoints for which). */
export function posteriorRobustness(sample: PosteriorSample, scenario: ResolvedScenario, file: string, context: ScenarioContext, count: number, seed: number): PosteriorRobustness {
  checkCalibratedScenario(sample, scenario, file);
  const factors = posteriorFactors(sample, [{ name: scenario.name, file, scenario }], context);
  const chosen = choosePosteriorPoints(count, sample.points.length, seed);
  const varied = new Set(factors.flatMap((f) => (f.target.kind === 'parameter' ? [f.target.target.spec.path] : [])));
  return {
    folder: sample.shown,
    calibration: sample.calibration,
    points: chosen.map((i) => applyFactors(scenario, 0, factors, sample.points[i].values)),
    ids: chosen.map((i) => sample.points[i].id),
    accepted: sample.points.length,
    factors,
    notVaried: uncertainParameters(context.catalog).filter((spec) => !varied.has(spec.path)),
    changed: scenarioHash(scenario) !== sample.scenario.scenarioHash,
  };
}

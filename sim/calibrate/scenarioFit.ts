import type { OutputColumn } from '../metrics/runOutputs';
import { runPool } from '../runner/pool';
import { quantileSorted } from '../sweep/sensitivity/statistics';
import { scaleOf } from './analysis';
import { fitDistance, implausibility, modelVariance, summariseReplicates } from './implausibility';
import { targetColumns } from './schema';
import type { CalibrationSpec } from './spec';
import { allTargets, targetAggregates, targetValue } from './stages';
import type { TargetUse } from './targets';

// How a calibration's scenario fits the record as it stands: its own values, no factor of the
// calibration applied. After a calibration's values become the defaults, this is the fit table of
// the default model (`waterbed calibrate fit FILE`), judged as a calibration judges a point.

export interface TargetFit {
  id: string;
  use: TargetUse;
  /** the record */
  value: number;
  /** the model: mean over the replicates, and their 5% and 95% quantiles */
  model: number | null;
  q05: number | null;
  q95: number | null;
  /** as in the calibration: |record − mean| / √(Var_obs + Var_discrepancy + Var_model) */
  implausibility: number;
}

export interface ScenarioFit {
  replicates: number;
  targets: TargetFit[];
  /** the ABC distance over the fit targets */
  distance: number;
}

export interface ScenarioFitOptions {
  replicates: number;
  /** replicate r runs as `waterbed run --seed <seed>`'s replicate r */
  seed: number;
  workers: number;
  signal?: AbortSignal;
}

export async function scenarioFit(spec: CalibrationSpec, options: ScenarioFitOptions): Promise<ScenarioFit> {
  const targets = allTargets(spec);
  const aggregates = targets.flatMap(targetAggregates);
  const columns: OutputColumn[] = aggregates.map((a, i) => ({ name: a.name, kind: 'aggregate', type: 'number', aggregate: i }));
  const indices = targets.map((t) => targetColumns(t).map((name) => columns.findIndex((c) => c.name === name)));
  const runs: (number | null)[][] = Array.from({ length: options.replicates }, () => []);
  const wanted = { kind: 'outputs' as const, columns, aggregates };
  await runPool(options.replicates, (r) => ({ scenario: spec.scenario.scenario, seed: options.seed, replicate: r, wanted }), { workers: options.workers, signal: options.signal }, (reply) => {
    if (reply.kind !== 'outputs') throw new Error(`replicate ${reply.job} failed: ${reply.error}`);
    const read = (i: number) => (typeof reply.outputs[i] === 'number' ? (reply.outputs[i] as number) : null);
    runs[reply.job] = indices.map((index) => targetValue(read, index));
  });
  const scales = targets.map((t) => scaleOf(spec, t));
  const fits = targets.map((t, k): TargetFit => {
    const values = runs.map((r) => r[k]);
    const summary = summariseReplicates(values);
    const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
    return { id: t.id, use: t.use, value: t.value, model: summary.mean, q05: sorted.length ? quantileSorted(sorted, 0.05) : null, q95: sorted.length ? quantileSorted(sorted, 0.95) : null, implausibility: implausibility(scales[k], summary.mean, modelVariance(summary)) };
  });
  return { replicates: options.replicates, targets: fits, distance: fitDistance(scales.slice(0, spec.fit.length), fits.slice(0, spec.fit.length).map((f) => f.model)) };
}

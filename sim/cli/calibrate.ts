import path from 'node:path';
import { readCalibrationFile } from '../calibrate/schema';
import { writeCalibrationSlurmScripts } from '../calibrate/slurm';
import { runCalibration, type CalibrateOptions, type CalibrationOutcome } from '../calibrate/run';
import type { CalibrationSummary } from '../calibrate/summary';
import { bestCommand } from '../calibrate/files';
import { projectPath, projectRoot } from '../io/project';
import { gitCommit } from '../io/provenance';
import { formatTable } from '../io/textTable';
import { displayPath } from '../scenario/displayPath';
import { UserError } from './userError';
import type { CalibrationSpec } from '../calibrate/spec';
import { scenarioFit } from '../calibrate/scenarioFit';
import { parseShard, shardFromEnvironment, sweepWorkers } from './sweep';
import { formatDuration, sweepProgress, type SweepProgressView } from './sweepProgress';
import { writeReport } from './writeReport';

// `waterbed calibrate FILE`, `calibrate advance FILE` and `calibrate slurm FILE`: parse, call, print.

type Print = (line: string) => void;

export interface CalibrateArgs {
  file: string;
  workers?: number;
  out?: string;
  resume?: boolean;
  shard?: string;
  env?: NodeJS.ProcessEnv;
  progress?: boolean;
}

export function defaultCalibrationOut(name: string): string {
  return path.join('results', `calibration-${name}`);
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 }));
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

function describeCalibration(spec: CalibrationSpec, log: Print): void {
  const m = spec.method;
  log(`calibration ${spec.name}: ${spec.parameters.length} parameter${spec.parameters.length > 1 ? 's' : ''}, ${spec.fit.length} fit target${spec.fit.length > 1 ? 's' : ''} and ${spec.validation.length} validation target${spec.validation.length === 1 ? '' : 's'}; ${m.waves} wave${m.waves > 1 ? 's' : ''} of ${m.points} points × ${m.replicates} replicates (cutoff ${m.cutoff} on the ${m.largest === 1 ? 'largest' : 'second largest'} implausibility${m.emulator ? ', emulators on' : ''}), then ABC on ${spec.abc.points} points × ${spec.abc.replicates}`);
  if (spec.skipped.length) log(`  not used: ${spec.skipped.length} target${spec.skipped.length > 1 ? 's' : ''} of the targets file whose windows lie outside the scenario's run (calibration.json, skipped)`);
}

/** The lines the terminal shows of a finished calibration (and of one where nothing survived). */
export function summaryLines(spec: CalibrationSpec, summary: CalibrationSummary): string[] {
  const lines: string[] = [];
  const cutoff = spec.method.cutoff;
  if (summary.outcome === 'nothing-survives') {
    lines.push(`nothing survives ${summary.stoppedAfter}: at every point the ${spec.method.largest === 1 ? 'largest' : 'second largest'} implausibility is above ${cutoff}, so no ABC stage ran.`);
  }
  const c = summary.conflicts;
  if (c.unreachable.length > 0 || (summary.outcome === 'nothing-survives' && c.pairs.length > 0)) {
    if (c.unreachable.length) lines.push(`targets no point of ${c.stage} meets (implausibility above ${cutoff} everywhere): ${c.unreachable.join(', ')}`);
    if (c.pairs.length) {
      lines.push(`targets that conflict in ${c.stage} (each met at some points, never both at one):`);
      lines.push(...formatTable([['target A', 'target B', 'A met, B not', 'B met, A not'], ...c.pairs.slice(0, 10).map((p) => [p.a, p.b, pct(p.onlyA), pct(p.onlyB)])]).map((l) => `  ${l}`));
      if (c.pairs.length > 10) lines.push(`  … and ${c.pairs.length - 10} more pairs (calibration.json, conflicts)`);
    }
  }
  if (summary.posterior) {
    const p = summary.posterior;
    lines.push(`posterior: ${p.accepted} of ${p.points} ABC points (the ${pct(p.accept)} closest to the record, distance ≤ ${fmt(p.epsilon)})`);
    lines.push(
      ...formatTable([
        ['parameter', 'prior', 'posterior mean', '5%–95%', 'of the prior'],
        ...p.parameters.map((q, k) => {
          const d = spec.parameters[k].domain;
          const prior = d.kind === 'levels' ? d.levels.join(', ') : `${fmt(d.min)}–${fmt(d.max)}`;
          return [q.name, prior, fmt(q.mean), `${fmt(q.q05)}–${fmt(q.q95)}`, pct(q.priorShare)];
        }),
      ]).map((l) => `  ${l}`),
    );
  }
  if (summary.best) {
    lines.push(`best point (${summary.best.stage} ${summary.best.point}, distance ${fmt(summary.best.distance)}):`);
    const command = bestCommand(spec, summary.best.values);
    lines.push(command ? `  ${command}` : `  ${Object.entries(summary.best.values).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  }
  const rows = summary.fit.map((f) => [f.id, f.use, fmt(f.value), fmt(f.best), fmt(f.implausibilityAtBest), f.posterior ? `${fmt(f.posterior.q05)}–${fmt(f.posterior.q95)}` : '–']);
  lines.push('fit (model at the best point, its implausibility, and the posterior points\' 5%–95%):');
  lines.push(...formatTable([['target', 'use', 'record', 'model', 'I', 'posterior'], ...rows]).map((l) => `  ${l}`));
  for (const use of ['fit', 'validation'] as const) {
    const of = summary.fit.filter((f) => f.use === use);
    if (of.length) lines.push(`${use} targets within ${cutoff} sd at the best point: ${of.filter((f) => f.implausibilityAtBest <= cutoff).length} of ${of.length}`);
  }
  return lines;
}

function configure(args: CalibrateArgs) {
  const env = args.env ?? process.env;
  const shard = args.shard !== undefined ? parseShard(args.shard) : shardFromEnvironment(env);
  const spec = readCalibrationFile(args.file);
  const out = path.resolve(args.out ?? defaultCalibrationOut(spec.name));
  return { env, shard, spec, out };
}

async function report(outcome: CalibrationOutcome, spec: CalibrationSpec, out: string, log: Print, warn: Print): Promise<number> {
  const shown = displayPath(out);
  switch (outcome.kind) {
    case 'interrupted':
      warn(`interrupted in ${outcome.stage}: its finished runs are stored. Continue with: waterbed calibrate ${displayPath(spec.file)} --out ${shown} --resume`);
      return 130;
    case 'failed':
      warn(`${outcome.failures.length} run${outcome.failures.length > 1 ? 's' : ''} of ${outcome.stage} failed (recorded in its store and table):`);
      for (const f of outcome.failures.slice(0, 10)) warn(`  ${f.id}: ${f.error}`);
      warn('The calibration cannot go on without them. Rerun with --resume after fixing the cause.');
      return 1;
    case 'shard-done':
      log(outcome.complete ? `${outcome.stage} is complete.` : `this shard of ${outcome.stage} is done; when every shard is: waterbed calibrate advance ${displayPath(spec.file)} --out ${shown}`);
      return 0;
    case 'ready':
      log(`${outcome.stage} is ready: ${outcome.runs} runs to do (waterbed calibrate ${displayPath(spec.file)} --out ${shown} --resume, or its shards)`);
      return 0;
    case 'incomplete':
      warn(`${outcome.stage} lacks ${outcome.missing} of its ${outcome.total} runs: a shard has not finished. Rerun the unfinished shards (bash ${path.join(shown, 'slurm', 'submit.sh')} resubmits the stage; its tasks resume), then advance again.`);
      return 1;
    case 'finished': {
      for (const line of summaryLines(spec, outcome.summary)) log(line);
      log(`results: ${outcome.files.map((f) => path.join(shown, f)).join(', ')}`);
      log(`report: ${displayPath(await writeReport(out))}`);
      return outcome.summary.outcome === 'posterior' ? 0 : 1;
    }
  }
}

export async function calibrateCommand(args: CalibrateArgs, log: Print, warn: Print = (l) => process.stderr.write(l + '\n')): Promise<number> {
  const { env, shard, spec, out } = configure(args);
  const workers = sweepWorkers({ file: args.file, workers: args.workers }, env);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let view: SweepProgressView | undefined;
  let stageStarted = Date.now();
  describeCalibration(spec, log);
  try {
    const options: CalibrateOptions = {
      out,
      workers,
      resume: args.resume ?? false,
      shard,
      signal: abort.signal,
      gitCommit: gitCommit(),
      onStageStart: ({ stage, sample, replicates, total, done, todo, workers: used }) => {
        stageStarted = Date.now();
        const screened = sample.candidates > sample.unit.length ? `; emulators let ${sample.accepted} of ${sample.candidates} candidates through (${pct(sample.accepted / sample.candidates)})${sample.filled ? `, ${sample.filled} points taken from the closest of the rest` : ''}` : '';
        log(`${stage}: ${sample.unit.length} points × ${replicates} replicate${replicates > 1 ? 's' : ''}${screened}`);
        const part = shard ? `  shard ${shard.index}/${shard.count}: ${total} runs` : `  ${total} runs`;
        log(done > 0 ? `${part}, ${done} already stored; running the ${todo} missing on ${used} worker${used > 1 ? 's' : ''}` : `${part} on ${used} worker${used > 1 ? 's' : ''}`);
        if (args.progress !== false) view = sweepProgress(stage, total, done);
      },
      onProgress: (_, p) => view?.update(p),
      onStageEnd: ({ stage, points, survivors }) => {
        view?.stop();
        view = undefined;
        const took = Date.now() - stageStarted;
        if (survivors !== null) log(`${stage}: ${survivors} of ${points} points not ruled out (${pct(survivors / points)})${took > 1000 ? ` [${formatDuration(took)}]` : ''}`);
      },
    };
    const outcome = await runCalibration(spec, options);
    view?.stop();
    return await report(outcome, spec, out, log, warn);
  } finally {
    view?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** `calibrate advance`: what the Slurm chain runs between stages (no simulation). */
export async function calibrateAdvanceCommand(args: { file: string; out?: string }, log: Print, warn: Print = (l) => process.stderr.write(l + '\n')): Promise<number> {
  const { spec, out } = configure({ file: args.file, out: args.out, env: {} });
  const outcome = await runCalibration(spec, { out, workers: 1, resume: true, shard: null, advance: true, gitCommit: gitCommit() });
  return report(outcome, spec, out, log, warn);
}

/** `calibrate fit FILE`: the calibration's scenario as it stands (no factor applied) against its targets. */
export async function calibrateFitCommand(args: { file: string; reps: number; seed: number; workers?: number }, log: Print): Promise<number> {
  const spec = readCalibrationFile(args.file);
  if (!Number.isInteger(args.reps) || args.reps < 2) throw new UserError(`--reps ${args.reps}: expected a whole number of replicates, 2 or more (their spread enters the implausibility; e.g. --reps 20).`);
  const workers = sweepWorkers({ file: args.file, workers: args.workers }, process.env);
  const cutoff = spec.method.cutoff;
  log(`${displayPath(spec.scenario.file)} as it stands against the ${spec.fit.length} fit and ${spec.validation.length} validation targets of ${displayPath(spec.file)}: ${args.reps} replicates, seed ${args.seed}`);
  const fit = await scenarioFit(spec, { replicates: args.reps, seed: args.seed, workers });
  const band = (lo: number | null, hi: number | null) => (lo === null || hi === null ? '–' : `${fmt(lo)}–${fmt(hi)}`);
  for (const line of formatTable([['target', 'use', 'record', 'model', 'replicates 5%–95%', 'I'], ...fit.targets.map((t) => [t.id, t.use, fmt(t.value), fmt(t.model), band(t.q05, t.q95), fmt(t.implausibility)])])) log(`  ${line}`);
  for (const use of ['fit', 'validation'] as const) {
    const of = fit.targets.filter((t) => t.use === use);
    if (of.length) log(`${use} targets within ${cutoff} sd: ${of.filter((t) => t.implausibility <= cutoff).length} of ${of.length}`);
  }
  log(`distance over the fit targets: ${fmt(fit.distance)} (the calibration's ABC distance)`);
  return 0;
}

export interface CalibrateSlurmArgs {
  file: string;
  shards: number;
  partition?: string;
  time: string;
  cpus?: number;
  out?: string;
}

export async function calibrateSlurmCommand(args: CalibrateSlurmArgs, log: Print): Promise<number> {
  const spec = readCalibrationFile(args.file);
  const out = path.resolve(args.out ?? defaultCalibrationOut(spec.name));
  const files = await writeCalibrationSlurmScripts({
    name: spec.name,
    calibrationFile: spec.file,
    out,
    workdir: projectRoot(),
    shards: args.shards,
    firstWaveRuns: spec.method.points * spec.method.replicates,
    partition: args.partition,
    time: args.time,
    cpusPerTask: args.cpus ?? 1,
    entry: [process.execPath, projectPath('bin', 'waterbed.js')],
  });
  log(`calibration ${spec.name}: ${spec.method.waves} wave${spec.method.waves > 1 ? 's' : ''} and an ABC stage, each an array of ${args.shards} shards followed by an advance job`);
  for (const f of files) log(`wrote ${displayPath(f)}`);
  log('');
  log(`submit with:  bash ${displayPath(files.find((f) => f.endsWith('submit.sh'))!)}`);
  log(`(each stage's advance job submits the next stage; the chain ends with ${displayPath(path.join(out, 'calibration.json'))})`);
  return 0;
}

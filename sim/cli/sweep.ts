import path from 'node:path';
import { projectPath, projectRoot } from '../io/project';
import { gitCommit } from '../io/provenance';
import { defaultWorkers } from '../runner/pool';
import { displayPath } from '../scenario/displayPath';
import { mergeSweep } from '../sweep/merge';
import { planSweep, shardRuns, type Shard } from '../sweep/plan';
import { runSweep } from '../sweep/run';
import { readSweepFile } from '../sweep/schema';
import { writeSlurmScripts } from '../sweep/slurm';
import { writeReport } from './writeReport';
import { checkWorkers } from './args';
import { formatDuration, sweepProgress } from './sweepProgress';
import { UserError } from './userError';

// `waterbed sweep FILE`, `waterbed sweep merge DIR...` and `waterbed sweep slurm FILE`: parse, call,
// print. Problems a user can fix become UserErrors (exit status 2, one message).

export interface SweepArgs {
  file: string;
  workers?: number;
  out?: string;
  resume?: boolean;
  /** I/N, 0 ≤ I < N; without it, SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT when set */
  shard?: string;
  /** the process's environment, for the Slurm variables (tests pass their own) */
  env?: NodeJS.ProcessEnv;
  /** show progress on stderr (default true; tests turn it off) */
  progress?: boolean;
}

type Print = (line: string) => void;

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) {
    throw new UserError(`--shard ${text}: expected I/N with N shards and 0 ≤ I < N (I counts from 0, like SLURM_ARRAY_TASK_ID), e.g. --shard 0/4 … --shard 3/4.`);
  }
  return { index, count };
}

/** The shard of a Slurm array task, when the sweep runs as one. */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): Shard | null {
  const id = env.SLURM_ARRAY_TASK_ID;
  const count = env.SLURM_ARRAY_TASK_COUNT;
  if (id === undefined || count === undefined) return null;
  const min = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
  return parseShard(`${Number(id) - min}/${count}`);
}

export function sweepWorkers(args: SweepArgs, env: NodeJS.ProcessEnv): number {
  const cpus = Number(env.SLURM_CPUS_PER_TASK);
  const workers = args.workers ?? (Number.isInteger(cpus) && cpus > 0 ? cpus : defaultWorkers());
  checkWorkers(workers);
  return workers;
}

export function defaultSweepOut(name: string): string {
  return path.join('results', `sweep-${name}`);
}

export async function sweepCommand(args: SweepArgs, log: Print, warn: Print = (l) => process.stderr.write(l + '\n')): Promise<number> {
  const env = args.env ?? process.env;
  const shard = args.shard !== undefined ? parseShard(args.shard) : shardFromEnvironment(env);
  const workers = sweepWorkers(args, env);
  const spec = readSweepFile(args.file);
  const out = path.resolve(args.out ?? defaultSweepOut(spec.name));
  const shown = displayPath(out);
  const startedAt = Date.now();
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let view: ReturnType<typeof sweepProgress> | undefined;
  try {
    const outcome = await runSweep(spec, {
      out,
      workers,
      resume: args.resume ?? false,
      shard,
      signal: abort.signal,
      gitCommit: gitCommit(),
      onStart: ({ total, done, todo, workers: used }) => {
        const design = spec.design.type + (spec.design.samples ? ` (samples ${spec.design.samples})` : '');
        const scenarios = spec.variants.length > 1 ? ` × ${spec.variants.length} scenarios` : '';
        log(`sweep ${spec.name}: ${design}, ${spec.factors.length} factor${spec.factors.length > 1 ? 's' : ''}${scenarios}, ${spec.replicates} replicate${spec.replicates > 1 ? 's' : ''} a point`);
        const part = shard ? `shard ${shard.index}/${shard.count}: ${total} runs` : `${total} runs`;
        log(done > 0 ? `${part}, ${done} already stored in ${shown}; running the ${todo} missing on ${used} worker${used > 1 ? 's' : ''}` : `${part} on ${used} worker${used > 1 ? 's' : ''} → ${shown}`);
        if (args.progress !== false) view = sweepProgress(spec.name, total, done);
      },
      onProgress: (p) => view?.update(p),
    });
    view?.stop();
    if (outcome.interrupted) {
      warn(`interrupted: ${outcome.alreadyDone + outcome.ran} of ${outcome.total} runs are stored. Continue with: waterbed sweep ${displayPath(spec.file)} --out ${shown} --resume${shard ? ` --shard ${shard.index}/${shard.count}` : ''}`);
      return 130;
    }
    const before = outcome.alreadyDone ? ` (${outcome.alreadyDone} were stored before)` : '';
    log(`${outcome.ran} runs in ${formatDuration(Date.now() - startedAt)}${before}; ${outcome.total - outcome.failures.length} of ${outcome.total} ok`);
    if (outcome.tables) {
      log(`table: ${path.join(shown, 'table.csv')} and table.parquet (${outcome.tables.total} runs), manifest.json`);
      log(`report: ${displayPath(await writeReport(out))}`);
    } else if (shard) {
      log(`shard ${shard.index}/${shard.count} done; when every shard is done: waterbed sweep merge ${shown}`);
    }
    if (outcome.failures.length > 0) {
      warn(`${outcome.failures.length} run${outcome.failures.length > 1 ? 's' : ''} failed (recorded in the store and the table with status "failed"):`);
      for (const f of outcome.failures.slice(0, 10)) warn(`  ${f.id}: ${f.error}`);
      if (outcome.failures.length > 10) warn(`  … and ${outcome.failures.length - 10} more (see the table's error column)`);
      warn(`Rerun them with --resume after fixing the cause.`);
      return 1;
    }
    return 0;
  } finally {
    view?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

export async function sweepMergeCommand(args: { dirs: string[]; out?: string }, log: Print, warn: Print = (l) => process.stderr.write(l + '\n')): Promise<number> {
  const result = await mergeSweep(args.dirs, { out: args.out, gitCommit: gitCommit() });
  const shown = displayPath(result.out);
  log(`merged ${result.stores} store${result.stores > 1 ? 's' : ''}: ${result.state.total} runs, ${result.state.ok} ok, ${result.state.failed.length} failed`);
  log(`table: ${path.join(shown, 'table.csv')} and table.parquet, manifest.json`);
  log(`report: ${displayPath(await writeReport(result.out))}`);
  if (result.state.failed.length > 0) {
    for (const f of result.state.failed.slice(0, 10)) warn(`  failed ${f.id}: ${f.error}`);
    return 1;
  }
  return 0;
}

export interface SweepSlurmArgs {
  file: string;
  shards: number;
  partition?: string;
  time: string;
  cpus?: number;
  out?: string;
}

export async function sweepSlurmCommand(args: SweepSlurmArgs, log: Print): Promise<number> {
  const spec = readSweepFile(args.file);
  const out = path.resolve(args.out ?? defaultSweepOut(spec.name));
  const plan = planSweep(spec);
  const runs = plan.runs.length;
  const files = await writeSlurmScripts({
    name: spec.name,
    sweepFile: spec.file,
    out,
    workdir: projectRoot(),
    shards: args.shards,
    runs,
    partition: args.partition,
    time: args.time,
    cpusPerTask: args.cpus ?? 1,
    entry: [process.execPath, projectPath('bin', 'waterbed.js')],
  });
  log(`sweep ${spec.name}: ${runs} runs in ${args.shards} shards of up to ${shardRuns(plan, { index: 0, count: args.shards }).length} runs`);
  for (const f of files) log(`wrote ${displayPath(f)}`);
  log('');
  log(`submit with:  bash ${displayPath(files.find((f) => f.endsWith('submit.sh'))!)}`);
  log(`(the shards run as one array job; the merge job starts when all have ended and writes ${displayPath(path.join(out, 'table.csv'))})`);
  return 0;
}

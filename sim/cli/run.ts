import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeResultsAtomically, assertReplaceable } from '../io/atomic';
import { projectRoot } from '../io/project';
import { buildManifest, writeRunResults } from '../io/results';
import type { WrittenColumns } from '../io/seriesParquet';
import { summarise } from '../metrics/verdict';
import { runReplicates } from '../runner/replicates';
import { loadScenario } from '../scenario';
import { progress } from './progress';
import { writeReport } from './report';
import { UserError } from './userError';
import { verdictTableLines } from './verdictTable';

// `waterbed run`: replicates of one scenario, written atomically as a results folder.

export interface RunArgs {
  scenario: string;
  reps: number;
  seed: number;
  workers: number;
  out?: string;
  set: string[];
  /** also write series.csv */
  csv?: boolean;
}

export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

const shown = (x: number) => (Number.isNaN(x) ? '(not a number)' : String(x));

export function checkCounts(args: { reps: number; seed: number; workers: number }): void {
  if (!Number.isInteger(args.reps) || args.reps < 1) throw new UserError(`--reps ${shown(args.reps)}: expected a whole number of replicates, 1 or more (e.g. --reps 10).`);
  if (!Number.isInteger(args.seed) || args.seed < 0) throw new UserError(`--seed ${shown(args.seed)}: expected a whole number 0 or more (e.g. --seed 42).`);
  if (!Number.isInteger(args.workers) || args.workers < 1) throw new UserError(`--workers ${shown(args.workers)}: expected a whole number of worker threads, 1 or more.`);
}

/** A results folder name from the scenario's name: letters, digits, dots, dashes and underscores. */
export function defaultOutDir(name: string, seed: number): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return path.join('results', `${safe}-seed${seed}`);
}

export async function runCommand(args: RunArgs, log: (line: string) => void): Promise<string> {
  checkCounts(args);
  const scenario = loadScenario(args.scenario, { sets: args.set });
  const out = path.resolve(args.out ?? defaultOutDir(scenario.name, args.seed));
  assertReplaceable(out);
  const startedAt = new Date().toISOString();
  const bar = progress(`${scenario.name}: ${args.reps} replicate${args.reps > 1 ? 's' : ''}`);
  let runs;
  try {
    runs = await runReplicates(scenario, { reps: args.reps, seed: args.seed, workers: args.workers, onProgress: bar.update });
  } finally {
    bar.stop();
  }
  const replicates = runs.map((r) => r.series);
  const summary = summarise(replicates, scenario.analysis);
  const manifest = buildManifest({
    scenario,
    seed: args.seed,
    reps: args.reps,
    workers: args.workers,
    startedAt,
    finishedAt: new Date().toISOString(),
    gitCommit: gitCommit(),
  });
  let series: WrittenColumns | undefined;
  await writeResultsAtomically(out, async (tmp) => {
    series = await writeRunResults(tmp, { manifest, replicates, summary }, { csv: args.csv });
  });
  log(`${scenario.name}: ${args.reps} replicates, seed ${args.seed}`);
  log('');
  for (const line of verdictTableLines(summary, scenario.reference)) log(line);
  log('');
  log(`results: ${path.relative(process.cwd(), out) || out}`);
  const report = await writeReport(out, series);
  log(`report: ${path.relative(process.cwd(), report) || report}`);
  return out;
}

import path from 'node:path';
import { writeResultsAtomically, assertReplaceable } from '../io/atomic';
import { gitCommit } from '../io/provenance';
import { buildManifest, writeRunResults, type WrittenResults } from '../io/results';
import { summarise } from '../metrics/verdict';
import { replicatesOf, runReplicates } from '../runner/replicates';
import { loadScenario } from '../scenario';
import { CENSUS_SCHEDULES, type CensusSchedule } from '../agents/census';
import { didYouMean } from '../scenario/suggest';
import { checkCounts, defaultOutDir } from './args';
import { UserError } from './userError';
import { progress } from './progress';
import { writeReport } from './writeReport';
import { carriersTableLines, verdictTableLines } from './verdictTable';

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
  /** how often to take the actor census into agents.parquet (`--agents`): one of CENSUS_SCHEDULES; none when absent */
  agents?: string;
}

/** The census schedule `--agents` names, or a UserError listing those there are. */
export function censusSchedule(agents: string | undefined): CensusSchedule {
  if (agents === undefined) return 'none';
  const schedule = CENSUS_SCHEDULES.find((s) => s === agents);
  if (schedule) return schedule;
  const hint = didYouMean(agents, CENSUS_SCHEDULES);
  throw new UserError(`--agents ${agents || '""'}: expected one of ${CENSUS_SCHEDULES.join(', ')} (how often to write every actor into agents.parquet, e.g. --agents yearly).${hint ? ` ${hint}` : ''}`);
}

export async function runCommand(args: RunArgs, log: (line: string) => void): Promise<string> {
  checkCounts(args);
  const census = censusSchedule(args.agents);
  const scenario = loadScenario(args.scenario, { sets: args.set });
  const out = path.resolve(args.out ?? defaultOutDir(scenario.name, args.seed));
  assertReplaceable(out);
  const startedAt = new Date().toISOString();
  const bar = progress(`${scenario.name}: ${args.reps} replicate${args.reps > 1 ? 's' : ''}`);
  let outcomes;
  try {
    outcomes = await runReplicates(replicatesOf(scenario, args.reps, args.seed, undefined, census), { workers: args.workers, onProgress: bar.update });
  } finally {
    bar.stop();
  }
  const replicates = outcomes.map((r) => r.series);
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
  let written: WrittenResults | undefined;
  await writeResultsAtomically(out, async (tmp) => {
    const censuses = census === 'none' ? undefined : { schedule: census, replicates: outcomes.map((o) => o.census!) };
    written = await writeRunResults(tmp, { manifest, replicates, summary, census: censuses }, { csv: args.csv });
  });
  log(`${scenario.name}: ${args.reps} replicates, seed ${args.seed}`);
  log('');
  for (const line of verdictTableLines(summary, scenario.reference)) log(line);
  log('');
  const carriers = carriersTableLines(summary);
  for (const line of carriers) log(line);
  if (carriers.length) log('');
  log(`results: ${path.relative(process.cwd(), out) || out}`);
  const report = await writeReport(out, written);
  log(`report: ${path.relative(process.cwd(), report) || report}`);
  return out;
}

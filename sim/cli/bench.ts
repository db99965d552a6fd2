import { runFullModelBenchmark } from '../bench/fullModel';
import { runHistoryReplicateBenchmark } from '../bench/historyReplicate';
import { runResultsBenchmark } from '../bench/results';
import { runStandardBenchmark } from '../bench/standard';
import { projectPath } from '../io/project';
import { loadWorld } from '../io/worldData';
import { defaultWorkers } from '../runner/pool';
import { loadScenario } from '../scenario';
import { writeReport } from './writeReport';

// `waterbed bench`: a replicate of the historical scenario, the full model at two sizes and two
// horizons, then the standard risk-choice benchmark (waterbed's engine API, a plain typed-array
// kernel, flocc) in the same process, then writing a run's results against simulating it.

export async function benchCommand(args: { repetitions: number; quick: boolean }, log: (line: string) => void): Promise<number> {
  const scenario = loadScenario(projectPath('scenarios', 'baseline.yaml'));
  const world = loadWorld();
  runHistoryReplicateBenchmark({
    scenario: loadScenario(projectPath('scenarios', 'dismark-history.yaml')),
    world,
    warmUp: args.quick ? 1 : 3,
    repetitions: args.quick ? args.repetitions : Math.max(5, args.repetitions),
    log,
  });
  log('');
  runFullModelBenchmark({
    scenario,
    world,
    agents: args.quick ? [2_000, 5_000] : [10_000, 100_000],
    ticks: args.quick ? [26, 52] : [260, 520],
    repetitions: args.repetitions,
    log,
  });
  log('');
  runStandardBenchmark({
    n: args.quick ? 10_000 : 100_000,
    ticks: args.quick ? 50 : 200,
    floccN: args.quick ? 1_000 : 10_000,
    repetitions: args.repetitions,
    log,
  });
  log('');
  await runResultsBenchmark({
    scenario: loadScenario(projectPath('scenarios', 'dismark-history.yaml')),
    reps: args.quick ? 2 : 10,
    workers: defaultWorkers(),
    repetitions: args.repetitions,
    writeReport,
    log,
  });
  return 0;
}

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { defaultWorkers } from '../runner/pool';
import { runSweepBenchmark } from '../sweep/bench';
import { benchCommand } from './bench';
import { checkHistoryCommand } from './checkHistory';
import { compareCommand } from './compare';
import { explorerCommand } from './explorer';
import { reportCommand } from './report';
import { scenariosCommand } from './scenarios';
import { addSweepCommands } from './sweepCommands';
import { addCalibrateCommands } from './calibrateCommands';
import { runCommand } from './run';
import { guard, log, warn } from './guard';
import { USER_ERROR_EXIT } from './userError';
import { validateCommand } from './validate';

// The waterbed command line: parse, call, print. Errors a user can fix exit with status 2 and one
// message; anything else is a bug and prints its stack.

void addCalibrateCommands(addSweepCommands(yargs(hideBin(process.argv)), guard, log, warn), guard, log, warn)
  .scriptName('waterbed')
  .usage('$0 <command> [options]\n\nSimulates how drug markets move between Belgium and the Netherlands under police and policy pressure.')
  .command(
    'run <scenario>',
    'run replicates of a scenario and write a results folder',
    (y) =>
      y
        .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
        .option('reps', { type: 'number', default: 10, describe: 'replicates' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the random streams' })
        .option('workers', { type: 'number', default: defaultWorkers(), describe: 'worker threads' })
        .option('out', { type: 'string', describe: 'results folder (default results/<scenario>-seed<seed>)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a parameter: path=value (repeatable)' })
        .option('csv', { type: 'boolean', default: false, describe: 'also write series.csv (the series as text, beside series.parquet)' })
        .option('agents', { type: 'string', describe: 'also write agents.parquet, every actor at the end of each year or month: yearly, monthly or none (default)' }),
    (a) =>
      guard(() =>
        runCommand({ scenario: a.scenario as string, reps: a.reps, seed: a.seed, workers: a.workers, out: a.out, set: a.set as string[], csv: a.csv, agents: a.agents }, log).then(() => 0),
      ),
  )
  .command(
    'compare <baseline> <scenarios..>',
    'compare scenarios with a baseline, with common random numbers',
    (y) =>
      y
        .positional('baseline', { type: 'string', demandOption: true, describe: 'baseline scenario file' })
        .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
        .option('reps', { type: 'number', default: 10, describe: 'replicate pairs' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the random streams' })
        .option('workers', { type: 'number', default: defaultWorkers(), describe: 'worker threads' })
        .option('out', { type: 'string', describe: 'results folder (default results/compare-<baseline>-seed<seed>)' })
        .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a parameter in every scenario: path=value' })
        .option('runs', { type: 'boolean', default: false, describe: "also write each run's results folder under runs/" })
        .option('csv', { type: 'boolean', default: false, describe: 'with --runs, also write each run\'s series.csv' })
        .option('before', { type: 'string', describe: "before window of every row and run, FIRST..LAST (default: each scenario's own)" })
        .option('after', { type: 'string', describe: "after window of every row and run, FIRST..LAST (default: each scenario's own)" })
        .option('precision', { type: 'number', describe: "target half-width (kg/month) of the effects' 95% intervals for the replicate-pair guidance (default: 1% of each row's baseline BE + NL)" }),
    (a) =>
      guard(() =>
        compareCommand(
          {
            baseline: a.baseline as string,
            scenarios: a.scenarios as string[],
            reps: a.reps,
            seed: a.seed,
            workers: a.workers,
            out: a.out,
            set: a.set as string[],
            runs: a.runs,
            csv: a.csv,
            before: a.before,
            after: a.after,
            precision: a.precision,
          },
          log,
        ).then(() => 0),
      ),
  )
  .command(
    'report <dir>',
    'write DIR/report.html from a results folder (run, compare, sweep or calibrate)',
    (y) => y.positional('dir', { type: 'string', demandOption: true, describe: 'results folder' }),
    (a) => guard(() => reportCommand(a.dir as string, log)),
  )
  .command(
    'check-history',
    "does the historical scenario reproduce the study's table, over replicates and uncertain parameters?",
    (y) =>
      y
        .option('reps', { type: 'number', default: 20, describe: 'replicates' })
        .option('robustness', { type: 'number', default: 0, describe: 'robustness points: Latin-hypercube points of ±25% on the uncertain parameters (the calibrated ones, and the calibrated numbers of the policy events, over their posterior 5%–95%), or of the posterior with --posterior' })
        .option('posterior', { type: 'string', describe: "a finished calibration folder: draw the --robustness points from its posterior sample (the calibration's parameters at each point, the rest at the scenario's values)" })
        .option('point-reps', { type: 'number', default: 2, describe: 'replicates per robustness point' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the random streams' })
        .option('workers', { type: 'number', default: defaultWorkers(), describe: 'worker threads' })
        .option('scenario', { type: 'string', describe: 'scenario file (default scenarios/dismark-history.yaml)' })
        .option('ablation', { type: 'boolean', default: false, describe: "also rerun the history with each driver off in turn and print each row's verdict per ablation (not with --robustness)" }),
    (a) =>
      guard(() =>
        checkHistoryCommand(
          { reps: a.reps, seed: a.seed, workers: a.workers, robustness: a.robustness, pointReps: a['point-reps'], scenario: a.scenario, ablation: a.ablation, posterior: a.posterior },
          log,
        ),
      ),
  )
  .command(
    'explorer',
    'write the scenario explorer: one HTML file that runs the simulator in a browser',
    (y) => y.option('out', { type: 'string', describe: 'the HTML file to write (default results/explorer.html)' }),
    (a) => guard(() => explorerCommand(a.out, log).then(() => 0)),
  )
  .command('scenarios', 'list the scenario library', (y) => y, () => guard(() => scenariosCommand(log)))
  .command(
    'validate <files..>',
    'check scenario, sweep and calibration files, listing every problem of each',
    (y) => y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'scenario, sweep or calibration files (YAML)' }),
    (a) => guard(() => validateCommand(a.files as string[], log, warn)),
  )
  .command(
    'bench',
    'speed and memory benchmarks: the full model and the standard risk-choice benchmark (--sweep: the sweep machinery)',
    (y) =>
      y
        .option('repetitions', { type: 'number', default: 3, describe: 'interleaved repetitions (medians are reported)' })
        .option('quick', { type: 'boolean', default: false, describe: 'small sizes, for a smoke test' })
        .option('sweep', { type: 'boolean', default: false, describe: 'benchmark sweeps instead: 1 vs 2 workers, overhead, memory over 1,000 runs' }),
    (a) =>
      guard(() => (a.sweep ? runSweepBenchmark({ repetitions: a.repetitions, quick: a.quick, log }) : benchCommand({ repetitions: a.repetitions, quick: a.quick }, log))),
  )
  .demandCommand(1, 'Name a command: run, compare, report, check-history, sweep, sensitivity, discover, calibrate, scenarios, validate or bench.')
  .strict()
  .fail((msg, err) => {
    if (err) throw err;
    warn(`waterbed: ${msg}\nRun \`waterbed --help\` for the commands and their options.`);
    process.exit(USER_ERROR_EXIT);
  })
  .help()
  .parseAsync();

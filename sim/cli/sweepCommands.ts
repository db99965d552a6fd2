import type { Argv } from 'yargs';
import { discoverCommand } from './discover';
import { sensitivityCommand } from './sensitivity';
import { sweepCommand, sweepMergeCommand, sweepSlurmCommand } from './sweep';

// The sweep, sensitivity and discover commands of the waterbed command line (sim/cli/main.ts).

export type Guard = (action: () => Promise<number | void> | number | void) => Promise<void>;

export function addSweepCommands<T>(yargs: Argv<T>, guard: Guard, log: (l: string) => void, warn: (l: string) => void): Argv<T> {
  return yargs
  .command('sweep', 'parameter sweeps: run one (sweep FILE), merge shards (sweep merge DIR...), write Slurm scripts (sweep slurm FILE)', (y) =>
    y
      .command(
        'merge <dirs..>',
        'join the run stores of a sweep\'s shards into its table',
        (m) =>
          m
            .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'sweep folders (the --out of the shards)' })
            .option('out', { type: 'string', describe: 'where to write the table (default: the first folder)' }),
        (a) => guard(() => sweepMergeCommand({ dirs: a.dirs as string[], out: a.out }, log, warn)),
      )
      .command(
        'slurm <file>',
        'write sbatch scripts: an array of N shards and a merge job that waits for them',
        (s) =>
          s
            .positional('file', { type: 'string', demandOption: true, describe: 'sweep file (YAML)' })
            .option('shards', { type: 'number', default: 4, describe: 'array tasks (shards)' })
            .option('partition', { type: 'string', describe: 'Slurm partition' })
            .option('time', { type: 'string', default: '01:00:00', describe: 'time limit of each job' })
            .option('cpus', { type: 'number', default: 1, describe: 'CPUs (worker threads) per shard' })
            .option('out', { type: 'string', describe: 'sweep folder (default results/sweep-<name>)' }),
        (a) => guard(() => sweepSlurmCommand({ file: a.file as string, shards: a.shards, partition: a.partition, time: a.time, cpus: a.cpus, out: a.out }, log)),
      )
      .command(
        '$0 <file>',
        'run a sweep on worker threads, storing every run as it finishes',
        (s) =>
          s
            .positional('file', { type: 'string', demandOption: true, describe: 'sweep file (YAML)' })
            .option('workers', { type: 'number', describe: 'worker threads (default: SLURM_CPUS_PER_TASK or all cores)' })
            .option('out', { type: 'string', describe: 'sweep folder (default results/sweep-<name>)' })
            .option('resume', { type: 'boolean', default: false, describe: 'run only the runs missing from the folder\'s store' })
            .option('shard', { type: 'string', describe: 'I/N: run only the I-th (from 0) of N slices (default: from SLURM_ARRAY_TASK_ID/COUNT)' }),
        (a) => guard(() => sweepCommand({ file: a.file as string, workers: a.workers, out: a.out, resume: a.resume, shard: a.shard }, log, warn)),
      ),
  )
  .command(
    'sensitivity <dir>',
    'Morris or Sobol indices (with bootstrap intervals) of every output of a finished sweep',
    (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true, describe: 'sweep folder' })
        .option('resamples', { type: 'number', default: 1000, describe: 'bootstrap resamples' }),
    (a) => guard(() => sensitivityCommand({ dir: a.dir as string, resamples: a.resamples }, log)),
  )
  .command(
    'discover <dir>',
    'scenario discovery (PRIM, with a CART cross-check): the factor limits where an output meets a condition',
    (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true, describe: 'sweep folder' })
        .option('output', { type: 'string', demandOption: true, describe: 'output column of table.csv (e.g. verdict_cannabis_retail)' })
        .option('where', { type: 'string', demandOption: true, describe: 'condition: a value (expansion, "shift,expansion", "!= none") or a comparison ("> 0", ">= 0.5")' })
        .option('scenario', { type: 'string', describe: 'the scenario to analyse, when the sweep has several' })
        .option('threshold', { type: 'number', default: 0.8, describe: 'density the chosen box must reach' })
        .option('box', { type: 'number', describe: 'choose this box of the peeling trajectory instead' })
        .option('peel-alpha', { type: 'number', default: 0.05, describe: "share of the box's runs one peel cuts" })
        .option('paste-alpha', { type: 'number', default: 0.05, describe: "share of the box's runs one paste adds" })
        .option('min-mass', { type: 'number', default: 0.05, describe: 'smallest share of the runs a box may hold' })
        .option('out', { type: 'string', describe: 'write the JSON here (default DIR/discovery.json, which the report reads)' }),
    (a) =>
      guard(() =>
        discoverCommand(
          {
            dir: a.dir as string,
            output: a.output,
            where: a.where,
            scenario: a.scenario,
            threshold: a.threshold,
            box: a.box,
            peelAlpha: a['peel-alpha'],
            pasteAlpha: a['paste-alpha'],
            minMass: a['min-mass'],
            out: a.out,
          },
          log,
        ),
      ),
  );
}

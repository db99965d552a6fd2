import type { Argv } from 'yargs';
import { calibrateAdvanceCommand, calibrateCommand, calibrateFitCommand, calibrateSlurmCommand } from './calibrate';
import type { Guard } from './sweepCommands';

// The calibrate command of the waterbed command line (sim/cli/main.ts), with its Slurm subcommands.

export function addCalibrateCommands<T>(yargs: Argv<T>, guard: Guard, log: (l: string) => void, warn: (l: string) => void): Argv<T> {
  return yargs.command('calibrate', 'calibrate parameters against the record: history matching in waves, then ABC (calibrate FILE; calibrate fit FILE; calibrate slurm FILE; calibrate advance FILE)', (y) =>
    y
      .command(
        'slurm <file>',
        'write sbatch scripts: each stage an array of N shards, chained by advance jobs',
        (s) =>
          s
            .positional('file', { type: 'string', demandOption: true, describe: 'calibration file (YAML)' })
            .option('shards', { type: 'number', default: 4, describe: 'array tasks (shards) a stage' })
            .option('partition', { type: 'string', describe: 'Slurm partition' })
            .option('time', { type: 'string', default: '01:00:00', describe: 'time limit of each job' })
            .option('cpus', { type: 'number', default: 1, describe: 'CPUs (worker threads) per shard' })
            .option('out', { type: 'string', describe: 'calibration folder (default results/calibration-<name>)' }),
        (a) => guard(() => calibrateSlurmCommand({ file: a.file as string, shards: a.shards, partition: a.partition, time: a.time, cpus: a.cpus, out: a.out }, log)),
      )
      .command(
        'advance <file>',
        "between stages (the Slurm chain runs it): write the finished stage's table from its shards' stores, prepare the next stage, or write the results after the last",
        (s) =>
          s
            .positional('file', { type: 'string', demandOption: true, describe: 'calibration file (YAML)' })
            .option('out', { type: 'string', describe: 'calibration folder (default results/calibration-<name>)' }),
        (a) => guard(() => calibrateAdvanceCommand({ file: a.file as string, out: a.out }, log, warn)),
      )
      .command(
        'fit <file>',
        "the calibration's scenario as it stands (no parameter of the calibration changed) against its fit and validation targets: the default model's fit table",
        (s) =>
          s
            .positional('file', { type: 'string', demandOption: true, describe: 'calibration file (YAML)' })
            .option('reps', { type: 'number', default: 20, describe: 'replicates' })
            .option('seed', { type: 'number', default: 1, describe: 'seed (replicate r is `waterbed run --seed S` replicate r)' })
            .option('workers', { type: 'number', describe: 'worker threads (default: SLURM_CPUS_PER_TASK or all cores)' }),
        (a) => guard(() => calibrateFitCommand({ file: a.file as string, reps: a.reps, seed: a.seed, workers: a.workers }, log)),
      )
      .command(
        '$0 <file>',
        'run a calibration on worker threads, storing every run as it finishes',
        (s) =>
          s
            .positional('file', { type: 'string', demandOption: true, describe: 'calibration file (YAML)' })
            .option('workers', { type: 'number', describe: 'worker threads (default: SLURM_CPUS_PER_TASK or all cores)' })
            .option('out', { type: 'string', describe: 'calibration folder (default results/calibration-<name>)' })
            .option('resume', { type: 'boolean', default: false, describe: 'go on where a stopped calibration left off' })
            .option('shard', { type: 'string', describe: 'I/N: run only the I-th (from 0) of N slices of the first unfinished stage (default: from SLURM_ARRAY_TASK_ID/COUNT)' }),
        (a) => guard(() => calibrateCommand({ file: a.file as string, workers: a.workers, out: a.out, resume: a.resume, shard: a.shard }, log, warn)),
      ),
  );
}

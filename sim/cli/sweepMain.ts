import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runSweepBenchmark } from '../sweep/bench';
import { addSweepCommands } from './sweepCommands';
import { guard, log, warn } from './guard';
import { USER_ERROR_EXIT } from './userError';

// A command line of its own for the sweep commands, `node dist/sim/cli/sweepMain.js sweep …`, with
// the same commands and options as `waterbed sweep …`, `waterbed sensitivity …` and the sweep
// benchmark once sim/cli/main.ts wires them. The tests and the Slurm scripts they generate use it
// so they do not depend on that wiring.

void addSweepCommands(yargs(hideBin(process.argv)).scriptName('waterbed'), guard, log, warn, [process.execPath, __filename])
  .command(
    'sweep-bench',
    'sweep machinery: 1 vs 2 workers, overhead against bare runs, memory over a long sweep',
    (y) =>
      y
        .option('repetitions', { type: 'number', default: 3, describe: 'interleaved repetitions (medians are reported)' })
        .option('quick', { type: 'boolean', default: false, describe: 'small sizes, for a smoke test' }),
    (a) => guard(() => runSweepBenchmark({ repetitions: a.repetitions, quick: a.quick, log })),
  )
  .demandCommand(1, 'Name a command: sweep, sensitivity or sweep-bench.')
  .strict()
  .fail((msg, err) => {
    if (err) throw err;
    warn(`waterbed: ${msg}\nRun with --help for the commands and their options.`);
    process.exit(USER_ERROR_EXIT);
  })
  .help()
  .parseAsync();

import path from 'node:path';
import { checkSlurmOptions, shellWord, writeScripts, type SlurmOptions } from '../sweep/slurm';
import { SUMMARY_FILE } from './fileNames';

// `waterbed calibrate slurm`: a calibration on a Slurm cluster as a chain of jobs. Each stage runs as
// an array job of N shards (a task runs its shard of the first unfinished stage, with --resume, so a
// requeued task goes on); after it, an `advance` job joins the shards' stores into the stage's table
// and, unless that was the last stage, prepares the next and submits the next array and advance job.
// The chain ends when calibration.json is written (or when a stage lacks runs: the advance job says
// which, and submit.sh, run again, resumes the chain where it stopped).

export type CalibrationSlurmOptions = Omit<SlurmOptions, 'sweepFile' | 'runs'> & {
  calibrationFile: string;
  /** runs of the first wave, for the scripts' comments */
  firstWaveRuns: number;
};

export const SLURM_DIR = 'slurm';

export function calibrationSlurmScripts(o: CalibrationSlurmOptions): Record<'stage.sbatch' | 'advance.sbatch' | 'submit.sh', string> {
  checkSlurmOptions(o);
  const dir = path.join(o.out, SLURM_DIR);
  const logs = path.join(dir, 'logs');
  const job = `waterbed-cal-${o.name}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  const cli = o.entry.map(shellWord).join(' ');
  const partition = o.partition ? `#SBATCH --partition=${o.partition}\n` : '';
  const stage = `#!/bin/bash
# waterbed calibration "${o.name}": one stage (a wave of history matching, or the ABC stage) as an
# array of ${o.shards} shards (the first wave has ${o.firstWaveRuns} runs). Written by \`waterbed calibrate slurm\`;
# submit.sh queues it with the advance job that follows every stage.
#SBATCH --job-name=${job}
#SBATCH --array=0-${o.shards - 1}
#SBATCH --cpus-per-task=${o.cpusPerTask}
#SBATCH --time=${o.time}
${partition}#SBATCH --output=${logs}/stage-%A_%a.out
#SBATCH --error=${logs}/stage-%A_%a.err
set -euo pipefail
cd ${shellWord(o.workdir)}
exec ${cli} calibrate ${shellWord(o.calibrationFile)} --out ${shellWord(o.out)} --resume --workers "\${SLURM_CPUS_PER_TASK:-1}"
`;
  const advance = `#!/bin/bash
# waterbed calibration "${o.name}": after a stage's array, join its shards' stores into its table;
# then either the calibration is complete (${SUMMARY_FILE} written) or the next stage is ready and
# this job submits its array and another advance job after it.
#SBATCH --job-name=${job}-advance
#SBATCH --cpus-per-task=1
#SBATCH --time=${o.time}
${partition}#SBATCH --output=${logs}/advance-%j.out
#SBATCH --error=${logs}/advance-%j.err
set -euo pipefail
cd ${shellWord(o.workdir)}
${cli} calibrate advance ${shellWord(o.calibrationFile)} --out ${shellWord(o.out)}
if [ -e ${shellWord(path.join(o.out, SUMMARY_FILE))} ]; then exit 0; fi
array=$(sbatch --parsable ${shellWord(path.join(dir, 'stage.sbatch'))})
array=\${array%%;*}
next=$(sbatch --parsable --dependency=afterany:"$array" ${shellWord(path.join(dir, 'advance.sbatch'))})
echo "next stage: job $array (array of ${o.shards}); advance: job \${next%%;*}"
`;
  const submit = `#!/bin/bash
# Submits the calibration "${o.name}": the first unfinished stage as an array of ${o.shards} shards, then
# the advance job after it, which goes on stage by stage until ${SUMMARY_FILE} is written. Running it
# again after a stop resumes the chain.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable "$here/stage.sbatch")
array=\${array%%;*}
advance=$(sbatch --parsable --dependency=afterany:"$array" "$here/advance.sbatch")
advance=\${advance%%;*}
echo "stage: job $array (array of ${o.shards}); advance: job $advance, after it"
echo "follow with: squeue -u \\$USER    logs: ${logs}"
echo "results: ${o.out}/${SUMMARY_FILE} and report.html"
`;
  return { 'stage.sbatch': stage, 'advance.sbatch': advance, 'submit.sh': submit };
}

export async function writeCalibrationSlurmScripts(o: CalibrationSlurmOptions): Promise<string[]> {
  return writeScripts(o.out, calibrationSlurmScripts(o));
}

import fs from 'node:fs';
import path from 'node:path';
import { SweepError } from './errors';
import { writeFileAtomically } from '../io/atomic';
import { SLURM_DIR } from './folder';

// `waterbed sweep slurm`: scripts that run a sweep on a Slurm cluster as an array job of N shards
// (each task one `--shard`, taken from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT) and a merge
// job that starts when every shard has ended (afterany: a shard that failed still gets merged, and
// the merge says which runs are missing or failed). submit.sh submits both.

export interface SlurmOptions {
  name: string;
  /** absolute paths */
  sweepFile: string;
  out: string;
  /** the folder jobs run in (relative paths in the sweep file are relative to the file, not to it) */
  workdir: string;
  shards: number;
  runs: number;
  partition?: string;
  /** Slurm's --time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS */
  time: string;
  cpusPerTask: number;
  /** the command that runs the waterbed CLI, e.g. [node, /path/bin/waterbed.js] */
  entry: string[];
}

const TIME = /^(\d+-\d{1,2}(:\d{2}){0,2}|\d+(:\d{2}){0,2})$/;
const PARTITION = /^[A-Za-z0-9_.,-]+$/;

export function checkSlurmOptions(o: Pick<SlurmOptions, 'shards' | 'time' | 'partition' | 'cpusPerTask'>): void {
  if (!Number.isInteger(o.shards) || o.shards < 1) throw new SweepError(`--shards ${o.shards}: expected a whole number of shards, 1 or more (e.g. --shards 8).`);
  if (!TIME.test(o.time)) throw new SweepError(`--time ${o.time}: expected a Slurm time limit such as 60 (minutes), 02:00:00 or 1-00:00:00.`);
  if (o.partition !== undefined && !PARTITION.test(o.partition)) throw new SweepError(`--partition ${o.partition}: expected a partition name (letters, digits, . _ -), e.g. --partition compute.`);
  if (!Number.isInteger(o.cpusPerTask) || o.cpusPerTask < 1) throw new SweepError(`--cpus ${o.cpusPerTask}: expected a whole number of CPUs per shard, 1 or more.`);
}

/** A word for bash: single-quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function slurmScripts(o: SlurmOptions): Record<'shards.sbatch' | 'merge.sbatch' | 'submit.sh', string> {
  checkSlurmOptions(o);
  const logs = path.join(o.out, SLURM_DIR, 'logs');
  const job = `waterbed-${o.name}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  const cli = o.entry.map(shellWord).join(' ');
  const partition = o.partition ? `#SBATCH --partition=${o.partition}\n` : '';
  const shards = `#!/bin/bash
# waterbed sweep "${o.name}": ${o.runs} runs in ${o.shards} shards, one array task each.
# Written by \`waterbed sweep slurm\`; submit with submit.sh beside it (it also queues the merge).
# A task runs its shard (from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT), storing each run as it
# finishes; --resume lets a requeued or rerun task go on where it stopped.
#SBATCH --job-name=${job}
#SBATCH --array=0-${o.shards - 1}
#SBATCH --cpus-per-task=${o.cpusPerTask}
#SBATCH --time=${o.time}
${partition}#SBATCH --output=${logs}/shard-%A_%a.out
#SBATCH --error=${logs}/shard-%A_%a.err
set -euo pipefail
cd ${shellWord(o.workdir)}
exec ${cli} sweep ${shellWord(o.sweepFile)} --out ${shellWord(o.out)} --resume --workers "\${SLURM_CPUS_PER_TASK:-1}"
`;
  const merge = `#!/bin/bash
# waterbed sweep "${o.name}": joins the shards' run stores into table.csv, table.parquet and
# manifest.json in ${o.out}. Queued by submit.sh to start after every shard has ended.
#SBATCH --job-name=${job}-merge
#SBATCH --cpus-per-task=1
#SBATCH --time=${o.time}
${partition}#SBATCH --output=${logs}/merge-%j.out
#SBATCH --error=${logs}/merge-%j.err
set -euo pipefail
cd ${shellWord(o.workdir)}
exec ${cli} sweep merge ${shellWord(o.out)}
`;
  const submit = `#!/bin/bash
# Submits the sweep "${o.name}": the array of ${o.shards} shards, then the merge, which waits for them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable "$here/shards.sbatch")
array=\${array%%;*}
merge=$(sbatch --parsable --dependency=afterany:"$array" "$here/merge.sbatch")
merge=\${merge%%;*}
echo "shards: job $array (array of ${o.shards}); merge: job $merge, after the shards"
echo "follow with: squeue -j $array,$merge    logs: ${logs}"
echo "results: ${o.out}/table.csv"
`;
  return { 'shards.sbatch': shards, 'merge.sbatch': merge, 'submit.sh': submit };
}

export async function writeSlurmScripts(o: SlurmOptions): Promise<string[]> {
  return writeScripts(o.out, slurmScripts(o));
}

/** Writes scripts (name → text) into `<out>/slurm/`, executable, with its `logs/` folder; returns their paths. */
export async function writeScripts(out: string, scripts: Record<string, string>): Promise<string[]> {
  const dir = path.join(out, SLURM_DIR);
  // Slurm does not create the folder of --output; it must exist when a job starts.
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const files: string[] = [];
  for (const [name, text] of Object.entries(scripts)) {
    const file = path.join(dir, name);
    await writeFileAtomically(file, text);
    fs.chmodSync(file, 0o755);
    files.push(file);
  }
  return files;
}

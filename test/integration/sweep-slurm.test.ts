import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateCommand, calibrateSlurmCommand } from '../../sim/cli/calibrate';
import { sweepCommand, sweepSlurmCommand } from '../../sim/cli/sweep';

// A real Slurm array job: `sweep slurm` writes the scripts, submit.sh submits 3 shards and the merge
// job that waits for them, and the merged table must equal the one-machine table byte for byte. And a
// calibration as a chain of Slurm jobs (`calibrate slurm`): each stage an array of shards, each
// followed by an advance job that submits the next; its files must equal the one-machine ones.
// CI starts a single-node cluster first (.ci/setup.d/slurm.sh); on a machine without sbatch and
// squeue the test is skipped and says why.

const ROOT = path.resolve(__dirname, '../..');
const LHS = path.join(ROOT, 'test/fixtures/sweeps/lhs.yaml');
const ONE_WAVE = path.join(ROOT, 'test/fixtures/calibrations/one-wave.yaml');
// The jobs' own deadline, and the test's, a minute longer, so that a chain that stalls fails with its
// logs and queue rather than with vitest's bare timeout (a loaded CI machine once took over 120 s).
const TIMEOUT_MS = 300_000;
const TEST_TIMEOUT_MS = TIMEOUT_MS + 60_000;

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

const missing = ['sbatch', 'squeue', 'scontrol'].filter((c) => !onPath(c));
const skipReason = missing.length ? `skipped: ${missing.join(', ')} not found on PATH (no Slurm on this machine; .ci/setup.d/slurm.sh installs and starts a single-node cluster)` : '';
if (skipReason) process.stderr.write(`sweep-slurm.test.ts: ${skipReason}\n`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-sweep-slurm-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sh = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('a sweep on a Slurm cluster', () => {
  it.skipIf(Boolean(skipReason))(`runs 3 shards as an sbatch --array job and merges them into the one-machine table${skipReason ? ` (${skipReason})` : ''}`, async () => {
    const quiet = () => {};
    const local = path.join(tmp, 'local');
    expect(await sweepCommand({ progress: false, file: LHS, workers: 2, out: local }, quiet, quiet)).toBe(0);

    const out = path.join(tmp, 'cluster');
    expect(await sweepSlurmCommand({ file: LHS, shards: 3, time: '00:10:00', cpus: 1, out }, quiet)).toBe(0);
    const submitted = sh('bash', [path.join(out, 'slurm/submit.sh')]);
    const [, array, merge] = /shards: job (\d+).*merge: job (\d+)/.exec(submitted) ?? [];
    expect(array, submitted).toBeDefined();

    const deadline = Date.now() + TIMEOUT_MS;
    while (sh('squeue', ['-h', '-j', `${array},${merge}`, '-o', '%i']).trim() !== '') {
      if (Date.now() > deadline) {
        sh('scancel', [array, merge]);
        const logs = fs.readdirSync(path.join(out, 'slurm/logs')).map((f) => `--- ${f}\n${fs.readFileSync(path.join(out, 'slurm/logs', f), 'utf8')}`).join('\n');
        throw new Error(`the Slurm jobs did not finish within ${TIMEOUT_MS / 1000} s\n${logs}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    // Per-task final states (slurmctld keeps them for MinJobAge; no accounting database needed).
    const states = sh('scontrol', ['show', 'job', array, '-o']).trim().split('\n').map((l) => /JobState=(\S+)/.exec(l)?.[1]);
    const logs = () => fs.readdirSync(path.join(out, 'slurm/logs')).map((f) => `--- ${f}\n${fs.readFileSync(path.join(out, 'slurm/logs', f), 'utf8')}`).join('\n');
    expect(states, logs()).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(/JobState=(\S+)/.exec(sh('scontrol', ['show', 'job', merge, '-o']))?.[1], logs()).toBe('COMPLETED');
    expect(fs.readdirSync(path.join(out, 'store')).sort()).toEqual(['runs-shard-0-of-3.jsonl', 'runs-shard-1-of-3.jsonl', 'runs-shard-2-of-3.jsonl']);
    for (const f of ['table.csv', 'table.parquet']) {
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(local, f))), f).toBe(true);
    }
  }, TEST_TIMEOUT_MS);

  it.skipIf(Boolean(skipReason))(`runs a calibration as a chain of array jobs, one a stage, and gives the one-machine files${skipReason ? ` (${skipReason})` : ''}`, async () => {
    const quiet = () => {};
    const local = path.join(tmp, 'calibration-local');
    const started = Date.now();
    expect(await calibrateCommand({ progress: false, file: ONE_WAVE, workers: 2, out: local }, quiet, quiet)).toBe(0);
    // where the time went, should this test ever be slow again
    process.stderr.write(`sweep-slurm.test.ts: the one-machine calibration took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    const out = path.join(tmp, 'calibration-cluster');
    expect(await calibrateSlurmCommand({ file: ONE_WAVE, shards: 2, time: '00:10:00', cpus: 1, out }, quiet)).toBe(0);
    const submitted = sh('bash', [path.join(out, 'slurm/submit.sh')]);
    expect(submitted, submitted).toMatch(/stage: job \d+ \(array of 2\); advance: job \d+/);
    const logs = () => fs.readdirSync(path.join(out, 'slurm/logs')).map((f) => `--- ${f}\n${fs.readFileSync(path.join(out, 'slurm/logs', f), 'utf8')}`).join('\n');
    const ours = () => sh('squeue', ['-h', '-n', 'waterbed-cal-one-wave,waterbed-cal-one-wave-advance', '-o', '%i']).trim();
    const deadline = Date.now() + TIMEOUT_MS;
    // The chain submits its own jobs (an advance job submits the next stage before it ends): wait
    // until the summary is written and none of them is queued. With none queued for STOPPED_MS and no
    // summary, a job failed and the chain has stopped: say so now, with the logs.
    const STOPPED_MS = 10_000;
    let idleSince = Date.now();
    for (let queued = ours(); !fs.existsSync(path.join(out, 'calibration.json')) || queued !== ''; queued = ours()) {
      if (queued !== '') idleSince = Date.now();
      else if (Date.now() - idleSince > STOPPED_MS) throw new Error(`the calibration's Slurm chain stopped before its summary (no job of it queued for ${STOPPED_MS / 1000} s)\n${logs()}`);
      if (Date.now() > deadline) {
        const queue = sh('squeue', ['-h', '-o', '%i %j %T %r']);
        const queued = ours().split('\n').filter(Boolean);
        if (queued.length) sh('scancel', queued);
        throw new Error(`the calibration's Slurm chain did not finish within ${TIMEOUT_MS / 1000} s\nqueue (id name state reason):\n${queue}\n${logs()}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    process.stderr.write(`sweep-slurm.test.ts: the Slurm chain took ${((Date.now() - deadline + TIMEOUT_MS) / 1000).toFixed(1)} s\n`);
    // two stages (a wave and the ABC stage), each an array of 2 tasks and an advance job
    expect(fs.readdirSync(path.join(out, 'slurm/logs')).filter((f) => f.startsWith('advance-') && f.endsWith('.out')), logs()).toHaveLength(2);
    expect(fs.readdirSync(path.join(out, 'abc/store')).sort()).toEqual(['runs-shard-0-of-2.jsonl', 'runs-shard-1-of-2.jsonl']);
    for (const f of ['calibration.json', 'implausibility.csv', 'posterior.csv', 'posterior.parquet', 'report.html', 'waves/wave-1/table.csv', 'abc/table.parquet']) {
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(local, f))), f).toBe(true);
    }
  }, TEST_TIMEOUT_MS);
});

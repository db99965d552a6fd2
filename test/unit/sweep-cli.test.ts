import { describe, expect, it } from 'vitest';
import { parseShard, shardFromEnvironment } from '../../sim/cli/sweep';
import { formatDuration, sweepProgress } from '../../sim/cli/sweepProgress';
import { shellWord, slurmScripts } from '../../sim/sweep/slurm';

// The small parts of the sweep command line: shards, progress lines, Slurm scripts.

describe('shards', () => {
  it('parses I/N with I from 0', () => {
    expect(parseShard('0/3')).toEqual({ index: 0, count: 3 });
    expect(parseShard(' 2/3 ')).toEqual({ index: 2, count: 3 });
    for (const bad of ['3/3', '1', '-1/3', '1/0', 'a/b', '1/3/4']) expect(() => parseShard(bad), bad).toThrow(/--shard .*expected I\/N/);
  });

  it('takes a Slurm array task\'s shard from its environment, counting from the array\'s first index', () => {
    expect(shardFromEnvironment({})).toBeNull();
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 2, count: 4 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 2, count: 3 });
  });
});

describe('progress', () => {
  it('off a terminal: a line every 10% with rate, ETA and failures', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const view = sweepProgress('demo', 100, 0, stream);
    for (let done = 1; done <= 100; done++) view.update({ done, total: 100, failed: done > 50 ? 1 : 0, ran: done, elapsedMs: done * 100 });
    view.stop();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('demo: 10/100 runs (10%), 10.00 runs/s, eta 9s, 0 failed\n');
    expect(lines[9]).toBe('demo: 100/100 runs (100%), 10.00 runs/s, eta 0s, 1 failed\n');
  });

  it('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
    expect(formatDuration(Infinity)).toBe('?');
  });
});

describe('Slurm scripts', () => {
  const options = { name: 'demo', sweepFile: '/data/my sweeps/a.yaml', out: '/scratch/out', workdir: '/home/u/waterbed', shards: 8, runs: 800, time: '02:00:00', cpusPerTask: 4, entry: ['/usr/bin/node', '/home/u/waterbed/bin/waterbed.js'] };

  it('an array of N shards, each resuming, and a merge job', () => {
    const s = slurmScripts(options);
    expect(s['shards.sbatch']).toContain('#SBATCH --array=0-7\n');
    expect(s['shards.sbatch']).toContain('#SBATCH --cpus-per-task=4\n');
    expect(s['shards.sbatch']).not.toContain('--partition');
    expect(s['shards.sbatch']).toContain("exec /usr/bin/node /home/u/waterbed/bin/waterbed.js sweep '/data/my sweeps/a.yaml' --out /scratch/out --resume");
    expect(s['shards.sbatch']).toContain('#SBATCH --output=/scratch/out/slurm/logs/shard-%A_%a.out');
    expect(s['merge.sbatch']).toContain('exec /usr/bin/node /home/u/waterbed/bin/waterbed.js sweep merge /scratch/out');
    expect(s['submit.sh']).toContain('sbatch --parsable --dependency=afterany:"$array" "$here/merge.sbatch"');
    expect(slurmScripts({ ...options, partition: 'short' })['merge.sbatch']).toContain('#SBATCH --partition=short\n');
  });

  it('rejects what Slurm would not accept', () => {
    expect(() => slurmScripts({ ...options, time: '2 hours' })).toThrow(/--time 2 hours/);
    expect(() => slurmScripts({ ...options, shards: 0 })).toThrow(/--shards 0/);
    expect(() => slurmScripts({ ...options, partition: 'a b' })).toThrow(/--partition a b/);
    for (const t of ['60', '30:00', '02:00:00', '1-00', '1-12:00', '1-12:00:00']) expect(() => slurmScripts({ ...options, time: t }), t).not.toThrow();
  });

  it('quotes words for bash only when needed', () => {
    expect(shellWord('/a/b-c_d.yaml')).toBe('/a/b-c_d.yaml');
    expect(shellWord("it's here")).toBe(`'it'\\''s here'`);
  });
});

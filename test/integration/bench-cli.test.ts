import { describe, expect, it } from 'vitest';
import { expectStatus, waterbed } from './cliRun';

// `waterbed bench` through the command line, in its quick form. Only that it runs and reports every
// figure is checked here: speed itself is judged from the full benchmark's figures, never in a test.

/** The figure column of the table row that starts with `what`. */
function figure(stdout: string, what: string): string {
  const row = stdout.split('\n').find((line) => line.startsWith(`| ${what}`));
  expect(row, `a table row "${what}" in\n${stdout}`).toBeDefined();
  return row!.split('|')[2].trim();
}

describe('waterbed bench --quick', () => {
  it('times a history replicate, the full model at every size and horizon, the standard benchmark, then writing results', () => {
    const r = waterbed('bench', '--quick', '--repetitions', '1');
    expectStatus(r, 0);
    expect(figure(r.stdout, 'history replicate, one thread')).toMatch(/^\d+\.\d\d s \(dismark-history, \d+ weeks, \d+ agents on average; median of 1 on a warm thread, after 1 replicate\)$/);
    expect(figure(r.stdout, 'history replicate, first of a fresh thread')).toMatch(/^\d+\.\d\d s \(/);
    expect(r.stdout).toMatch(/agent-ticks\/s/);
    expect(r.stdout).toMatch(/flocc/);
    expect(figure(r.stdout, "simulating (run's replicates)")).toMatch(/^\d+\.\d\d s$/);
    expect(figure(r.stdout, 'writing results')).toMatch(/^\d+\.\d\d s, \d+\.\d% of simulating \+ writing$/);
    expect(figure(r.stdout, 'results folder')).toMatch(/^\d+\.\d MB: flows\.csv [\d.]+ MB, manifest\.json [\d.]+ MB, report\.html [\d.]+ MB, series\.parquet [\d.]+ MB, summary\.json [\d.]+ MB$/);
  });
});

describe('waterbed bench --sweep --quick', () => {
  it('reports overhead, speed-up, the CPU accounting behind it, and memory over a sweep', () => {
    const r = waterbed('bench', '--sweep', '--quick', '--repetitions', '1');
    expectStatus(r, 0);
    expect(figure(r.stdout, 'per-run overhead of the sweep machinery')).toMatch(/^-?\d+\.\d%$/);
    expect(figure(r.stdout, 'speed-up, 2 workers against 1')).toMatch(/^\d+\.\d\d× \(repetitions /);
    expect(figure(r.stdout, 'CPU time of the process, sweep with 1 worker')).toMatch(/^\d+\.\d\d s: /);
    expect(figure(r.stdout, 'CPU time of the process, sweep with 2 workers')).toMatch(/^\d+\.\d\d s: /);
    expect(figure(r.stdout, 'best speed-up that CPU use allows')).toMatch(/^\d+\.\d\d×$/);
    // ten resident-set samples over the 40 runs of the memory sweep
    expect(r.stdout).toMatch(/memory: a sweep of 40 runs/);
    expect(r.stdout.match(/\b\d+: \d+ MB/g)).toHaveLength(10);
  });
});

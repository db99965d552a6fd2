import { afterEach, describe, expect, it } from 'vitest';
import { simulateReplicate } from '../../sim/engine/simulate';
import { loadWorld } from '../../sim/io/worldData';
import { runPool } from '../../sim/runner/pool';
import type { FinalReply } from '../../sim/runner/protocol';
import { replicatesOf, runReplicates } from '../../sim/runner/replicates';
import { loadScenario } from '../../sim/scenario';

// The worker pool that runs every command's replicates, on real worker threads (the compiled
// dist/sim/runner/worker.js, built by `npm test`). Faults are injected the way the worker reads them,
// through WATERBED_TEST_FAULTS, so a crash is a real end of a worker thread.

const base = loadScenario('test/fixtures/scenarios/short.yaml');
// Half a year at a fifth of the agents: the pool, not the model, is under test.
const scenario = { ...base, end: '2010-06-30', parameters: { ...base.parameters, 'population.scale': 0.2 } };
const jobs = replicatesOf(scenario, 5, 3);
const nothingBack = { kind: 'outputs' as const, columns: [], aggregates: [] };

afterEach(() => {
  delete process.env.WATERBED_TEST_FAULTS;
});

describe('runReplicates', () => {
  it('returns the outcomes in the order asked, as simulated in this thread, with 1 or 3 workers', async () => {
    const world = loadWorld();
    const expected = jobs.map((j) => simulateReplicate(j.scenario, world, j.seed, j.replicate));
    for (const workers of [1, 3]) {
      const outcomes = await runReplicates(jobs, { workers });
      expect(outcomes).toHaveLength(jobs.length);
      outcomes.forEach((o, i) => {
        expect(o.series.values, `replicate ${i}, ${workers} workers`).toEqual(expected[i].series.values);
        expect(o.series.flows.values).toEqual(expected[i].series.flows.values);
        expect([o.agentTicks, o.peakAgents]).toEqual([expected[i].agentTicks, expected[i].peakAgents]);
      });
    }
  });

  it('reports progress as a share of all ticks, rising to 1', async () => {
    const shares: number[] = [];
    await runReplicates(jobs, { workers: 2, onProgress: (s) => shares.push(s) });
    expect(shares.length).toBeGreaterThanOrEqual(jobs.length); // at least once a replicate
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1]);
    expect(shares[shares.length - 1]).toBe(1);
  });

  it('rejects naming the replicate that failed', async () => {
    process.env.WATERBED_TEST_FAULTS = 'fail@3/2';
    await expect(runReplicates(jobs, { workers: 2 })).rejects.toThrow(/^replicate 2 of short failed: Error: injected failure of seed 3, replicate 2/);
  });
});

describe('runPool', () => {
  it('a dead worker fails the job it was running; the job it held goes to its replacement', async () => {
    // One worker holds two jobs: it dies running job 1 while holding job 2.
    process.env.WATERBED_TEST_FAULTS = 'crash@3/1';
    const replies: FinalReply[] = [];
    await runPool(jobs.length, (job) => ({ ...jobs[job], wanted: nothingBack }), { workers: 1 }, (reply) => replies.push(reply));
    expect(replies.map((r) => [r.job, r.kind])).toEqual([[0, 'outputs'], [1, 'failed'], [2, 'outputs'], [3, 'outputs'], [4, 'outputs']]);
    expect(replies[1]).toMatchObject({ error: 'the worker thread running it stopped: exit code 70' });
  });

  it('stops handing out jobs when aborted', async () => {
    const abort = new AbortController();
    const answered: number[] = [];
    await runPool(jobs.length, (job) => ({ ...jobs[job], wanted: nothingBack }), { workers: 1, signal: abort.signal }, (reply) => {
      answered.push(reply.job);
      abort.abort();
    });
    expect(answered).toEqual([0]);
  });

  it('rejects with what the caller threw, after stopping the workers', async () => {
    const pending = runPool(jobs.length, (job) => ({ ...jobs[job], wanted: nothingBack }), { workers: 2 }, () => {
      throw new Error('no room for it');
    });
    await expect(pending).rejects.toThrow('no room for it');
  });
});

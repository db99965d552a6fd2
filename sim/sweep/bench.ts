import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulateReplicate } from '../engine/simulate';
import { projectPath } from '../io/project';
import { loadWorld } from '../io/worldData';
import { runPool } from '../runner/pool';
import { planSweep, runScenario } from './plan';
import { runSweep } from './run';
import { readSweepFile } from './schema';

// The sweep benchmark (wired as a CLI command by sim/cli): throughput with 1 and 2 workers, the
// sweep machinery's overhead against bare simulateReplicate calls of the same runs, the same runs
// on two threads with nothing else (what the machine can give two threads at best), and memory
// over a long sweep. Each timing repeats `repetitions` times, interleaved (bare, 1 worker,
// 2 workers, 2 bare threads, bare, …) so drift of a noisy machine hits all alike; medians are reported.

export interface SweepBenchOptions {
  repetitions: number;
  quick: boolean;
  log: (line: string) => void;
  /** runs of the throughput sweep (default 200; quick 20) */
  runs?: number;
  /** runs of the memory sweep (default 1,000 of the default horizon; quick 40 short runs) */
  memoryRuns?: number;
}

function writeBenchFiles(dir: string, horizon: 'short' | 'default', runs: number): string {
  const baseline = projectPath('scenarios', 'baseline.yaml');
  const scenario = path.join(dir, `${horizon}.yaml`);
  const dates = horizon === 'short' ? 'start: 2010-01-01\nend: 2013-12-31\nparameters:\n  population.scale: 0.5\nanalysis:\n  before: [2010-01-01, 2010-12-31]\n  after: [2012-01-01, 2013-12-31]\n' : '';
  fs.writeFileSync(scenario, `name: bench-${horizon}\ndescription: the baseline${horizon === 'short' ? ', 2010-2013 at half the agents' : ''}, for the sweep benchmark\nextends: ${JSON.stringify(baseline)}\n${dates}`);
  const sweep = path.join(dir, `sweep-${horizon}-${runs}.yaml`);
  fs.writeFileSync(
    sweep,
    `name: bench-${horizon}-${runs}\ndescription: sweep benchmark\nscenario: ${horizon}.yaml\ndesign: lhs\nsamples: ${runs / 2}\nreplicates: 2\nseed: 1\n` +
      'factors:\n  - {path: risk.memoryKeepPerWeek, range: [0.95, 0.99]}\n  - {path: growers.location.riskWeight, range: [2, 4]}\n',
  );
  return sweep;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function runSweepBenchmark(options: SweepBenchOptions): Promise<number> {
  const { log } = options;
  const runs = options.runs ?? (options.quick ? 20 : 200);
  const memoryRuns = options.memoryRuns ?? (options.quick ? 40 : 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-sweep-bench-'));
  try {
    const spec = readSweepFile(writeBenchFiles(dir, 'short', runs));
    const plan = planSweep(spec);
    const world = loadWorld();
    const bare = () => {
      const t = performance.now();
      for (const run of plan.runs) simulateReplicate(runScenario(spec, plan, run), world, run.seed, 0);
      return performance.now() - t;
    };
    // The machine's ceiling: the same runs on the worker pool with nothing around them (no outputs,
    // no store), what two threads can do on this machine at best.
    const bareThreads = async (threads: number) => {
      const t = performance.now();
      const wanted = { kind: 'outputs' as const, columns: [], aggregates: [] };
      await runPool(
        plan.runs.length,
        (job) => ({ scenario: runScenario(spec, plan, plan.runs[job]), seed: plan.runs[job].seed, replicate: 0, wanted }),
        { workers: threads },
        () => {},
      );
      return performance.now() - t;
    };
    let folder = 0;
    // CPU time of the whole process (every thread) per sweep: what the same runs cost with one and
    // with two workers. When two workers need more CPU for the same runs, no scheduling can reach 2×.
    const cpu = { one: [] as number[], two: [] as number[] };
    const sweep = async (workers: 1 | 2) => {
      const t = performance.now();
      const c = process.cpuUsage();
      await runSweep(spec, { out: path.join(dir, `out-${folder++}`), workers, resume: false, shard: null });
      const used = process.cpuUsage(c);
      cpu[workers === 1 ? 'one' : 'two'].push((used.user + used.system) / 1000);
      return performance.now() - t;
    };
    const times = { bare: [] as number[], one: [] as number[], two: [] as number[], threads: [] as number[] };
    log(`sweep benchmark: ${plan.runs.length} runs of 2010-2013 at half the agents, ${options.repetitions} interleaved repetitions`);
    for (let r = 0; r < options.repetitions; r++) {
      times.bare.push(bare());
      times.one.push(await sweep(1));
      times.two.push(await sweep(2));
      times.threads.push(await bareThreads(2));
      log(`  repetition ${r + 1}: bare ${seconds(times.bare[r])}, sweep 1 worker ${seconds(times.one[r])}, 2 workers ${seconds(times.two[r])}, bare on 2 threads ${seconds(times.threads[r])}`);
    }
    const [b, one, two, threads] = [median(times.bare), median(times.one), median(times.two), median(times.threads)];
    log('');
    log('| what | figure | target |');
    log('|---|---|---|');
    log(`| bare simulateReplicate, ${plan.runs.length} runs, one thread | ${seconds(b)} (${(b / plan.runs.length).toFixed(1)} ms a run) | |`);
    log(`| sweep, 1 worker (pool, outputs, fsync'd store, tables) | ${seconds(one)} | |`);
    log(`| per-run overhead of the sweep machinery | ${(((one - b) / b) * 100).toFixed(1)}% | < 5% |`);
    log(`| sweep, 2 workers | ${seconds(two)} | |`);
    // Each repetition's own ratio too: on a noisy machine their spread says how far to trust the median.
    const spread = (num: number[], den: number[]) => {
      const ratios = num.map((x, r) => x / den[r]);
      return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;
    };
    log(`| speed-up, 2 workers against 1 | ${(one / two).toFixed(2)}× (repetitions ${spread(times.one, times.two)}) | ≥ 1.8× |`);
    log(`| the machine's ceiling: bare runs on 2 threads (the pool, no outputs or store) against 1 | ${(b / threads).toFixed(2)}× (${seconds(threads)}; repetitions ${spread(times.bare, times.threads)}) | |`);
    const [cpuOne, cpuTwo] = [median(cpu.one), median(cpu.two)];
    log(`| CPU time of the process, sweep with 1 worker | ${seconds(cpuOne)}: ${(((cpuOne - one) / one) * 100).toFixed(1)}% more than its wall time, V8's compiler and GC threads on the idle core | |`);
    log(`| CPU time of the process, sweep with 2 workers | ${seconds(cpuTwo)}: ${(((cpuTwo - cpuOne) / cpuOne) * 100).toFixed(1)}% more than with 1 worker for the same runs | |`);
    // Two cores give at most 2 s of CPU a second, so 2 workers need at least cpuTwo / 2 of wall time.
    log(`| best speed-up that CPU use allows: 2 × (1-worker wall) / (2-worker CPU) | ${((2 * one) / cpuTwo).toFixed(2)}× | |`);
    log('');

    const horizon = options.quick ? 'short' : 'default';
    const memorySpec = readSweepFile(writeBenchFiles(dir, horizon, memoryRuns));
    const every = Math.max(1, Math.round(memoryRuns / 10));
    log(`memory: a sweep of ${memoryRuns} runs (${horizon === 'default' ? '1995-2025, the default horizon' : '2010-2013'}) on 2 workers; resident set size every ${every} runs`);
    const samples: string[] = [];
    let next = every;
    const t = performance.now();
    await runSweep(memorySpec, {
      out: path.join(dir, 'memory'),
      workers: 2,
      resume: false,
      shard: null,
      onProgress: (p) => {
        if (p.done < next) return;
        next += every;
        const rss = process.memoryUsage().rss / 2 ** 20;
        samples.push(`${p.done}: ${rss.toFixed(0)} MB`);
      },
    });
    log(`  ${samples.join(', ')}`);
    log(`  ${memoryRuns} runs in ${seconds(performance.now() - t)}`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ResolvedScenario } from '../core/types';
import { buildManifest, writeRunResults, type WrittenResults } from '../io/results';
import { summarise } from '../metrics/verdict';
import { replicatesOf, runReplicates } from '../runner/replicates';
import { median } from './stats';

// What `waterbed run` spends after simulating: the summary, series.parquet, flows.csv,
// summary.json and the report, against the simulation itself, and how big the folder is. The
// results are written as `run` writes them (the report from the columns and flows just written).

export interface ResultsBenchOptions {
  scenario: ResolvedScenario;
  reps: number;
  workers: number;
  repetitions: number;
  /** writes DIR/report.html (sim/cli/report.ts) */
  writeReport: (dir: string, written: WrittenResults) => Promise<string>;
  log: (line: string) => void;
}

export interface ResultsBenchResult {
  simulating: number;
  writing: number;
  /** writing / (simulating + writing) */
  share: number;
  /** bytes per file of the results folder, and their sum */
  files: Record<string, number>;
  bytes: number;
}

export async function runResultsBenchmark(o: ResultsBenchOptions): Promise<ResultsBenchResult> {
  const simulating: number[] = [];
  const writing: number[] = [];
  let files: Record<string, number> = {};
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-bench-results-'));
  try {
    for (let r = 0; r < o.repetitions; r++) {
      const t0 = performance.now();
      const runs = await runReplicates(replicatesOf(o.scenario, o.reps, 1 + r), { workers: o.workers });
      const t1 = performance.now();
      const dir = path.join(parent, `run-${r}`);
      fs.mkdirSync(dir);
      const replicates = runs.map((run) => run.series);
      const summary = summarise(replicates, o.scenario.analysis);
      const manifest = buildManifest({ scenario: o.scenario, seed: 1 + r, reps: o.reps, workers: o.workers, startedAt: '', finishedAt: '' });
      await o.writeReport(dir, await writeRunResults(dir, { manifest, replicates, summary }));
      writing.push((performance.now() - t1) / 1000);
      simulating.push((t1 - t0) / 1000);
      files = Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.statSync(path.join(dir, f)).size]));
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
  const result = { simulating: median(simulating), writing: median(writing), share: 0, files, bytes: Object.values(files).reduce((a, b) => a + b, 0) };
  result.share = result.writing / (result.simulating + result.writing);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  o.log(`Writing results: scenario ${o.scenario.name}, ${o.reps} replicates on ${o.workers} workers, median of ${o.repetitions} repetitions`);
  o.log('| what | figure | target |');
  o.log('|---|---|---|');
  o.log(`| simulating (run's replicates) | ${result.simulating.toFixed(2)} s | |`);
  o.log(`| writing results (summary, series, flows, report) | ${result.writing.toFixed(2)} s, ${(result.share * 100).toFixed(1)}% of simulating + writing | ≤ 20% |`);
  o.log(`| results folder | ${mb(result.bytes)}: ${Object.entries(files).map(([f, b]) => `${f} ${mb(b)}`).join(', ')} | ≤ 15 MB |`);
  return result;
}

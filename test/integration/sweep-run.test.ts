import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sensitivityCommand } from '../../sim/cli/sensitivity';
import { sweepCommand, sweepMergeCommand, sweepSlurmCommand } from '../../sim/cli/sweep';
import { readDesignDocument } from '../../sim/sweep/designFile';
import { planSweep } from '../../sim/sweep/plan';
import { readSweepFile } from '../../sim/sweep/schema';
import { readStore } from '../../sim/sweep/store';
import { expectStatus, ROOT, type Run, runScript } from './cliRun';

// Whole sweeps through the command line (bin/waterbed.js, built by `npm test`) and through
// the command functions: the same table with 1 or 2 workers, after a kill -9 and --resume, and from
// shards merged; failures recorded and reported; a changed sweep file refused on resume.

const CLI = path.join(ROOT, 'bin/waterbed.js');
const LHS = path.join(ROOT, 'test/fixtures/sweeps/lhs.yaml');
const MORRIS = path.join(ROOT, 'test/fixtures/sweeps/morris.yaml');
const SOBOL = path.join(ROOT, 'test/fixtures/sweeps/sobol.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-sweep-run-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]): Run => runScript(CLI, ...args);

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file));
const quiet = { log: () => {}, warn: () => {} };

/** The reference: one uninterrupted sweep on 2 workers. */
let reference: string;

beforeAll(() => {
  reference = path.join(tmp, 'two');
  expectStatus(cli('sweep', LHS, '--workers', '2', '--out', reference), 0);
});

describe('a sweep on one machine', () => {
  it('writes the table (CSV and Parquet), the manifest, the design and the store', async () => {
    const csv = read(reference, 'table.csv').toString('utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(13);
    expect(csv[0].split(',').slice(0, 7)).toEqual(['point', 'scenario', 'replicate', 'seed', 'policy:i-criterion.share', 'short_blows', 'enforcement.shortBlowCapacityCost']);
    const bytes = read(reference, 'table.parquet');
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === 'ok' && typeof r.be_cannabis_sellers === 'number')).toBe(true);
    expect(rows.map((r) => String(r.seed))).toEqual(csv.slice(1).map((line) => line.split(',')[3]));
    const manifest = JSON.parse(read(reference, 'manifest.json').toString('utf8'));
    expect(manifest.tool.name).toBe('waterbed');
    expect(manifest.sweep.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.runs).toEqual({ total: 12, ok: 12, failed: 0 });
    const store = readStore(path.join(reference, 'store/runs.jsonl'));
    expect(store.header.identity.sweep.fileHash).toBe(manifest.sweep.fileHash);
    expect(store.records).toHaveLength(12);
    expect(readDesignDocument(reference).points).toHaveLength(6);
  });

  it('gives byte-identical tables with 1 and 2 workers', () => {
    const one = path.join(tmp, 'one');
    expectStatus(cli('sweep', LHS, '--workers', '1', '--out', one), 0);
    for (const f of ['table.csv', 'table.parquet', 'design.json']) expect(read(one, f).equals(read(reference, f)), f).toBe(true);
  });

  it('a run can be repeated from its table row with `waterbed run --seed`', () => {
    const design = readDesignDocument(reference);
    const store = readStore(path.join(reference, 'store/runs.jsonl'));
    expect(design.outputs.map((c) => c.name)).toEqual(store.header.columns);
    const seeds = read(reference, 'table.csv').toString('utf8').split('\n')[1].split(',')[3];
    expect(Number.isSafeInteger(Number(seeds))).toBe(true);
  });

  it('refuses to start over a folder with runs, without --resume', () => {
    const r = cli('sweep', LHS, '--workers', '1', '--out', reference);
    expectStatus(r, 2);
    expect(r.stderr).toMatch(/already holds 12 stored runs of this sweep.*add --resume/);
  });

  it('after kill -9 mid-sweep, --resume runs only the missing runs and the table is identical', async () => {
    const out = path.join(tmp, 'killed');
    const storeFile = path.join(out, 'store/runs.jsonl');
    const child = spawn(process.execPath, [CLI, 'sweep', LHS, '--workers', '1', '--out', out], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    const lines = () => (fs.existsSync(storeFile) ? fs.readFileSync(storeFile, 'utf8').split('\n').length - 2 : 0);
    const deadline = Date.now() + 60_000;
    while (lines() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = readStore(storeFile).records.length;
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(12);
    expect(fs.existsSync(path.join(out, 'table.csv'))).toBe(false);

    const r = cli('sweep', LHS, '--workers', '2', '--out', out, '--resume');
    expectStatus(r, 0);
    expect(r.stdout).toContain(`${stored} already stored`);
    expect(r.stdout).toContain(`running the ${12 - stored} missing`);
    expect(readStore(storeFile).records).toHaveLength(12);
    for (const f of ['table.csv', 'table.parquet']) expect(read(out, f).equals(read(reference, f)), f).toBe(true);
  });

  it('refuses to resume when the sweep file has changed', async () => {
    const file = path.join(tmp, 'changing.yaml');
    fs.writeFileSync(file, fs.readFileSync(LHS, 'utf8').replace('scenario: short-policies.yaml', `scenario: ${path.join(ROOT, 'test/fixtures/sweeps/short-policies.yaml')}`));
    const out = path.join(tmp, 'changing');
    expect(await sweepCommand({ progress: false, file, workers: 1, out, shard: '0/6' }, quiet.log, quiet.warn)).toBe(0);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('seed: 11', 'seed: 12'));
    await expect(sweepCommand({ progress: false, file, workers: 1, out, resume: true }, quiet.log, quiet.warn)).rejects.toThrow(/holds another sweep: the sweep file has changed since the sweep started/);
    const r = cli('sweep', file, '--out', out, '--resume');
    expectStatus(r, 2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('records failed runs, goes on, reports them and exits 1; --resume redoes them', async () => {
    const out = path.join(tmp, 'failing');
    const ids = readStore(path.join(reference, 'store/runs.jsonl')).records.map((r) => r.id).sort();
    // The worker threads read WATERBED_TEST_FAULTS: one run throws, another ends its worker thread.
    const plan = planSweep(readSweepFile(LHS));
    const seedOf = (id: string) => plan.runs.find((r) => r.id === id)!.seed;
    const warnings: string[] = [];
    process.env.WATERBED_TEST_FAULTS = `fail@${seedOf(ids[0])}/0,crash@${seedOf(ids[5])}/0`;
    let code: number;
    try {
      code = await sweepCommand({ progress: false, file: LHS, workers: 2, out }, () => {}, (l) => warnings.push(l));
    } finally {
      delete process.env.WATERBED_TEST_FAULTS;
    }
    expect(code).toBe(1);
    expect(warnings.join('\n')).toMatch(/2 runs failed/);
    expect(warnings.join('\n')).toContain(`${ids[0]}: injected failure`);
    expect(warnings.join('\n')).toContain(`${ids[5]}: the worker thread running it stopped`);
    const table = read(out, 'table.csv').toString('utf8').split('\n');
    expect(table.filter((l) => l.includes(',failed,'))).toHaveLength(2);
    expect(JSON.parse(read(out, 'manifest.json').toString('utf8')).runs).toEqual({ total: 12, ok: 10, failed: 2 });

    const lines: string[] = [];
    expect(await sweepCommand({ progress: false, file: LHS, workers: 2, out, resume: true }, (l) => lines.push(l), quiet.warn)).toBe(0);
    expect(lines.join('\n')).toContain('running the 2 missing');
    for (const f of ['table.csv', 'table.parquet']) expect(read(out, f).equals(read(reference, f)), f).toBe(true);
  });
});

describe('shards', () => {
  it('three shards, in one folder or in three, merge into the one-machine table', async () => {
    const together = path.join(tmp, 'shards');
    const apart = [0, 1, 2].map((i) => path.join(tmp, `shard-${i}`));
    for (let i = 0; i < 3; i++) {
      expect(await sweepCommand({ progress: false, file: LHS, workers: 1, out: together, shard: `${i}/3` }, quiet.log, quiet.warn)).toBe(0);
      expect(await sweepCommand({ progress: false, file: LHS, workers: 1, out: apart[i], env: { SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: '3' } }, quiet.log, quiet.warn)).toBe(0);
    }
    expect(fs.readdirSync(path.join(together, 'store')).sort()).toEqual(['runs-shard-0-of-3.jsonl', 'runs-shard-1-of-3.jsonl', 'runs-shard-2-of-3.jsonl']);
    // A shard alone has no table; a folder of one shard is incomplete.
    expect(fs.existsSync(path.join(apart[0], 'table.csv'))).toBe(false);
    await expect(sweepMergeCommand({ dirs: [apart[0]] }, quiet.log)).rejects.toThrow(/runs are not in any store.*--resume/);

    fs.rmSync(path.join(together, 'table.csv'));
    fs.rmSync(path.join(together, 'table.parquet'));
    expect(await sweepMergeCommand({ dirs: [together] }, quiet.log)).toBe(0);
    const merged = path.join(tmp, 'merged');
    expect(await sweepMergeCommand({ dirs: apart, out: merged }, quiet.log)).toBe(0);
    for (const dir of [together, merged]) {
      for (const f of ['table.csv', 'table.parquet']) expect(read(dir, f).equals(read(reference, f)), `${dir} ${f}`).toBe(true);
    }
  });

  it('rejects a shard that does not exist', async () => {
    await expect(sweepCommand({ progress: false, file: LHS, workers: 1, out: path.join(tmp, 'x'), shard: '3/3' }, quiet.log)).rejects.toThrow(/--shard 3\/3: expected I\/N/);
  });

  it('writes Slurm scripts: an array of N shards and a merge that waits for them', async () => {
    const out = path.join(tmp, 'slurm');
    const lines: string[] = [];
    expect(await sweepSlurmCommand({ file: LHS, shards: 3, time: '00:20:00', partition: 'debug', cpus: 2, out }, (l) => lines.push(l))).toBe(0);
    const shards = fs.readFileSync(path.join(out, 'slurm/shards.sbatch'), 'utf8');
    expect(shards).toContain('#SBATCH --array=0-2');
    expect(shards).toContain('#SBATCH --partition=debug');
    expect(shards).toContain('#SBATCH --time=00:20:00');
    expect(shards).toContain('#SBATCH --cpus-per-task=2');
    expect(shards).toMatch(/bin\/waterbed\.js sweep \S+lhs\.yaml --out \S+ --resume --workers "\$\{SLURM_CPUS_PER_TASK:-1\}"/);
    expect(fs.readFileSync(path.join(out, 'slurm/merge.sbatch'), 'utf8')).toMatch(/sweep merge /);
    expect(fs.readFileSync(path.join(out, 'slurm/submit.sh'), 'utf8')).toContain('--dependency=afterany:');
    expect(lines.join('\n')).toMatch(/submit with: +bash \S+submit\.sh/);
    await expect(sweepSlurmCommand({ file: LHS, shards: 3, time: 'soon', out }, quiet.log)).rejects.toThrow(/--time soon/);
  });
});

describe('sensitivity', () => {
  it('Morris: μ*, μ and σ with intervals for every output, as CSV and JSON', async () => {
    const out = path.join(tmp, 'morris');
    expect(await sweepCommand({ progress: false, file: MORRIS, workers: 2, out }, quiet.log, quiet.warn)).toBe(0);
    const lines: string[] = [];
    expect(await sensitivityCommand({ dir: out, resamples: 200 }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/Morris elementary effects/);
    const csv = fs.readFileSync(path.join(out, 'sensitivity.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('scenario,output,factor,index,value,lo,hi,n');
    const json = JSON.parse(fs.readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    expect(json.method).toBe('morris');
    const sellers = json.outputs.find((o: { output: string }) => o.output === 'be_cannabis_sellers');
    expect(sellers.n).toBe(3);
    expect(sellers.factors.map((f: { factor: string }) => f.factor)).toEqual(['policy:short-blows.intensity', 'growers.location.riskWeight']);
    expect(sellers.factors[0].indices.mu_star.value).toBeGreaterThan(0);
    expect(csv.filter((l) => l.includes(',be_cannabis_sellers,'))).toHaveLength(2 * 3);
  });

  it('Sobol: S1 and ST per scenario variant, the variants sharing their seeds', async () => {
    const out = path.join(tmp, 'sobol');
    expect(await sweepCommand({ progress: false, file: SOBOL, workers: 2, out }, quiet.log, quiet.warn)).toBe(0);
    const table = fs.readFileSync(path.join(out, 'table.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    expect(table).toHaveLength(4 * 4 * 2);
    for (let i = 0; i < table.length; i += 2) {
      expect(table[i][1]).toBe('plain');
      expect(table[i + 1][1]).toBe('policies');
      expect(table[i + 1][3]).toBe(table[i][3]);
    }
    expect(await sensitivityCommand({ dir: out, resamples: 100 }, quiet.log)).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    expect(json.method).toBe('sobol');
    expect(json.indices).toEqual(['S1', 'ST']);
    expect(new Set(json.outputs.map((o: { scenario: string }) => o.scenario))).toEqual(new Set(['plain', 'policies']));
    const plantations = json.outputs.find((o: { scenario: string; output: string }) => o.scenario === 'policies' && o.output === 'be_cannabis_plantations');
    expect(plantations.n).toBe(4);
    expect(plantations.factors[0].indices.ST).toHaveProperty('lo');
  });

  it('Spearman for an lhs design, and the share of replicate noise when there are replicates', async () => {
    const lines: string[] = [];
    expect(await sensitivityCommand({ dir: reference, resamples: 100 }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/Spearman rank correlation/);
    const json = JSON.parse(fs.readFileSync(path.join(reference, 'sensitivity.json'), 'utf8'));
    expect(json.method).toBe('spearman');
    const sellers = json.outputs.find((o: { output: string }) => o.output === 'be_cannabis_sellers');
    expect(sellers.noiseShare).toBeGreaterThan(0);
    expect(sellers.factors[1].indices.rho.value).toBeLessThan(0); // more short blows, fewer sellers
    const csv = fs.readFileSync(path.join(reference, 'sensitivity.csv'), 'utf8');
    expect(csv).toMatch(/^short-policies,be_cannabis_sellers,\(replicate noise\),noise_share,[0-9.e-]+,,,6$/m);
  });

  it('says when a folder has no table yet', async () => {
    const out = path.join(tmp, 'half');
    expect(await sweepCommand({ progress: false, file: MORRIS, workers: 1, out, shard: '0/2' }, quiet.log, quiet.warn)).toBe(0);
    await expect(sensitivityCommand({ dir: out }, quiet.log)).rejects.toThrow(/no table\.csv yet/);
  });
});

describe('bad sweep files on the command line', () => {
  it('exit 2 with one message: file, line, key path, expected, suggestion', () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, fs.readFileSync(LHS, 'utf8').replace('scenario: short-policies.yaml', `scenario: ${path.join(ROOT, 'test/fixtures/sweeps/short-policies.yaml')}`).replace('enforcement.shortBlowCapacityCost', 'enforcement.shortBlowCapacityCosts'));
    const r = cli('sweep', file, '--out', path.join(tmp, 'bad'));
    expectStatus(r, 2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/bad\.yaml:15: factors\[2\]\.path: unknown parameter path "enforcement\.shortBlowCapacityCosts"; expected .*\. Did you mean "enforcement\.shortBlowCapacityCost"\?/);
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
  });
});

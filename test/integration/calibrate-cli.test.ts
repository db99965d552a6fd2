import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateAdvanceCommand, calibrateCommand, calibrateSlurmCommand } from '../../sim/cli/calibrate';
import { parseCsv } from '../../sim/io/csv';
import { readStore } from '../../sim/sweep/store';
import { expectStatus, ROOT, type Run, runScript } from './cliRun';

// Whole calibrations through the command line (bin/waterbed.js, built by `npm test`): the tiny
// calibration (two parameters of a four-year history, two waves of 8 points and an ABC stage of 8)
// runs end to end; killed with SIGKILL mid-way and resumed on another number of workers it gives the
// same bytes; run as shards stage by stage with `calibrate advance` between them (what the Slurm
// chain does) it gives the same bytes again; bad input exits 2 with a clear message.

const CLI = path.join(ROOT, 'bin/waterbed.js');
const TINY = path.join(ROOT, 'test/fixtures/calibrations/tiny.yaml');
/** the fixtures' targets file, for copies of tiny.yaml written elsewhere */
const TARGETS = path.join(ROOT, 'test/fixtures/calibrations/targets.csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-calibrate-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]): Run => runScript(CLI, ...args);
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file));
const quiet = () => {};

/** Every file of a calibration folder that holds no time: the same bytes however it was run. */
const SAME_BYTES = [
  'plan.json',
  'waves.csv',
  'implausibility.csv',
  'posterior.csv',
  'posterior.parquet',
  'calibration.json',
  'report.html',
  ...['waves/wave-1', 'waves/wave-2', 'abc'].flatMap((stage) => ['design.json', 'table.csv', 'table.parquet'].map((f) => `${stage}/${f}`)),
  'waves/wave-1/emulators.json',
  'waves/wave-2/emulators.json',
];

function expectSameBytes(dir: string, reference: string): void {
  for (const f of SAME_BYTES) expect(read(dir, f).equals(read(reference, f)), f).toBe(true);
}

let reference: string;
let stdout: string;

beforeAll(() => {
  reference = path.join(tmp, 'reference');
  const r = cli('calibrate', TINY, '--workers', '2', '--out', reference);
  expectStatus(r, 0);
  stdout = r.stdout;
});

describe('waterbed calibrate', () => {
  it('runs history matching in waves, then ABC, and prints the posterior, the best point and the fit', () => {
    expect(stdout).toMatch(/calibration tiny: 2 parameters, 2 fit targets and 2 validation targets; 2 waves of 8 points × 2 replicates/);
    expect(stdout).toMatch(/wave-1: \d+ of 8 points not ruled out/);
    expect(stdout).toMatch(/wave-2: 8 points × 2 replicates; emulators let \d+ of 400 candidates through/);
    expect(stdout).toMatch(/posterior: 4 of 8 ABC points/);
    expect(stdout).toMatch(/best point \(\S+ p[0-9a-f]{12}, distance [\d.]+\):\n {2}waterbed run test\/fixtures\/scenarios\/short-history\.yaml --set labs\.dumpFoundProbability=[\d.]+ --set consumers\.travelKmWeightPer100=[\d.]+/);
    expect(stdout).toMatch(/validation targets within 3 sd at the best point: \d of 2/);
  });

  it('writes each stage as a sweep folder, the summary, the posterior (CSV and Parquet) and the report', async () => {
    for (const f of SAME_BYTES) expect(fs.existsSync(path.join(reference, f)), f).toBe(true);
    const summary = JSON.parse(read(reference, 'calibration.json').toString('utf8'));
    expect(summary.outcome).toBe('posterior');
    expect(summary.stages.map((s: { stage: string; runs: number }) => [s.stage, s.runs])).toEqual([['wave-1', 16], ['wave-2', 16], ['abc', 8]]);
    expect(summary.stages[0].survivors).toBeGreaterThan(0);
    expect(summary.stages[1].emulators).toHaveLength(2);
    expect(summary.fit.map((f: { id: string; use: string }) => `${f.id}:${f.use}`)).toEqual(['nl-dumps-2010:fit', 'be-buyers-nl-coffee-shops-2010:fit', 'nl-plantations-2012:validation', 'nl-labs-2012:validation']);
    expect(summary.posterior.accepted).toBe(4);
    expect(summary.posterior.parameters.map((p: { name: string }) => p.name)).toEqual(['labs.dumpFoundProbability', 'consumers.travelKmWeightPer100']);
    // The stages' tables have a column per target: the model value of each run.
    const table = parseCsv(read(reference, 'waves/wave-1/table.csv').toString('utf8'));
    expect(table[0]).toEqual(expect.arrayContaining(['labs.dumpFoundProbability', 'nl-dumps-2010', 'be-buyers-nl-coffee-shops-2010', 'nl-labs-2012']));
    expect(table).toHaveLength(17);
    // posterior.parquet holds posterior.csv's rows, typed
    const csv = parseCsv(read(reference, 'posterior.csv').toString('utf8'));
    const bytes = read(reference, 'posterior.parquet');
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows).toHaveLength(csv.length - 1);
    expect(rows.map((r) => r.point)).toEqual(csv.slice(1).map((r) => r[0]));
    expect(rows.map((r) => r['nl-dumps-2010'])).toEqual(csv.slice(1).map((r) => Number(r[csv[0].indexOf('nl-dumps-2010')])));
    expect(summary.posterior.ids).toEqual(csv.slice(1).map((r) => r[0]));
    const report = read(reference, 'report.html').toString('utf8');
    expect(report).toContain('Does the model fit the record? Calibration “tiny”');
    expectStatus(cli('report', reference), 0);
    expect(read(reference, 'report.html').equals(Buffer.from(report))).toBe(true);
  });

  it('refuses to start over a folder with runs, and to resume after the calibration file changed', () => {
    const again = cli('calibrate', TINY, '--workers', '1', '--out', reference);
    expectStatus(again, 2);
    expect(again.stderr).toMatch(/already holds runs of this calibration.*add --resume/);
    const changed = path.join(tmp, 'changed.yaml');
    fs.writeFileSync(changed, fs.readFileSync(TINY, 'utf8').replace('seed: 3', 'seed: 4').replace('../scenarios/short-history.yaml', path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml')).replace('targetsFile: targets.csv', `targetsFile: ${TARGETS}`));
    const r = cli('calibrate', changed, '--workers', '1', '--out', reference, '--resume');
    expectStatus(r, 2);
    expect(r.stderr).toMatch(/holds another calibration: the calibration file has changed since the calibration started/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('after kill -9 in the middle, --resume on another number of workers gives the same bytes', async () => {
    const out = path.join(tmp, 'killed');
    const store = path.join(out, 'waves/wave-2/store/runs.jsonl');
    const child = spawn(process.execPath, [CLI, 'calibrate', TINY, '--workers', '2', '--out', out], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    const lines = () => (fs.existsSync(store) ? fs.readFileSync(store, 'utf8').split('\n').length - 2 : 0);
    const deadline = Date.now() + 90_000;
    while (lines() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = readStore(store).records.length;
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(16);
    expect(fs.existsSync(path.join(out, 'calibration.json'))).toBe(false);

    const r = cli('calibrate', TINY, '--workers', '1', '--out', out, '--resume');
    expectStatus(r, 0);
    expect(r.stdout).toContain(`${stored} already stored; running the ${16 - stored} missing`);
    expectSameBytes(out, reference);
  });

  it('run as shards, stage by stage, with calibrate advance between (the Slurm chain), gives the same bytes', async () => {
    const out = path.join(tmp, 'shards');
    const outcomes: number[] = [];
    for (let step = 0; step < 6 && !fs.existsSync(path.join(out, 'calibration.json')); step++) {
      for (const shard of ['0/2', '1/2']) outcomes.push(await calibrateCommand({ file: TINY, workers: 1, out, resume: true, shard, progress: false }, quiet, quiet));
      outcomes.push(await calibrateAdvanceCommand({ file: TINY, out }, quiet, quiet));
    }
    expect(outcomes.every((c) => c === 0)).toBe(true);
    expect(fs.readdirSync(path.join(out, 'waves/wave-2/store')).sort()).toEqual(['runs-shard-0-of-2.jsonl', 'runs-shard-1-of-2.jsonl']);
    expectSameBytes(out, reference);
  });

  it('writes the Slurm chain: an array per stage and an advance job that submits the next', async () => {
    const out = path.join(tmp, 'slurm');
    const lines: string[] = [];
    expect(await calibrateSlurmCommand({ file: TINY, shards: 3, time: '00:20:00', partition: 'debug', cpus: 2, out }, (l) => lines.push(l))).toBe(0);
    const stage = fs.readFileSync(path.join(out, 'slurm/stage.sbatch'), 'utf8');
    expect(stage).toContain('#SBATCH --array=0-2');
    expect(stage).toContain('#SBATCH --partition=debug');
    expect(stage).toMatch(/bin\/waterbed\.js calibrate \S+tiny\.yaml --out \S+ --resume --workers "\$\{SLURM_CPUS_PER_TASK:-1\}"/);
    const advance = fs.readFileSync(path.join(out, 'slurm/advance.sbatch'), 'utf8');
    expect(advance).toMatch(/calibrate advance \S+tiny\.yaml --out /);
    expect(advance).toMatch(/--dependency=afterany:"\$array" \S+advance\.sbatch/);
    expect(fs.readFileSync(path.join(out, 'slurm/submit.sh'), 'utf8')).toContain('--dependency=afterany:');
    expect(lines.join('\n')).toMatch(/submit with: +bash \S+submit\.sh/);
  });
});

describe('waterbed calibrate fit', () => {
  it("holds the scenario as it stands against the targets: the model column is the run's own series", () => {
    const r = cli('calibrate', 'fit', TINY, '--reps', '3', '--seed', '1', '--workers', '2');
    expectStatus(r, 0);
    expect(r.stdout).toMatch(/short-history\.yaml as it stands against the 2 fit and 2 validation targets of \S+tiny\.yaml: 3 replicates, seed 1/);
    const rows = new Map(r.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/)).filter((f) => f[1] === 'fit' || f[1] === 'validation').map((f) => [f[0], f]));
    expect([...rows.keys()]).toEqual(['nl-dumps-2010', 'be-buyers-nl-coffee-shops-2010', 'nl-plantations-2012', 'nl-labs-2012']);
    expect(rows.get('nl-dumps-2010')!.slice(1, 3)).toEqual(['fit', '35']);
    // The same seed's replicates through `waterbed run`: Dutch dump sites found in 2010, summed from
    // the monthly means of the country total.
    const out = path.join(tmp, 'fit-run');
    expectStatus(cli('run', path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml'), '--seed', '1', '--reps', '3', '--csv', '--out', out), 0);
    const series = parseCsv(read(out, 'series.csv').toString('utf8'));
    const col = (name: string) => series[0].indexOf(name);
    const dumps = series.filter((row) => row[col('date')].startsWith('2010-') && row[col('district')] === '' && row[col('country')] === 'NL' && row[col('metric')] === 'dump_sites_found').reduce((a, row) => a + Number(row[col('value')]), 0);
    expect(Number(rows.get('nl-dumps-2010')![3].replace(/,/g, ''))).toBeCloseTo(Number(dumps.toPrecision(3)), 6);
    expect(r.stdout).toMatch(/fit targets within 3 sd: \d of 2\nvalidation targets within 3 sd: \d of 2\ndistance over the fit targets: [\d.]+/);
    // the same bytes on one worker
    expect(cli('calibrate', 'fit', TINY, '--reps', '3', '--seed', '1', '--workers', '1').stdout).toBe(r.stdout);
  });

  it('refuses fewer than two replicates: exit 2', () => {
    const r = cli('calibrate', 'fit', TINY, '--reps', '1');
    expectStatus(r, 2);
    expect(r.stderr).toMatch(/--reps 1: expected a whole number of replicates, 2 or more/);
  });
});

describe('a sweep over the posterior (design: {type: posterior, calibration: DIR})', () => {
  const SCENARIO = path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml');
  /** a sweep file over `folder`'s posterior, with `extra` lines appended */
  const sweepFile = (name: string, folder: string, extra = ''): string => {
    const file = path.join(tmp, `${name}.yaml`);
    const lines = [
      `name: ${name}`,
      'description: the short history at the points of the tiny calibration',
      `scenario: ${SCENARIO}`,
      `design: {type: posterior, calibration: ${folder}}`,
      'replicates: 1',
      'seed: 2',
      'outputs:',
      '  verdicts: none',
      '  displacement: none',
      '  aggregates:',
      '    - name: nl_dumps_2012',
      '      metric: dump_sites_found',
      '      districts: NL',
      '      window: [2012-01-01, 2012-12-31]',
      '      statistic: sum',
    ];
    fs.writeFileSync(file, lines.join('\n') + '\n' + extra);
    return file;
  };

  it('runs each accepted point whole, the calibration\'s parameters as the factors, and refuses to resume over a changed posterior', () => {
    const copy = path.join(tmp, 'posterior-copy');
    fs.cpSync(reference, copy, { recursive: true });
    const out = path.join(tmp, 'over-posterior');
    expectStatus(cli('sweep', sweepFile('over-posterior', copy), '--workers', '2', '--out', out), 0);
    const posterior = parseCsv(read(copy, 'posterior.csv').toString('utf8'));
    const table = parseCsv(read(out, 'table.csv').toString('utf8'));
    const [head, rows] = [table[0], table.slice(1).filter((r) => r.length > 1)];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const point = posterior.find((p) => p[0] === row[head.indexOf('point')])!;
      expect(point, row[0]).toBeDefined();
      for (const name of ['labs.dumpFoundProbability', 'consumers.travelKmWeightPer100']) {
        expect(Number(row[head.indexOf(name)])).toBe(Number(point[posterior[0].indexOf(name)]));
      }
      expect(Number(row[head.indexOf('nl_dumps_2012')])).toBeGreaterThanOrEqual(0);
    }
    const design = JSON.parse(read(out, 'design.json').toString('utf8')).design;
    expect(design.type).toBe('points');
    expect(design.posterior.calibration).toBe('tiny');
    expect(design.posterior.ids).toEqual(posterior.slice(1).filter((r) => r.length > 1).map((r) => r[0]));
    // the same points on another number of workers: the same table
    const again = path.join(tmp, 'over-posterior-1');
    expectStatus(cli('sweep', sweepFile('over-posterior', copy), '--workers', '1', '--out', again), 0);
    expect(read(again, 'table.csv').equals(read(out, 'table.csv'))).toBe(true);
    // a posterior that changed under the folder (here the first point's distance) is not resumed into it
    const lines = read(copy, 'posterior.csv').toString('utf8').split('\n');
    const cells = lines[1].split(',');
    cells[1] = String(Number(cells[1]) + 1);
    lines[1] = cells.join(',');
    fs.writeFileSync(path.join(copy, 'posterior.csv'), lines.join('\n'));
    const r = cli('sweep', sweepFile('over-posterior', copy), '--out', out, '--resume');
    expectStatus(r, 2);
    expect(r.stderr).toMatch(/posterior it runs has changed since the sweep started/);
  });

  it('bad input: a folder that is no calibration, or factors beside the posterior: exit 2 with the line', () => {
    const missing = cli('sweep', sweepFile('no-folder', path.join(tmp, 'nowhere')), '--out', path.join(tmp, 'x1'));
    expectStatus(missing, 2);
    expect(missing.stderr).toMatch(/no-folder\.yaml:4: design\.calibration: "\S+nowhere": no such folder; expected a finished calibration folder/);
    expect(missing.stderr).not.toMatch(/missing required key "factors"|unknown key/);
    const factors = cli('sweep', sweepFile('with-factors', reference, 'factors:\n  - path: labs.dumpFoundProbability\n    range: [0.02, 0.1]\n'), '--out', path.join(tmp, 'x2'));
    expectStatus(factors, 2);
    expect(factors.stderr).toMatch(/a posterior design takes its factors from the calibration/);
    expect(fs.existsSync(path.join(tmp, 'x1')) || fs.existsSync(path.join(tmp, 'x2'))).toBe(false);
  });
});

describe('bad input', () => {
  it('a calibration file with mistakes: exit 2, every problem with its line, no stack', () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, fs.readFileSync(TINY, 'utf8').replace('../scenarios/short-history.yaml', path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml')).replace('targetsFile: targets.csv', `targetsFile: ${TARGETS}`).replace('waves: 2', 'wave: 2').replace('accept: 0.5', 'accept: half'));
    const r = cli('calibrate', file, '--out', path.join(tmp, 'bad'));
    expectStatus(r, 2);
    expect(r.stderr).toMatch(/3 problems in \S+bad\.yaml/);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: method\.wave: unknown key "wave"; expected one of the method keys .*Did you mean "waves"\?/);
    expect(r.stderr).toMatch(/method\.waves: missing required key "waves"/);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: abc\.accept: "half" is not a number/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
    const v = cli('validate', file, TINY);
    expectStatus(v, 2);
    expect(v.stdout).toContain('tiny.yaml: ok (calibration file, its scenario and 2 fit and 2 validation targets)');
  });

  it('a bad shard, and a folder that is not a calibration folder: exit 2', () => {
    expect(cli('calibrate', TINY, '--shard', '2/2', '--out', path.join(tmp, 'x')).stderr).toMatch(/--shard 2\/2: expected I\/N/);
    const other = path.join(tmp, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
    const r = cli('calibrate', TINY, '--out', other);
    expectStatus(r, 2);
    expect(r.stderr).toMatch(/exists and is not a calibration folder/);
  });
});

describe('when nothing survives', () => {
  it('says so, names the targets no point meets, writes the summary and exits 1', () => {
    const file = path.join(tmp, 'strict.yaml');
    fs.writeFileSync(file, fs.readFileSync(TINY, 'utf8').replace('../scenarios/short-history.yaml', path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml')).replace('targetsFile: targets.csv', `targetsFile: ${TARGETS}`).replace(/waves: 2\n {2}points: 8/, 'waves: 1\n  points: 4\n  cutoff: 0.01\n  discrepancy: 0'));
    const out = path.join(tmp, 'strict');
    const r = cli('calibrate', file, '--workers', '2', '--out', out);
    expectStatus(r, 1);
    expect(r.stdout).toMatch(/nothing survives wave-1: at every point the largest implausibility is above 0\.01, so no ABC stage ran/);
    expect(r.stdout).toMatch(/targets no point of wave-1 meets \(implausibility above 0\.01 everywhere\): /);
    const summary = JSON.parse(read(out, 'calibration.json').toString('utf8'));
    expect(summary.outcome).toBe('nothing-survives');
    expect(summary.posterior).toBeNull();
    expect(summary.conflicts.unreachable.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(out, 'posterior.csv'))).toBe(false);
    expect(read(out, 'report.html').toString('utf8')).toContain('Targets that conflict');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../sim/io/csv';
import { expectStatus, ROOT, waterbed } from './cliRun';

// `waterbed discover` through bin/waterbed.js on a real sweep folder (the LHS fixture: 6 points × 2
// replicates of a short scenario): the terminal output, discovery.json checked against the table
// itself, the same bytes on a second run, the sweep report picking it up, and bad input refused with
// exit status 2 and a message saying what to do.

const LHS = path.join(ROOT, 'test/fixtures/sweeps/lhs.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-discover-'));
const dir = path.join(tmp, 'sweep');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let table: string[][];
const OUTPUT = 'be_cannabis_sellers';
let median: number;

beforeAll(() => {
  expectStatus(waterbed('sweep', LHS, '--workers', '2', '--out', dir), 0);
  table = parseCsv(fs.readFileSync(path.join(dir, 'table.csv'), 'utf8')).filter((r) => r.length > 1);
  const col = table[0].indexOf(OUTPUT);
  const values = table.slice(1).map((r) => Number(r[col])).sort((a, b) => a - b);
  median = values[Math.floor(values.length / 2)];
}, 120_000);

interface Discovery {
  output: string;
  condition: string;
  runs: { scenario: number; used: number; failed: number; missing: number };
  cases: number;
  trajectory: { box: number; runs: number; cases: number; coverage: number; density: number }[];
  chosen: { box: number; by: string };
  box: { runs: number; cases: number; coverage: number; density: number; limits: { factor: string; lower: number | null; upper: number | null }[] };
  cart: { tree: { runs: number; cases: number } };
}

describe('waterbed discover on a sweep folder', () => {
  it('prints the trajectory, the box with quasi-p-values and a CART tree, and writes discovery.json', () => {
    const r = waterbed('discover', dir, '--output', OUTPUT, '--where', `>= ${median}`);
    expectStatus(r, 0);
    expect(r.stdout).toContain(`Scenario discovery in sweep "test-lhs", scenario short-policies`);
    expect(r.stdout).toContain(`Condition ${OUTPUT} >= ${median}: `);
    expect(r.stdout).toMatch(/Peeling trajectory \(PRIM: peeling α 0\.05, minimum mass 0\.05\); \* the chosen box:/);
    expect(r.stdout).toMatch(/\n {2}box {2}coverage {2}density {2}mass {2}runs {2}cases/);
    expect(r.stdout).toMatch(/\nBox \d+, (of the boxes of density ≥ 0.8|no box reaches density 0.8)/);
    expect(r.stdout).toContain('CART cross-check (Gini, depth ≤ 3');
    expect(r.stdout).toContain('discovery.json');

    const d = JSON.parse(fs.readFileSync(path.join(dir, 'discovery.json'), 'utf8')) as Discovery;
    // the cases, counted from the table itself
    const [header, ...rows] = table;
    const out = header.indexOf(OUTPUT);
    const isCase = (row: string[]) => Number(row[out]) >= median;
    expect(d.runs).toEqual({ scenario: 12, used: 12, failed: 0, missing: 0 });
    expect(d.cases).toBe(rows.filter(isCase).length);
    expect(d.trajectory[0]).toMatchObject({ box: 0, runs: 12, cases: d.cases, coverage: 1 });
    expect(d.cart.tree).toMatchObject({ runs: 12, cases: d.cases });
    // the box's numbers, recounted from its limits on the table's rows
    const inside = rows.filter((row) =>
      d.box.limits.every((l) => {
        const v = Number(row[header.indexOf(l.factor)]);
        return (l.lower === null || v >= l.lower) && (l.upper === null || v <= l.upper);
      }),
    );
    expect(d.box.runs).toBe(inside.length);
    expect(d.box.cases).toBe(inside.filter(isCase).length);
    expect(d.box.coverage).toBeCloseTo(d.box.cases / d.cases, 12);
    expect(d.box.density).toBeCloseTo(d.box.cases / d.box.runs, 12);
    // the terminal shows the same box
    expect(r.stdout).toContain(`coverage ${d.box.coverage.toFixed(2)}, density ${d.box.density.toFixed(2)}`);
  });

  it('gives the same bytes on a second run, to --out', () => {
    const file = path.join(tmp, 'again.json');
    expectStatus(waterbed('discover', dir, '--output', OUTPUT, '--where', `>= ${median}`, '--out', file), 0);
    expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(dir, 'discovery.json')))).toBe(true);
  });

  it('takes the box asked for with --box', () => {
    const file = path.join(tmp, 'box1.json');
    const r = waterbed('discover', dir, '--output', OUTPUT, '--where', `>= ${median}`, '--box', '1', '--out', file);
    expectStatus(r, 0);
    expect(r.stdout).toContain('Box 1, chosen with --box;');
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as Discovery).chosen).toMatchObject({ box: 1, by: 'box' });
  });

  it('is shown in the sweep report after `waterbed report`', () => {
    expectStatus(waterbed('discover', dir, '--output', OUTPUT, '--where', `>= ${median}`), 0);
    expectStatus(waterbed('report', dir), 0);
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]);
    const sweep = data.parts.find((p: { kind: string }) => p.kind === 'sweep').data;
    expect(sweep.discovery.output).toBe(OUTPUT);
    expect(sweep.discovery.trajectory.length).toBeGreaterThan(0);
  });
});

describe('waterbed discover refuses bad input with exit status 2', () => {
  const refused = (pattern: RegExp, ...args: string[]) => {
    const r = waterbed('discover', ...args);
    expectStatus(r, 2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  };

  it('a folder that does not exist, or is not a sweep folder, or has not finished', () => {
    refused(/no such folder; expected the --out folder of `waterbed sweep`/, path.join(tmp, 'nowhere'), '--output', OUTPUT, '--where', '> 0');
    refused(/not a sweep folder \(no design\.json\)/, tmp, '--output', OUTPUT, '--where', '> 0');
    const unfinished = path.join(tmp, 'unfinished');
    fs.mkdirSync(unfinished);
    fs.copyFileSync(path.join(dir, 'design.json'), path.join(unfinished, 'design.json'));
    refused(/no table\.csv yet; the sweep has not finished/, unfinished, '--output', OUTPUT, '--where', '> 0');
  });

  it('an unknown column, or a factor given as the output', () => {
    refused(/--output be_cannabis_seller: no such output column in the sweep "test-lhs"\. Outputs: .*be_cannabis_sellers.*Did you mean "be_cannabis_sellers"\?/, dir, '--output', 'be_cannabis_seller', '--where', '> 0');
    refused(/--output short_blows: that is a factor of the sweep, not an output/, dir, '--output', 'short_blows', '--where', '> 0');
  });

  it('a condition that does not fit the column, or names a value no run has', () => {
    refused(/--where "expansion": be_cannabis_sellers holds numbers.*"expansion" is not a number/, dir, '--output', OUTPUT, '--where', 'expansion');
    refused(/--where ">= 1": verdict_cannabis_retail holds text \(a verdict\), which can only be compared with == or !=/, dir, '--output', 'verdict_cannabis_retail', '--where', '>= 1');
    refused(/--where "expanson": no run has verdict_cannabis_retail = expanson; its values are /, dir, '--output', 'verdict_cannabis_retail', '--where', 'expanson');
    refused(/Missing required argument: where/, dir, '--output', OUTPUT);
  });

  it('an --out in a folder that does not exist (the other options are checked in test/unit/discovery.test.ts)', () => {
    refused(/--out .*: the folder .* does not exist/, dir, '--output', OUTPUT, '--where', `>= ${median}`, '--out', path.join(tmp, 'no', 'such', 'file.json'));
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, formatNumber } from '../../sim/io/csv';
import { SERIES_COLUMNS } from '../../sim/metrics/aggregate';
import { METRICS } from '../../sim/metrics/series';
import { VERDICTS } from '../../sim/metrics/verdict';
import { scenarioHash } from '../../sim/io/results';
import { MARKETS, TABLE_ROWS } from '../../sim/core';
import { loadScenario } from '../../sim/scenario';
import { IMPOSED_TRENDS } from '../../sim/params/trends';
import { splitCsvLine } from '../../viz/csvFields';
import { expectStatus, ROOT, type Run, waterbed } from './cliRun';

// The real command line (node bin/waterbed.js → dist/): these tests assume `npm run build` has run,
// as `npm test` does.

const SHORT = 'test/fixtures/scenarios/short.yaml';
const BAD = 'test/fixtures/scenarios/short-bad-district.yaml';
const DOC = fs.readFileSync(path.join(ROOT, 'docs/OUTPUTS.md'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A user error: one message, no stack trace. */
function expectNoStack(r: Run): void {
  expect(r.stderr).toMatch(/\S/);
  expect(r.stderr, r.stderr).not.toMatch(/^\s*at /m);
  expect(r.stderr).not.toMatch(/internal error/);
}

/** The column names of the `### Columns` table of docs/OUTPUTS.md, in order. */
function documentedColumns(): string[] {
  const start = DOC.indexOf('### Columns');
  const end = DOC.indexOf('\n###', start + 1);
  expect(start).toBeGreaterThan(0);
  return DOC.slice(start, end < 0 ? undefined : end)
    .split('\n')
    .map((l) => /^\| `([^`]+)` \|/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[1]);
}

const num = (s: string) => (s === 'Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s));

describe('waterbed run', () => {
  let one: Run;
  let two: Run;
  const w1 = path.join(tmp, 'w1');
  const w2 = path.join(tmp, 'w2');

  beforeAll(() => {
    one = waterbed('run', SHORT, '--reps', '3', '--seed', '7', '--workers', '1', '--out', w1, '--csv');
    two = waterbed('run', SHORT, '--reps', '3', '--seed', '7', '--workers', '2', '--out', w2);
  });

  it('exits 0 and writes manifest.json, series.parquet, flows.csv, summary.json and report.html, and series.csv with --csv', () => {
    expectStatus(one, 0);
    expectStatus(two, 0);
    expect(fs.readdirSync(w1).sort()).toEqual(['flows.csv', 'manifest.json', 'report.html', 'series.csv', 'series.parquet', 'summary.json']);
    expect(fs.readdirSync(w2).sort()).toEqual(['flows.csv', 'manifest.json', 'report.html', 'series.parquet', 'summary.json']);
    // no temporary folder left beside the results
    expect(fs.readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('series.parquet, flows.csv and summary.json are byte-identical with 1 and 2 workers', () => {
    for (const f of ['series.parquet', 'flows.csv', 'summary.json']) {
      const a = fs.readFileSync(path.join(w1, f));
      const b = fs.readFileSync(path.join(w2, f));
      expect(a.length, f).toBeGreaterThan(0);
      expect(a.equals(b), `${f} differs between --workers 1 and --workers 2`).toBe(true);
    }
  });

  it('manifest.json has the documented fields, in order', () => {
    const manifests = [w1, w2].map((d) => JSON.parse(fs.readFileSync(path.join(d, 'manifest.json'), 'utf8')));
    const fields = ['tool', 'gitCommit', 'node', 'scenarioHash', 'seed', 'reps', 'workers', 'startedAt', 'finishedAt', 'imposedTrends', 'scenario'];
    const expectedHash = scenarioHash(loadScenario(path.join(ROOT, SHORT)));
    manifests.forEach((m, i) => {
      expect(Object.keys(m)).toEqual(fields);
      for (const f of fields) expect(DOC, `manifest field ${f} documented`).toContain(`| \`${f}\` |`);
      expect(m.tool).toEqual({ name: 'waterbed', version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version });
      expect(m.gitCommit === null || /^[0-9a-f]{40}$/.test(m.gitCommit)).toBe(true);
      expect(m.node).toBe(process.version);
      expect(m.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
      expect(m.scenarioHash).toBe(expectedHash);
      expect(scenarioHash(m.scenario)).toBe(m.scenarioHash);
      expect(m.seed).toBe(7);
      expect(m.reps).toBe(3);
      expect(m.workers).toBe(i + 1);
      for (const t of [m.startedAt, m.finishedAt]) expect(new Date(t).toISOString()).toBe(t);
      expect(m.startedAt <= m.finishedAt).toBe(true);
      expect(m.scenario.name).toBe('short');
      // the trends in force are the non-zero growth rates of the resolved parameters, nothing else
      const trends = Object.entries(m.scenario.parameters as Record<string, unknown>).filter(([p, v]) => IMPOSED_TRENDS.includes(p as never) && v !== 0);
      expect(m.imposedTrends).toEqual(Object.fromEntries(trends));
      expect(Object.keys(m.imposedTrends).length).toBeGreaterThan(0);
      expect(m.scenario.start).toBe('2010-01-01');
      expect(m.scenario.end).toBe('2013-12-31');
      expect(m.scenario.parameters['population.scale']).toBe(0.5);
    });
  });

  it('series.csv has the documented header, metrics, dates and intervals', () => {
    const text = fs.readFileSync(path.join(w1, 'series.csv'), 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    const header = lines[0].split(',');
    expect(header).toEqual([...SERIES_COLUMNS]);
    expect(header).toEqual(documentedColumns());
    expect(lines.length).toBeGreaterThan(1000);

    const col = Object.fromEntries(header.map((h, i) => [h, i]));
    const metrics = new Set(METRICS.map((m) => m.name));
    const problems: string[] = [];
    const dates = new Set<string>();
    const seenMetrics = new Set<string>();
    for (let n = 1; n < lines.length; n++) {
      const f = splitCsvLine(lines[n]);
      const where = `line ${n + 1}: ${lines[n]}`;
      if (f.length !== header.length) problems.push(`${where}: ${f.length} fields`);
      if (!metrics.has(f[col.metric])) problems.push(`${where}: unknown metric`);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(f[col.date])) problems.push(`${where}: bad date`);
      if (!['BE', 'NL'].includes(f[col.country])) problems.push(`${where}: bad country`);
      if (f[col.district] !== '' && f[col.district].slice(0, 2).toUpperCase() !== f[col.country]) problems.push(`${where}: district not in its country`);
      if (!(MARKETS as readonly string[]).includes(f[col.market])) problems.push(`${where}: bad market`);
      if (!['', 'BE', 'NL'].includes(f[col.buyer]) || !['', 'BE', 'NL'].includes(f[col.origin])) problems.push(`${where}: bad buyer/origin`);
      const [value, lo, hi] = [f[col.value], f[col.lo], f[col.hi]].map(num);
      if ([value, lo, hi].some((x) => Number.isNaN(x))) problems.push(`${where}: not a number`);
      else if (!(lo <= value && value <= hi)) problems.push(`${where}: not lo ≤ value ≤ hi`);
      dates.add(f[col.date]);
      seenMetrics.add(f[col.metric]);
      if (problems.length > 20) break;
    }
    expect(problems).toEqual([]);
    expect(dates.size).toBe(48); // 2010-01 .. 2013-12
    expect(seenMetrics.has('volume_kg')).toBe(true);
    expect(seenMetrics.has('active_sites')).toBe(true);
  });

  it('series.parquet holds the rows of series.csv: formatted, its numbers give the same text', async () => {
    const bytes = fs.readFileSync(path.join(w1, 'series.parquet'));
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    const text = [SERIES_COLUMNS as readonly string[], ...rows.map((r) => SERIES_COLUMNS.map((c) => (typeof r[c] === 'number' ? formatNumber(r[c]) : r[c])))].map(csvLine).join('');
    expect(text === fs.readFileSync(path.join(w1, 'series.csv'), 'utf8')).toBe(true);
  });

  it('has a country-total row (district empty) for every key and month, the sum of its districts with a narrower interval', () => {
    const lines = fs.readFileSync(path.join(w1, 'series.csv'), 'utf8').trim().split('\n').slice(1).map(splitCsvLine);
    // key and month without the district → [sum of the districts' values, sum of their interval widths,
    // largest bound seen (the rounding of bounds to 6 digits is relative to it)]
    const districts = new Map<string, [number, number, number]>();
    const totals = new Map<string, [number, number, number]>();
    for (const f of lines) {
      const id = [f[0], ...f.slice(2, 10)].join('|');
      const [value, lo, hi] = f.slice(10).map(num);
      const into = f[1] === '' ? totals : districts;
      expect(into.has(id) && into === totals, `${id} twice`).toBe(false);
      const was = into.get(id) ?? [0, 0, 0];
      into.set(id, [was[0] + value, was[1] + (hi - lo), Math.max(was[2], Math.abs(lo), Math.abs(hi))]);
    }
    expect(totals.size).toBeGreaterThan(100);
    expect([...districts.keys()].filter((id) => !totals.has(id))).toEqual([]); // absent only where zero throughout
    let narrower = 0;
    for (const [id, [value, width, bound]] of totals) {
      const [sum, widths] = districts.get(id) ?? [0, 0];
      // each value has 6 significant digits, so the sum of 22 rounded values is off by at most ~1e-5 of it
      expect(Math.abs(value - sum), id).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(value), 1e-3));
      // a width is the difference of two bounds each rounded to 6 digits: off by up to 1e-5 of the larger
      // bound (where one district has it all, the total's width equals the district's up to that rounding)
      expect(width, id).toBeLessThanOrEqual(widths + 1e-5 * bound + 1e-9);
      if (width < 0.9 * widths) narrower++;
    }
    expect(narrower / totals.size).toBeGreaterThan(0.5);
  });

  it('summary.json has the six table rows with the documented fields and verdicts', () => {
    const summary = JSON.parse(fs.readFileSync(path.join(w1, 'summary.json'), 'utf8'));
    expect(summary.rows).toHaveLength(6);
    expect(summary.rows.map((r: { market: string; echelon: string }) => `${r.market}/${r.echelon}`)).toEqual(TABLE_ROWS.map((r) => `${r.market}/${r.echelon}`));
    const documentedVerdicts = VERDICTS.filter((v) => DOC.includes(`| \`${v}\` |`));
    expect(documentedVerdicts).toEqual(VERDICTS);
    for (const row of summary.rows) {
      for (const field of ['market', 'echelon', 'verdict', 'agreement', 'displacementRatio', 'deltaBE', 'deltaNL', 'deltaBE_ci', 'deltaNL_ci', 'beBefore', 'dutchLinkBE']) {
        expect(row, `${row.market}/${row.echelon}`).toHaveProperty(field);
        expect(DOC, `docs/OUTPUTS.md documents ${field}`).toContain(`\`${field}\``);
      }
      expect(row.dutchLinkBE).toHaveLength(2);
      for (const share of row.dutchLinkBE) expect(share === null || (share >= 0 && share <= 1)).toBe(true);
      expect(VERDICTS).toContain(row.verdict);
      expect(row.agreement).toBeGreaterThanOrEqual(0);
      expect(row.agreement).toBeLessThanOrEqual(1);
      expect(row.displacementRatio === null || Number.isFinite(row.displacementRatio)).toBe(true);
      for (const [d, ci] of [
        [row.deltaBE, row.deltaBE_ci],
        [row.deltaNL, row.deltaNL_ci],
      ]) {
        expect(Number.isFinite(d)).toBe(true);
        expect(ci).toHaveLength(2);
        expect(ci[0]).toBeLessThanOrEqual(d);
        expect(d).toBeLessThanOrEqual(ci[1]);
      }
      expect(row.replicates).toBe(3);
      // who carried the change: the actors' rule, its parts adding up to ΔBE, the market-volume rule beside it
      expect(row.verdictRule).toBe('actors');
      expect(VERDICTS).toContain(row.marketVolume.verdict);
      const c = row.carriers;
      const gain = c.gain.moved + c.gain.extended + c.gain.newBelgian + c.gain.other;
      expect(gain - c.loss).toBeCloseTo(row.deltaBE, 6);
      expect(c.movedShare === null ? gain === 0 : Math.abs(c.movedShare - c.gain.moved / gain) < 1e-12).toBe(true);
      expect(c.movedDutchFall).toBeGreaterThanOrEqual(c.gain.moved - 1e-9);
      expect(row.before).toEqual(['2010-01-01', '2010-12-31']);
      expect(row.after).toEqual(['2012-01-01', '2013-12-31']);
    }
  });

  it('prints the verdict table', () => {
    for (const r of [one, two]) {
      expect(r.stdout).toContain('verdict');
      for (const m of MARKETS) expect(r.stdout).toContain(m);
      const summary = JSON.parse(fs.readFileSync(path.join(w1, 'summary.json'), 'utf8'));
      for (const row of summary.rows) expect(r.stdout).toMatch(new RegExp(`${row.market}\\s+${row.echelon}\\s+${row.verdict}\\b`));
      expect(r.stdout).toContain("Who carried Belgium's change");
    }
  });
});

describe('waterbed run when a worker thread dies', () => {
  it('status 1, the replicate named, no results folder', () => {
    const out = path.join(tmp, 'crashed');
    // Read by the worker threads only: replicate 1 of seed 7 ends its thread (tests of the pool).
    const r = spawnSync(process.execPath, ['bin/waterbed.js', 'run', SHORT, '--reps', '3', '--seed', '7', '--workers', '2', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, WATERBED_TEST_FAULTS: 'crash@7/1' },
    });
    expectStatus({ status: r.status, stdout: r.stdout, stderr: r.stderr }, 1);
    expect(r.stderr).toContain('replicate 1 of short failed: the worker thread running it stopped: exit code 70');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('waterbed with bad input', () => {
  it('an unknown district: status 2, the file and "Did you mean" named, no stack, no results folder', () => {
    const out = path.join(tmp, 'bad-district');
    const r = waterbed('run', BAD, '--reps', '1', '--workers', '1', '--out', out);
    expectStatus(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain('short-bad-district.yaml');
    expect(r.stderr).toContain('be-limbourg');
    expect(r.stderr).toContain('Did you mean');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('bad-district'))).toEqual([]);
  });

  it('--set with an unknown parameter: status 2', () => {
    const out = path.join(tmp, 'bad-set');
    const r = waterbed('run', SHORT, '--reps', '1', '--workers', '1', '--set', 'nope.path=1', '--out', out);
    expectStatus(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain('nope.path');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--reps 0: status 2', () => {
    const out = path.join(tmp, 'no-reps');
    const r = waterbed('run', SHORT, '--reps', '0', '--workers', '1', '--out', out);
    expectStatus(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain('--reps');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('validate: a good and a bad file → status 2, the good one reported ok', () => {
    const r = waterbed('validate', SHORT, BAD);
    expectStatus(r, 2);
    expectNoStack(r);
    expect(r.stdout).toContain(`${SHORT}: ok`);
    expect(r.stdout).not.toContain('short-bad-district.yaml: ok');
    expect(r.stderr).toContain('short-bad-district.yaml');
    expect(r.stderr).toContain('Did you mean');
  });

  it('validate: good files only → status 0', () => {
    const r = waterbed('validate', SHORT, 'test/fixtures/scenarios/short-icriterion.yaml');
    expectStatus(r, 0);
    expect(r.stdout).toContain(`${SHORT}: ok`);
    expect(r.stdout).toContain('short-icriterion.yaml: ok');
  });

  it('compare --csv without --runs: status 2, saying --runs is needed', () => {
    const r = waterbed('compare', SHORT, 'test/fixtures/scenarios/short-icriterion.yaml', '--reps', '1', '--csv', '--out', path.join(tmp, 'csv-no-runs'));
    expectStatus(r, 2);
    expectNoStack(r);
    expect(r.stderr).toContain('--runs');
    expect(fs.existsSync(path.join(tmp, 'csv-no-runs'))).toBe(false);
  });

  it('an unknown command: status 2', () => {
    const r = waterbed('frobnicate');
    expectStatus(r, 2);
    expectNoStack(r);
  });
});

describe('waterbed read by a pipe that closes early', () => {
  it('stops quietly when the reader has gone (`| head`, here `| true`), with no stack trace', () => {
    // `true` exits without reading, so every write of the command meets a closed pipe
    const command = `node bin/waterbed.js check-history --reps 2 --workers 1 --scenario test/fixtures/scenarios/short-history.yaml 2>"${tmp}/pipe.err" | true`;
    const r = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const stderr = fs.readFileSync(path.join(tmp, 'pipe.err'), 'utf8');
    expect(stderr, stderr).not.toMatch(/EPIPE|^\s*at /m);
  });
});

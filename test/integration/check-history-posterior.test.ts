import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePosteriorPoints } from '../../sim/calibrate/posteriorPoints';
import { parseCsv } from '../../sim/io/csv';
import { loadCatalog } from '../../sim/io/parameters';
import { uncertainParameters } from '../../sim/metrics/robustness';
import { REFERENCE_TABLES } from '../../sim/metrics/study';
import { expectStatus, type Run, waterbedAsync } from './cliRun';
import { indicatorRows, SHORT_HISTORY, verdictRows } from './checkHistoryTables';

// `waterbed check-history --robustness K --posterior DIR` through the command line: the points are
// drawn from a real calibration folder's posterior (the tiny calibration of the short history) and
// run at its values; bad input exits 2 before any run. The point selection and the setting of
// parameters are unit-tested in test/unit/posterior-points.test.ts.

describe('waterbed check-history --posterior', () => {
  // The tiny calibration (two parameters of the short history, ~15 s) gives a real posterior folder.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-check-posterior-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const folder = path.join(tmp, 'tiny');
  let ids: string[];
  beforeAll(async () => {
    expectStatus(await waterbedAsync('calibrate', 'test/fixtures/calibrations/tiny.yaml', '--workers', '2', '--out', folder), 0);
    ids = parseCsv(fs.readFileSync(path.join(folder, 'posterior.csv'), 'utf8')).slice(1).filter((row) => row.length > 1).map((row) => row[0]);
  });
  const check = (dir: string, points: number, workers: number, ...more: string[]) =>
    waterbedAsync('check-history', '--scenario', SHORT_HISTORY, '--reps', '2', '--robustness', String(points), '--point-reps', '1', '--posterior', dir, '--workers', String(workers), ...more);
  /** every table row's cells: the verdict rows, then the indicator rows */
  const cellsOf = (stdout: string) => {
    const lines = stdout.split('\n');
    return [...verdictRows(lines), ...indicatorRows(lines)].map((line) => line.trim().split(/\s{2,}/));
  };
  const uncertain = uncertainParameters(loadCatalog()).length;

  it('runs K of the posterior\'s points, drawn by the seed, says where they came from, and gives the same bytes on 1 or 2 workers', async () => {
    expect(ids.length).toBe(4);
    const r = await check(folder, 3, 2);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.stdout).toContain(`at least 70% of 3 points of the posterior of ${folder} (ABC, 4 accepted; 1 replicate each) do`);
    expect(r.stdout).not.toContain('Latin-hypercube');
    const chosen = choosePosteriorPoints(3, 4, 1).map((i) => ids[i]);
    expect(r.stdout).toContain(`Points of the calibration tiny (their ids in posterior.csv): 3 of the 4 accepted points, drawn without replacement by seed 1 (a keyed shuffle), in the posterior's order: ${chosen.join(', ')}\n`);
    expect(r.stdout).toContain(
      `Each sets the calibration's 2 parameters (labs.dumpFoundProbability, consumers.travelKmWeightPer100) to the point's values; the ${uncertain - 2} uncertain parameters it did not vary stay at the scenario's values (without --posterior the points vary them all).`,
    );
    expect(r.stdout).not.toContain('the scenario has changed since the calibration');
    // three points: every row has a points share with its interval
    const rows = verdictRows(r.stdout.split('\n'));
    expect(rows).toHaveLength(REFERENCE_TABLES['dismark-2018'].rows.length);
    for (const row of rows) expect(row.trim().split(/\s{2,}/)[5], row).toMatch(/^(0|33|67|100)% \(\d+–\d+%\)$/);
    const one = await check(folder, 3, 1);
    expect(one.stdout).toBe(r.stdout);
    // another seed draws its own points (4 choose 3: some seed of the next few differs)
    const seeds = [2, 3, 4, 5, 6].map((seed) => choosePosteriorPoints(3, 4, seed).join());
    const other = [2, 3, 4, 5, 6][seeds.findIndex((s) => s !== choosePosteriorPoints(3, 4, 1).join())];
    const again = await check(folder, 3, 2, '--seed', String(other));
    expect(again.stdout).toContain(`by seed ${other} (a keyed shuffle), in the posterior's order: ${choosePosteriorPoints(3, 4, other).map((i) => ids[i]).join(', ')}\n`);
  });

  it('takes all the points when K is more, and runs them at the posterior\'s values', async () => {
    const r = await check(folder, 10, 2);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.stdout).toContain(`at least 70% of 4 points of the posterior of ${folder} (ABC, 4 accepted; 1 replicate each) do`);
    expect(r.stdout).toContain(`all 4 accepted points, in the posterior's order (--robustness 10 asks for more than there are): ${ids.join(', ')}\n`);
    // The same folder with the travel cost at 0 at every point: the replicates (at the scenario's
    // values) give the same shares, the points other ones, since Belgian buyers now travel to Dutch
    // shops for nothing. Were the posterior's values not set, both would be the same.
    const edited = path.join(tmp, 'free-travel');
    fs.cpSync(folder, edited, { recursive: true });
    const csv = parseCsv(fs.readFileSync(path.join(edited, 'posterior.csv'), 'utf8')).filter((row) => row.length > 1);
    const travel = csv[0].indexOf('consumers.travelKmWeightPer100');
    fs.writeFileSync(path.join(edited, 'posterior.csv'), csv.map((row, i) => (i === 0 ? row : row.map((v, j) => (j === travel ? '0' : v))).join(',')).join('\n') + '\n');
    const free = await check(edited, 10, 2);
    expect([0, 1], free.stderr).toContain(free.status);
    const [before, after] = [cellsOf(r.stdout), cellsOf(free.stdout)];
    expect(after.map((cells) => cells.slice(0, 5))).toEqual(before.map((cells) => cells.slice(0, 5)));
    expect(after.map((cells) => cells[5])).not.toEqual(before.map((cells) => cells[5]));
  });

  it('refuses, with exit status 2 and before any run, --posterior without --robustness, a missing or unfinished folder, one where nothing survived and a calibration of another scenario', async () => {
    const refused = (r: Run, message: RegExp) => {
      expectStatus(r, 2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe('');
    };
    refused(await waterbedAsync('check-history', '--scenario', SHORT_HISTORY, '--reps', '1', '--posterior', folder), /--posterior \S+ without --robustness: expected --robustness K/);
    refused(await check(path.join(tmp, 'missing'), 3, 1), /--posterior \S+missing: no such folder; expected a finished calibration folder/);
    const unfinished = path.join(tmp, 'unfinished');
    fs.cpSync(folder, unfinished, { recursive: true });
    fs.rmSync(path.join(unfinished, 'calibration.json'));
    refused(await check(unfinished, 3, 1), /the calibration has not finished \(no calibration\.json, which it writes last\)/);
    const nothing = path.join(tmp, 'nothing');
    fs.cpSync(folder, nothing, { recursive: true });
    const summary = JSON.parse(fs.readFileSync(path.join(nothing, 'calibration.json'), 'utf8'));
    fs.writeFileSync(path.join(nothing, 'calibration.json'), JSON.stringify({ ...summary, outcome: 'nothing-survives', stoppedAfter: 'wave-2', posterior: null }, null, 2));
    fs.rmSync(path.join(nothing, 'posterior.csv'));
    refused(await check(nothing, 3, 1), /nothing survives wave-2 in the calibration tiny \(calibration\.json: outcome nothing-survives\), so it has no posterior to draw points from/);
    // the default scenario is the whole history, not the short one the tiny calibration calibrated
    refused(await waterbedAsync('check-history', '--reps', '1', '--robustness', '3', '--posterior', folder), /the calibration tiny calibrated the scenario short-history, not dismark-history \(scenarios\/dismark-history\.yaml\), the one checked/);
  });
});

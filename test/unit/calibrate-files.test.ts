import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCalibrationFile } from '../../sim/calibrate/schema';
import { GRADE_CV, gradeSd, parseWindow, readTargetsFile, TARGET_COLUMNS } from '../../sim/calibrate/targets';
import { METRICS } from '../../sim/metrics/series';
import { loadScenario } from '../../sim/scenario';
import { countryOf } from '../../sim/scenario/context';
import { scenarioContext } from '../../sim/scenario/projectContext';
import { ScenarioError } from '../../sim/scenario/errors';
import { readSweepFile } from '../../sim/sweep/schema';

// The targets file (data/targets.csv) and calibration files: the project's read without a problem
// and follow their documented rules; bad ones are told with every problem, its line and key path,
// what was expected and a suggestion.

const ROOT = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-calibrate-files-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const { world } = scenarioContext();
const options = { districts: world.ids, countryOf: (d: string) => countryOf(world, d) };

function problemsOf(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  throw new Error('no problem found');
}

describe('data/targets.csv', () => {
  const { targets } = readTargetsFile(path.join(ROOT, 'data/targets.csv'), options);

  it('reads, with fit and validation targets and a source for each', () => {
    expect(targets.length).toBeGreaterThan(40);
    expect(targets.filter((t) => t.use === 'fit').length).toBeGreaterThan(20);
    expect(targets.filter((t) => t.use === 'validation').length).toBeGreaterThan(10);
    for (const t of targets) expect(t.source, t.id).not.toBe('');
  });

  it('gives every target the observation sd of its grade (10%, 20%, 40%; at least half a recorded range)', () => {
    expect(GRADE_CV).toEqual({ A: 0.1, B: 0.2, C: 0.4 });
    for (const t of targets) expect(Math.abs(t.sd - gradeSd(t.value, t.grade, t.low, t.high)) / t.sd, t.id).toBeLessThan(0.005);
  });

  it('holds observed metrics only, besides Belgian buyers in Dutch shops', () => {
    for (const t of targets) {
      const observed = METRICS.find((m) => m.name === t.metric)!.observed;
      expect(observed || (t.echelon === 'retail' && t.breakdown.buyer === 'BE'), t.id).toBe(true);
    }
  });

  it('covers the record the issue names (plantations, labs, dump sites in both countries; coffee-shop buyers)', () => {
    const fit = targets.filter((t) => t.use === 'fit').map((t) => t.id);
    for (const id of ['be-plantations-2005', 'be-plantations-2007', 'be-plantations-2015', 'nl-plantations-2016', 'nl-plantations-2019', 'nl-labs-2018', 'nl-labs-2020', 'be-dumps-2015', 'be-dumps-2018', 'be-buyers-nl-coffee-shops-2010']) expect(fit).toContain(id);
  });
});

describe('a bad targets file', () => {
  it('lists every problem with its line and column', () => {
    const file = path.join(tmp, 'targets.csv');
    const header = TARGET_COLUMNS.join(',');
    fs.writeFileSync(
      file,
      [
        header,
        'be-ok,fit,dismantled_sites,cannabis,production,,BE,2015,,per-year,1257,,,A,,DISMARK,',
        'be-ok,fit,dismantled_site,cannabis,production,,BE,2015,,per-year,1257,,,A,,x,',
        'x-2,fitt,active_sites,cannabis,production,,be-limbourg,2015-13,,per-year,-3,,,D,,x,',
        'x-3,validation,dismantled_sites,cannabis,production,,NL,2016,,ratio,2,,,B,,x,',
        'x-4,fit,seized_kg,cocaine,import,route=antwerp,BE,2016,,per-year,300,400,500,B,,x,',
      ].join('\n') + '\n',
    );
    const message = problemsOf(() => readTargetsFile(file, options));
    expect(message).toMatch(/targets\.csv:3: be-ok\.id: the id "be-ok" is used twice \(lines 2 and 3\)/);
    expect(message).toMatch(/targets\.csv:3: be-ok\.metric: unknown metric "dismantled_site"; expected one of the observed metrics .*Did you mean "dismantled_sites"\?/);
    expect(message).toMatch(/targets\.csv:4: x-2\.use: unknown use "fitt"; expected one of fit, validation\. Did you mean "fit"\?/);
    expect(message).toMatch(/x-2\.metric: active_sites is true activity, which the record never shows/);
    expect(message).toMatch(/x-2\.area: unknown district "be-limbourg".*Did you mean "be-limburg"\?/);
    expect(message).toMatch(/x-2\.window: "2015-13" is not a window; expected a year \(2015\)/);
    expect(message).toMatch(/x-2\.value: -3 is not above 0/);
    expect(message).toMatch(/x-2\.grade: unknown grade "D"/);
    expect(message).toMatch(/targets\.csv:5: x-3\.base_window: a ratio target has no base_window/);
    expect(message).toMatch(/targets\.csv:6: x-4\.breakdown: "route=antwerp" is not a breakdown/);
    expect(message).toMatch(/x-4\.value: 300 is outside its range 400-500/);
  });

  it('reads windows of a year, of years and of days', () => {
    expect(parseWindow('2015')).toEqual(['2015-01-01', '2015-12-31']);
    expect(parseWindow('2016..2018')).toEqual(['2016-01-01', '2018-12-31']);
    expect(parseWindow('2018-01-01..2018-11-30')).toEqual(['2018-01-01', '2018-11-30']);
    expect(parseWindow('2018..2016')).toBeNull();
    expect(parseWindow('2018-02-30')).toBeNull();
  });
});

describe('calibration files', () => {
  it("reads the project's history calibration and the tests' tiny one", () => {
    const history = readCalibrationFile(path.join(ROOT, 'scenarios/calibrations/history.yaml'));
    expect(history.fit.length).toBeGreaterThan(20);
    expect(history.validation.length).toBeGreaterThan(10);
    expect(history.skipped).toEqual([]);
    expect(history.method).toMatchObject({ waves: 4, cutoff: 3, largest: 2, emulator: true });
    const tiny = readCalibrationFile(path.join(ROOT, 'test/fixtures/calibrations/tiny.yaml'));
    expect(tiny.fit.map((t) => t.id)).toEqual(['nl-dumps-2010', 'be-buyers-nl-coffee-shops-2010']);
    expect(tiny.validation.map((t) => t.id)).toEqual(['nl-plantations-2012', 'nl-labs-2012']);
    // targets: all leaves out what the scenario's run (2010-2013) does not cover, and says why
    expect(tiny.skipped.find((s) => s.id === 'be-plantations-2015')?.reason).toMatch(/not inside the run of short-history \(2010-01-01\.\.2013-12-31\)/);
    expect(tiny.abc).toEqual({ points: 8, replicates: 1, accept: 0.5 });
  });

  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text.replace('SCENARIO', path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml')));
    return file;
  };

  it('lists every problem of a bad calibration file, each with its line, key path and a suggestion', () => {
    const file = write(
      'bad.yaml',
      `name: bad
description: many mistakes
scenario: SCENARIO
targets: [nl-dumps-2010, nl-labs-2012, nl-dumps-201, be-plantations-2015]
parameters:
  - path: labs.dumpFoundProbability
    levels: [0.1, 0.2]
  - path: labs.dumpFoundProbabilty
    range: [0, 1]
method:
  waves: 2
  points: 8
  replicates: 1
  largest: 3
abc: {accept: 2}
seeds: 4
`,
    );
    const message = problemsOf(() => readCalibrationFile(file));
    expect(message).toMatch(/bad\.yaml:16: seeds: unknown key "seeds"; expected one of the calibration keys .*Did you mean "seed"\?/);
    expect(message).toMatch(/bad\.yaml:13: method\.replicates: 1 is below 2; expected a whole number of runs a point, 2 or more/);
    expect(message).toMatch(/method\.largest: 3 is not 1 or 2/);
    expect(message).toMatch(/abc\.accept: 2 is not above 0 and at most 1/);
    expect(message).toMatch(/bad\.yaml:7: parameters\[0\]\.levels: a calibration parameter has no levels; expected a continuous prior: range/);
    expect(message).toMatch(/parameters\[1\]\.path: unknown parameter path "labs\.dumpFoundProbabilty".*Did you mean "labs\.dumpFoundProbability"\?/);
    expect(message).toMatch(/targets\[1\]: "nl-labs-2012" is a validation target \(use = validation in the targets file\); expected a fit target under targets:\. Validation targets are never fit/);
    expect(message).toMatch(/targets\[2\]: unknown target "nl-dumps-201".*Did you mean "nl-dumps-2010"\?/);
    expect(message).toMatch(/targets\[3\]: the target be-plantations-2015 cannot be held against this scenario: its window 2015-01-01\.\.2015-12-31 is not inside the run of short-history/);
  });

  it('tells a sweep file, a scenario and a calibration file apart wherever one is given for another', () => {
    expect(problemsOf(() => readCalibrationFile(path.join(ROOT, 'test/fixtures/sweeps/lhs.yaml')))).toMatch(/this looks like a sweep file \(it has design: and factors:\), not a calibration.*Run it with `waterbed sweep/);
    expect(problemsOf(() => readCalibrationFile(path.join(ROOT, 'test/fixtures/scenarios/short.yaml')))).toMatch(/this looks like a scenario file \(it has extends:.*\), not a calibration.*Run it with `waterbed run/);
    const tiny = path.join(ROOT, 'test/fixtures/calibrations/tiny.yaml');
    expect(problemsOf(() => loadScenario(tiny))).toMatch(/tiny\.yaml:\d+: method: this looks like a calibration file \(it has method:\), not a scenario.*`waterbed calibrate/);
    expect(problemsOf(() => readSweepFile(tiny))).toMatch(/this looks like a calibration file \(it has method:\), not a sweep.*`waterbed calibrate/);
    expect(problemsOf(() => readCalibrationFile(write('missing.yaml', 'name: m\ndescription: d\nscenario: SCENARIO\nmethod: {waves: 1, points: 4, replicates: 2}\n')))).toMatch(/missing\.yaml: parameters: missing required key "parameters"/);
  });
});

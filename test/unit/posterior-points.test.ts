import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPosteriorSample } from '../../sim/calibrate/posterior';
import { choosePosteriorPoints, posteriorRobustness } from '../../sim/calibrate/posteriorPoints';
import { UserError } from '../../sim/errors';
import { scenarioHash } from '../../sim/io/results';
import { uncertainParameters } from '../../sim/metrics/robustness';
import { loadScenario } from '../../sim/scenario';
import { scenarioContext } from '../../sim/scenario/projectContext';

// check-history's robustness points drawn from a calibration's posterior: which accepted points run,
// and that each sets the calibration's parameters (model and policy ones, by their factor paths) on
// the scenario and nothing else. The folder is written by hand in the format `waterbed calibrate`
// writes (docs/OUTPUTS.md); test/integration/check-history.test.ts runs a real one through the CLI.

const ROOT = path.resolve(__dirname, '../..');
const SHORT_HISTORY = path.join(ROOT, 'test/fixtures/scenarios/short-history.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-posterior-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('choosePosteriorPoints', () => {
  it('takes every accepted point, in order, when as many or more are asked for', () => {
    expect(choosePosteriorPoints(4, 4, 1)).toEqual([0, 1, 2, 3]);
    expect(choosePosteriorPoints(30, 4, 7)).toEqual([0, 1, 2, 3]);
  });

  it('otherwise draws that many distinct points, in the posterior\'s order, the same for the same seed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const chosen = choosePosteriorPoints(5, 12, seed);
      expect(chosen).toHaveLength(5);
      expect(new Set(chosen).size).toBe(5);
      expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
      expect(chosen.every((i) => Number.isInteger(i) && i >= 0 && i < 12)).toBe(true);
      expect(choosePosteriorPoints(5, 12, seed)).toEqual(chosen);
    }
    const subsets = new Set(Array.from({ length: 20 }, (_, s) => choosePosteriorPoints(3, 10, s + 1).join(',')));
    expect(subsets.size).toBeGreaterThan(10);
  });

  it('gives every accepted point the same chance (rejection ABC weighs them equally)', () => {
    const seeds = 3000;
    const counts = new Array(10).fill(0);
    for (let seed = 1; seed <= seeds; seed++) for (const i of choosePosteriorPoints(3, 10, seed)) counts[i]++;
    // each point in 3 of 10 draws: 30%, binomial sd 0.8 points over 3,000 seeds
    for (const c of counts) expect(Math.abs(c / seeds - 0.3)).toBeLessThan(0.035);
  });
});

/** A calibration folder as `waterbed calibrate` leaves it, with only what the posterior reader uses. */
function writeFolder(name: string, summary: Record<string, unknown>, csv: string | null): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'calibration.json'), JSON.stringify(summary, null, 2) + '\n');
  if (csv !== null) fs.writeFileSync(path.join(dir, 'posterior.csv'), csv);
  return dir;
}

const scenario = loadScenario(SHORT_HISTORY);
const context = scenarioContext();
const PARAMETERS = [
  { name: 'enforcement.findingsPer100kPerWeek.cannabis', path: 'enforcement.findingsPer100kPerWeek.cannabis' },
  { name: 'priority_limburg', path: 'enforcement.priority.cannabis.be-limburg' },
  { name: 'be_cultivation_before_nvp', path: 'policy[be-cultivation-pre-nvp].factor' },
];
const IDS = ['pa', 'pb', 'pc', 'pd', 'pe'];
// point, distance, the three parameters, a target column
const ROWS = [
  ['pa', 0.5, 0.4, 0.9, 0.1, 12],
  ['pb', 0.6, 0.5, 1.1, 0.2, 13],
  ['pc', 0.7, 0.6, 1.2, 0.3, 14],
  ['pd', 0.8, 0.7, 1.3, 0.4, 15],
  ['pe', 0.9, 0.8, 1.4, 0.5, 16],
];
const CSV = ['point,distance,' + PARAMETERS.map((p) => p.name).join(',') + ',be-plantations-2012', ...ROWS.map((r) => r.join(','))].join('\n') + '\n';
const summary = (over: Record<string, unknown> = {}) => ({
  tool: { name: 'waterbed', version: '0.1.0' },
  calibration: { name: 'by-hand', description: 'written by the test', fileHash: 'x' },
  scenario: { name: scenario.name, scenarioHash: scenarioHash(scenario) },
  parameters: PARAMETERS.map((p) => ({ ...p, domain: { kind: 'uniform', min: 0, max: 2 }, integer: false })),
  outcome: 'posterior',
  stoppedAfter: null,
  posterior: { points: 10, accepted: IDS.length, ids: IDS },
  ...over,
});

describe('posteriorRobustness', () => {
  const dir = writeFolder('by-hand', summary(), CSV);
  const sample = readPosteriorSample(dir);
  const limburg = context.world.ids.indexOf('be-limburg');

  it('reads the calibration, its scenario, its parameters and the accepted points of posterior.csv', () => {
    expect(sample.calibration).toBe('by-hand');
    expect(sample.scenario.name).toBe('short-history');
    expect(sample.parameters.map((p) => [p.name, p.path])).toEqual(PARAMETERS.map((p) => [p.name, p.path]));
    expect(sample.points).toEqual(ROWS.map((r) => ({ id: r[0], values: r.slice(2, 5) })));
  });

  it('sets each chosen point\'s values, model and policy parameters alike, and leaves the rest at the scenario\'s', () => {
    const at = posteriorRobustness(sample, scenario, 'short-history.yaml', context, 3, 1);
    const chosen = choosePosteriorPoints(3, 5, 1);
    expect(at.ids).toEqual(chosen.map((i) => IDS[i]));
    expect(at.accepted).toBe(5);
    expect(at.changed).toBe(false);
    expect(at.points).toHaveLength(3);
    at.points.forEach((point, j) => {
      const [findings, priority, factor] = ROWS[chosen[j]].slice(2, 5) as number[];
      expect(point.parameters['enforcement.findingsPer100kPerWeek.cannabis']).toBe(findings);
      // a per-district parameter: the one district set, the others as they were
      const before = scenario.parameters['enforcement.priority.cannabis'] as number[];
      expect(point.parameters['enforcement.priority.cannabis']).toEqual(before.map((v, d) => (d === limburg ? priority : v)));
      // the policy labelled be-cultivation-pre-nvp, and no other
      point.policies.forEach((event, e) => {
        if (event.label === 'be-cultivation-pre-nvp') expect(event.parameters.factor).toBe(factor);
        else expect(event).toEqual(scenario.policies[e]);
      });
      expect(point.policies.filter((e) => e.label === 'be-cultivation-pre-nvp')).toHaveLength(1);
      // everything else is the scenario's: the uncertain parameters not calibrated among them
      const set = new Set(['enforcement.findingsPer100kPerWeek.cannabis', 'enforcement.priority.cannabis']);
      for (const [key, value] of Object.entries(scenario.parameters)) if (!set.has(key)) expect(point.parameters[key], key).toEqual(value);
      expect({ ...point, parameters: undefined, policies: undefined }).toEqual({ ...scenario, parameters: undefined, policies: undefined });
    });
    // the base scenario is not changed
    expect(scenario.parameters['enforcement.findingsPer100kPerWeek.cannabis']).toBe(loadScenario(SHORT_HISTORY).parameters['enforcement.findingsPer100kPerWeek.cannabis']);
    const uncertain = uncertainParameters(context.catalog).map((s) => s.path);
    expect(at.notVaried.map((s) => s.path)).toEqual(uncertain.filter((p) => !['enforcement.findingsPer100kPerWeek.cannabis', 'enforcement.priority.cannabis'].includes(p)));
  });

  it('takes all points in order when more are asked for, and says when the scenario changed since the calibration', () => {
    const all = posteriorRobustness(sample, scenario, 'short-history.yaml', context, 30, 1);
    expect(all.ids).toEqual(IDS);
    expect(all.points.map((p) => p.parameters['enforcement.findingsPer100kPerWeek.cannabis'])).toEqual(ROWS.map((r) => r[2]));
    const changed = readPosteriorSample(writeFolder('changed', summary({ scenario: { name: scenario.name, scenarioHash: '0'.repeat(64) } }), CSV));
    expect(posteriorRobustness(changed, scenario, 'short-history.yaml', context, 2, 1).changed).toBe(true);
  });

  it('refuses a calibration of another scenario, a path the scenario does not have and a value outside its range', () => {
    const other = readPosteriorSample(writeFolder('other', summary({ scenario: { name: 'dismark-history', scenarioHash: 'x' } }), CSV));
    expect(() => posteriorRobustness(other, scenario, 'short-history.yaml', context, 2, 1)).toThrow(/calibrated the scenario dismark-history, not short-history \(short-history\.yaml\), the one checked/);
    const label = readPosteriorSample(writeFolder('label', summary({ parameters: [...PARAMETERS.slice(0, 2), { name: 'be_cultivation_before_nvp', path: 'policy[be-cultivation].factor' }] }), CSV));
    expect(() => posteriorRobustness(label, scenario, 'short-history.yaml', context, 2, 1)).toThrow(/calibration\.json:\d+: parameters\[2\]\.path: no scenario of the sweep has a policy labelled "be-cultivation"/);
    const outside = readPosteriorSample(writeFolder('outside', summary(), CSV.replace('pc,0.7,0.6', 'pc,0.7,9')));
    expect(() => posteriorRobustness(outside, scenario, 'short-history.yaml', context, 2, 1)).toThrow(/point pc: enforcement\.findingsPer100kPerWeek\.cannabis = 9 is outside the range of enforcement\.findingsPer100kPerWeek\.cannabis/);
  });
});

describe('readPosteriorSample', () => {
  const refused = (dir: string): string => {
    try {
      readPosteriorSample(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as Error).message;
    }
    throw new Error('not refused');
  };

  it('refuses a folder without a posterior, saying why', () => {
    expect(refused(path.join(tmp, 'none'))).toMatch(/no such folder; expected a finished calibration folder/);
    const started = path.join(tmp, 'started');
    fs.mkdirSync(started);
    fs.writeFileSync(path.join(started, 'plan.json'), '{}');
    expect(refused(started)).toMatch(/the calibration has not finished \(no calibration\.json, which it writes last\).*--resume/);
    expect(refused(writeFolder('nothing', summary({ outcome: 'nothing-survives', stoppedAfter: 'wave-1', posterior: null }), null))).toMatch(/nothing survives wave-1 in the calibration by-hand .*no posterior to draw points from/);
    expect(refused(writeFolder('no-csv', summary(), null))).toMatch(/posterior\.csv is missing/);
    expect(refused(writeFolder('no-scenario', summary({ scenario: {} }), CSV))).toMatch(/calibration\.json: scenario\.name: null is not the calibrated scenario's name/);
    expect(refused(writeFolder('other-ids', summary(), CSV.replace('pe,', 'px,')))).toMatch(/does not hold the accepted points calibration\.json lists \(posterior\.ids\): row 6 is px, not pe/);
    expect(refused(writeFolder('no-column', summary(), CSV.replace('priority_limburg', 'priority')))).toMatch(/no column priority_limburg/);
    expect(refused(writeFolder('not-a-number', summary(), CSV.replace('pb,0.6,0.5', 'pb,0.6,x')))).toMatch(/row 3, column enforcement\.findingsPer100kPerWeek\.cannabis: "x" is not a number/);
  });
});

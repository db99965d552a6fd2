import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import { defaultParameters } from '../../sim/params/catalog';
import { policyRegistry } from '../../sim/policies/registry';
import { defaultWindows, loadScenario, ROW_KEYS } from '../../sim/scenario';

const FIXTURES = 'test/fixtures/scenarios';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-scenario-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const HEAD = 'name: t\ndescription: d\nstart: 1995-01-01\nend: 2025-12-31\n';

let counter = 0;
function load(text: string, sets?: string[]) {
  const file = path.join(tmp, `s${++counter}.yaml`);
  fs.writeFileSync(file, text);
  return loadScenario(file, { sets });
}

const world = loadWorld();
const defaults = () => defaultParameters(loadCatalog(), world.ids);
const nlIds = world.ids.filter((_, i) => world.country[i] === 1);
const moduleDefaults = (type: string) =>
  Object.fromEntries(Object.entries(policyRegistry.get(type)!.parameters).map(([k, spec]) => [k, spec.default]));

describe('loading scenarios', () => {
  it('loads the baseline with catalogue defaults and its analysis windows', () => {
    const s = loadScenario('scenarios/baseline.yaml');
    expect(s.name).toBe('baseline');
    expect(s.start).toBe('1995-01-01');
    expect(s.end).toBe('2025-12-31');
    expect(s.policies).toEqual([]);
    expect(s.parameters).toEqual(defaults());
    for (const row of ROW_KEYS) expect(s.analysis[row]).toEqual({ before: ['2005-01-01', '2009-12-31'], after: ['2014-01-01', '2018-12-31'] });
  });

  it('merges extends: the child overrides keys, parameters apply parent first, policies are appended', () => {
    const s = loadScenario(`${FIXTURES}/child.yaml`);
    expect(s.name).toBe('child');
    expect(s.description).toBe('child of parent.yaml');
    expect(s.start).toBe('2000-01-01');
    expect(s.end).toBe('2019-12-31');
    expect(s.parameters['population.scale']).toBe(0.25);
    const capacity = s.parameters['enforcement.capacity'] as number[];
    const expected = (defaults()['enforcement.capacity'] as number[]).map((v, i) => (world.ids[i] === 'be-limburg' ? 1.2 : v));
    expect(capacity).toEqual(expected);
    expect(s.analysis['cannabis/retail']).toEqual({ before: ['2003-01-01', '2007-12-31'], after: ['2013-01-01', '2017-12-31'] });
    // sorted by start; the parent's capacity event lies between the child's two events
    expect(s.policies.map((p) => p.type)).toEqual(['short-blows', 'capacity', 'i-criterion']);
    expect(s.policies[1]).toEqual({
      type: 'capacity',
      label: 'more police in Antwerp',
      start: '2010-01-01',
      districts: ['be-antwerpen'],
      parameters: { factor: 1.5 },
    });
  });

  it('fills policy parameter defaults and expands a country to its districts in world order', () => {
    const s = loadScenario(`${FIXTURES}/child.yaml`);
    const [shortBlows, , iCriterion] = s.policies;
    expect(shortBlows.parameters).toEqual(moduleDefaults('short-blows'));
    expect(shortBlows.districts).toEqual(['nl-limburg']);
    expect(iCriterion).toEqual({ type: 'i-criterion', start: '2012-05-01', end: '2019-02-08', districts: nlIds, parameters: moduleDefaults('i-criterion') });
    expect(nlIds).toHaveLength(10);
  });

  it('keeps the file order of policies that start on the same day', () => {
    const s = load(
      `${HEAD}policies:\n` +
        '  - {type: i-criterion, label: later, start: 2015-01-01, districts: [nl-limburg], parameters: {share: 0}}\n' +
        '  - {type: i-criterion, label: first, start: 2012-05-01, districts: [nl-limburg]}\n' +
        '  - {type: i-criterion, label: second, start: 2012-05-01, districts: [nl-limburg], parameters: {share: 0.5}}\n',
    );
    expect(s.policies.map((p) => p.label)).toEqual(['first', 'second', 'later']);
  });

  it('overrides one district of a per-district parameter, also written as nested keys', () => {
    const flat = load(`${HEAD}parameters:\n  enforcement.priority.cannabis.nl-limburg: 2\n`);
    const nested = load(`${HEAD}parameters:\n  enforcement:\n    priority:\n      cannabis:\n        nl-limburg: 2\n`);
    const k = world.ids.indexOf('nl-limburg');
    const base = defaults()['enforcement.priority.cannabis'] as number[];
    const want = base.map((v, i) => (i === k ? 2 : v));
    expect(flat.parameters['enforcement.priority.cannabis']).toEqual(want);
    expect(nested.parameters['enforcement.priority.cannabis']).toEqual(want);
  });

  it('applies --set after the scenario, a whole per-district parameter at once or one district', () => {
    const s = loadScenario(`${FIXTURES}/child.yaml`, {
      sets: ['population.scale=2', 'enforcement.capacity=1.5', 'enforcement.capacity.nl-limburg = 0.5'],
    });
    expect(s.parameters['population.scale']).toBe(2);
    const k = world.ids.indexOf('nl-limburg');
    expect(s.parameters['enforcement.capacity']).toEqual(world.ids.map((_, i) => (i === k ? 0.5 : 1.5)));
  });

  it('defaults the analysis windows to the first and last five years, with per-row overrides', () => {
    const s = load(`${HEAD}analysis:\n  rows:\n    cocaine/middle:\n      after: [2018-02-01, 2022-12-31]\n`);
    expect(s.analysis['cannabis/production']).toEqual({ before: ['1995-01-01', '1999-12-31'], after: ['2021-01-01', '2025-12-31'] });
    expect(s.analysis['cocaine/middle']).toEqual({ before: ['1995-01-01', '1999-12-31'], after: ['2018-02-01', '2022-12-31'] });
  });

  it('a run shorter than the default windows compares its whole length', () => {
    expect(defaultWindows('2010-01-01', '2012-06-30')).toEqual({ before: ['2010-01-01', '2012-06-30'], after: ['2010-01-01', '2012-06-30'] });
  });

  it('accepts dates the YAML library turns into Date objects, and empty optional sections', () => {
    const s = load('name: t\ndescription: d\nstart: !!timestamp 1995-01-01\nend: 2025-12-31\nparameters:\npolicies:\nanalysis:\n');
    expect(s.start).toBe('1995-01-01');
    expect(s.policies).toEqual([]);
  });
});

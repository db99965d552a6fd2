import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../sim/params/catalog';
import { loadScenario, ScenarioError, type LoadOptions } from '../../sim/scenario';

// One test per kind of user error: each checks that the message names the file, the line (where
// the error has one), the key path, what was expected and, where possible, a suggestion.

const FIXTURES = 'test/fixtures/scenarios';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-scenario-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Lines 1-4 of every inline scenario; the line under test is therefore 5 or later.
const HEAD = 'name: t\ndescription: d\nstart: 1995-01-01\nend: 2025-12-31\n';

let counter = 0;
function write(text: string): string {
  const file = path.join(tmp, `s${++counter}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

function errorOf(fileOrText: string, options?: LoadOptions): ScenarioError {
  const file = fileOrText.includes('\n') ? write(fileOrText) : fileOrText;
  try {
    loadScenario(file, options);
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error(`expected ${file} to fail`);
}

/** The message starts with "file:line: keyPath:" and holds the given parts. */
function expectMessage(err: ScenarioError, where: { file?: string; line?: number; keyPath?: string }, ...parts: string[]) {
  const file = where.file ?? err.file;
  const prefix = `${file}${where.line === undefined ? '' : `:${where.line}`}:${where.keyPath ? ` ${where.keyPath}:` : ''}`;
  expect(err.message.startsWith(prefix), `"${err.message}" should start with "${prefix}"`).toBe(true);
  expect(err.line).toBe(where.line);
  if (where.keyPath) expect(err.keyPath).toBe(where.keyPath);
  for (const part of parts) expect(err.message).toContain(part);
  expect(err.message).not.toMatch(/\n|\bat .*\.ts:\d+/);
  expect(err.message).toContain('; expected ');
}

describe('scenario errors', () => {
  it('YAML syntax error names file and line', () => {
    const err = errorOf(`${FIXTURES}/syntax-error.yaml`);
    expectMessage(err, { file: `${FIXTURES}/syntax-error.yaml`, line: 9 }, 'YAML syntax error', 'expected valid YAML', 'brackets');
  });

  it('unknown top-level key suggests the closest key', () => {
    const err = errorOf(`${HEAD}polices: []\n`);
    expectMessage(err, { line: 5, keyPath: 'polices' }, 'unknown key "polices"', 'top-level keys name, description', 'Did you mean "policies"?');
  });

  it('unknown district names file, line, key path and the closest district', () => {
    const err = errorOf(`${FIXTURES}/bad-district.yaml`);
    expect(err.message).toBe(
      `${FIXTURES}/bad-district.yaml:10: policies[0].districts[1]: unknown district "be-limbourg"; ` +
        'expected one of the 22 district ids (be-antwerpen, be-limburg, be-leuven, …). Did you mean "be-limburg"?',
    );
    expect(err.suggestion).toBe('Did you mean "be-limburg"?');
  });

  it('wrong type: a date that is not a date', () => {
    const err = errorOf('name: t\ndescription: d\nstart: yes\nend: 2025-12-31\n');
    expectMessage(err, { line: 3, keyPath: 'start' }, '"yes" is not a date', 'ISO date YYYY-MM-DD');
  });

  it('wrong type: a badly written date gets the ISO form suggested', () => {
    const err = errorOf('name: t\ndescription: d\nstart: 01-05-2012\nend: 2025-12-31\n');
    expectMessage(err, { line: 3, keyPath: 'start' }, 'Did you mean "2012-05-01"?');
  });

  it('wrong type: a text where a number is expected', () => {
    const err = errorOf(`${HEAD}parameters:\n  population.scale: big\n`);
    expectMessage(err, { line: 6, keyPath: 'parameters.population.scale' }, '"big" is not a number', 'a number from 0.01 to 100');
  });

  it('wrong type: a quoted number is told to lose its quotes', () => {
    const err = errorOf(`${HEAD}parameters:\n  population.scale: "0.5"\n`);
    expectMessage(err, { line: 6, keyPath: 'parameters.population.scale' }, 'is a text, not a number', 'Remove the quotes.');
  });

  it('wrong type: a mapping where a list of districts is expected', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: capacity\n    start: 2010-01-01\n    districts: {be-limburg: 1}\n`);
    expectMessage(err, { line: 8, keyPath: 'policies[0].districts' }, 'a mapping is not a list', 'list of district ids');
    const single = errorOf(`${HEAD}policies:\n  - type: capacity\n    start: 2010-01-01\n    districts: be-limburg\n`);
    expectMessage(single, { line: 8, keyPath: 'policies[0].districts' }, '"be-limburg" is not a list', 'Write districts: [be-limburg].');
  });

  it('out-of-range parameter gives the range', () => {
    const err = errorOf(`${HEAD}parameters:\n  population.scale: 200\n`);
    expectMessage(err, { line: 6, keyPath: 'parameters.population.scale' }, '200 is outside the range of population.scale', 'a number from 0.01 to 100 (multiplier)');
  });

  it('out-of-range policy parameter gives the range', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: i-criterion\n    start: 2012-05-01\n    country: NL\n    parameters: {share: 1.5}\n`);
    expectMessage(err, { line: 9, keyPath: 'policies[0].parameters.share' }, "1.5 is outside the range of i-criterion's share", 'a number from 0 to 1');
  });

  it('integer parameters must be whole numbers', () => {
    const catalog = parseCatalog({
      actors: { importers: { value: 10, unit: 'organisations', range: [1, 100], source: 'assumption', integer: true } },
    });
    const err = errorOf(`${HEAD}parameters:\n  actors.importers: 12.5\n`, { context: { catalog } });
    expectMessage(err, { line: 6, keyPath: 'parameters.actors.importers' }, '12.5 is not a whole number', 'a whole number from 1 to 100', 'Did you mean 13?');
  });

  it('scenario end before start', () => {
    const err = errorOf('name: t\ndescription: d\nstart: 2010-01-01\nend: 2005-01-01\n');
    expectMessage(err, { line: 4, keyPath: 'end' }, 'the run ends (2005-01-01) before it starts (2010-01-01)', 'an end date after the start date 2010-01-01');
  });

  it('policy end before start', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: capacity\n    start: 2012-05-01\n    end: 2011-01-01\n    country: BE\n`);
    expectMessage(err, { line: 8, keyPath: 'policies[0].end' }, 'the policy ends (2011-01-01) before it starts (2012-05-01)', 'an end date after the start date');
  });

  it('unknown policy type suggests the closest type', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: i-critrion\n    start: 2012-05-01\n    country: NL\n`);
    expectMessage(err, { line: 6, keyPath: 'policies[0].type' }, 'unknown policy type "i-critrion"', 'one of the policy types', 'i-criterion', 'Did you mean "i-criterion"?');
  });

  it('unknown policy key and unknown policy parameter get suggestions', () => {
    const key = errorOf(`${HEAD}policies:\n  - type: capacity\n    strat: 2012-05-01\n    country: NL\n`);
    expectMessage(key, { line: 7, keyPath: 'policies[0].strat' }, 'unknown key "strat"', 'policy keys', 'Did you mean "start"?');
    const param = errorOf(`${HEAD}policies:\n  - type: i-criterion\n    start: 2012-05-01\n    country: NL\n    parameters:\n      shar: 0.5\n`);
    expectMessage(param, { line: 10, keyPath: 'policies[0].parameters.shar' }, 'unknown parameter "shar" of i-criterion', 'share', 'Did you mean "share"?');
  });

  it('a policy posterior must be an interval of one of its numbers', () => {
    const event = `${HEAD}policies:\n  - type: detection-priority\n    start: 2008-01-01\n    country: BE\n    parameters: {factor: 1.4}\n`;
    const text = errorOf(`${event}    posterior:\n      market: [1, 2]\n`);
    expectMessage(text, { line: 11, keyPath: 'policies[0].posterior.market' }, '"market" is not a number of detection-priority', 'factor, changePerYear');
    const backwards = errorOf(`${event}    posterior:\n      factor: [1.7, 1.2]\n`);
    expectMessage(backwards, { line: 11, keyPath: 'policies[0].posterior.factor' }, 'the interval [1.7, 1.2] runs backwards', 'Write [1.2, 1.7].');
    const single = errorOf(`${event}    posterior:\n      factor: [1.2]\n`);
    expectMessage(single, { line: 11, keyPath: 'policies[0].posterior.factor' }, '1 number where an interval has 2');
    const outside = errorOf(`${event}    posterior:\n      factor: [1, 12]\n`);
    expectMessage(outside, { line: 11, keyPath: 'policies[0].posterior.factor' }, "leaves the range of detection-priority's factor", 'within 0 to 10');
  });

  it('unknown market in a policy parameter', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: short-blows\n    start: 2012-05-01\n    country: BE\n    parameters: {market: cocain}\n`);
    expectMessage(err, { line: 9, keyPath: 'policies[0].parameters.market' }, 'unknown market "cocain"', 'cannabis, synthetic, cocaine', 'Did you mean "cocaine"?');
  });

  it('policy on a district of the wrong country', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: i-criterion\n    start: 2012-05-01\n    districts: [nl-limburg, be-limburg]\n`);
    expectMessage(err, { line: 8, keyPath: 'policies[0].districts[1]' }, 'i-criterion applies only to NL districts, but "be-limburg" is in BE', 'a district of NL');
  });

  it('policy on the wrong country', () => {
    const err = errorOf(`${HEAD}policies:\n  - type: i-criterion\n    start: 2012-05-01\n    country: BE\n`);
    expectMessage(err, { line: 8, keyPath: 'policies[0].country' }, 'i-criterion applies only to NL but targets BE', 'country: NL');
  });

  it('policy with both districts and country, or with neither', () => {
    const both = errorOf(`${HEAD}policies:\n  - type: capacity\n    start: 2012-05-01\n    districts: [be-limburg]\n    country: BE\n`);
    expectMessage(both, { line: 9, keyPath: 'policies[0].country' }, 'both districts and country', 'exactly one target');
    const neither = errorOf(`${HEAD}policies:\n  - type: capacity\n    start: 2012-05-01\n`);
    expectMessage(neither, { line: 6, keyPath: 'policies[0]' }, 'the policy has no target', 'districts: [ids…] or country: BE|NL');
  });

  it('unknown parameter path suggests the closest path', () => {
    const err = errorOf(`${HEAD}parameters:\n  population.scal: 0.5\n`);
    expectMessage(err, { line: 6, keyPath: 'parameters.population.scal' }, 'unknown parameter path "population.scal"', 'sim/params/parameters.yaml', 'Did you mean "population.scale"?');
  });

  it('unknown district in a per-district parameter path', () => {
    const err = errorOf(`${HEAD}parameters:\n  enforcement.capacity.be-limbourg: 1.2\n`);
    expectMessage(err, { line: 6, keyPath: 'parameters.enforcement.capacity.be-limbourg' }, 'unknown district "be-limbourg"', 'Did you mean "enforcement.capacity.be-limburg"?');
  });

  it('a district on a parameter that is not per district', () => {
    const err = errorOf(`${HEAD}parameters:\n  population.scale.be-limburg: 2\n`);
    expectMessage(err, { line: 6, keyPath: 'parameters.population.scale.be-limburg' }, 'population.scale is one value for all districts', 'population.scale without a district');
  });

  it('extends cycle names the chain', () => {
    const err = errorOf(`${FIXTURES}/cycle-a.yaml`);
    expectMessage(
      err,
      { file: `${FIXTURES}/cycle-b.yaml`, line: 3, keyPath: 'extends' },
      `a cycle of extends: ${FIXTURES}/cycle-a.yaml → ${FIXTURES}/cycle-b.yaml → ${FIXTURES}/cycle-a.yaml`,
      'Remove extends from one of these files.',
    );
  });

  it('extends naming a missing file suggests the closest file', () => {
    const err = errorOf(`${FIXTURES}/extends-missing.yaml`);
    expectMessage(err, { file: `${FIXTURES}/extends-missing.yaml`, line: 3, keyPath: 'extends' }, 'no such file "parnet.yaml" (looked for test/fixtures/scenarios/parnet.yaml)', 'Did you mean "parent.yaml"?');
  });

  it('a scenario file that does not exist', () => {
    const err = errorOf(`${FIXTURES}/chlid.yaml`);
    expectMessage(err, { file: `${FIXTURES}/chlid.yaml` }, 'file not found', 'Did you mean "child.yaml"?');
  });

  it('missing required keys: name in the file itself, start after merging extends', () => {
    const name = errorOf('description: d\nstart: 1995-01-01\nend: 2025-12-31\n');
    expectMessage(name, { keyPath: 'name' }, 'missing required key "name"', 'a text naming the scenario');
    const start = errorOf(`${FIXTURES}/no-dates-child.yaml`);
    expectMessage(
      start,
      { file: `${FIXTURES}/no-dates-child.yaml`, keyPath: 'start' },
      `missing required key "start" (neither this file nor ${FIXTURES}/no-dates-parent.yaml sets it)`,
      'ISO date',
    );
  });

  it('analysis window ending before it starts', () => {
    const err = errorOf(`${HEAD}analysis:\n  before: [2009-12-31, 2005-01-01]\n`);
    expectMessage(err, { line: 6, keyPath: 'analysis.before[1]' }, 'the window ends (2005-01-01) before it starts (2009-12-31)', 'Swap the two dates');
  });

  it('analysis window outside the run', () => {
    const err = errorOf(`${HEAD}analysis:\n  rows:\n    cocaine/middle:\n      after: [2020-01-01, 2030-12-31]\n`);
    expectMessage(err, { line: 8, keyPath: 'analysis.rows.cocaine/middle.after' }, 'the after window ends (2030-12-31) after the run ends (2025-12-31)', 'a window inside the run 1995-01-01 … 2025-12-31');
  });

  it('unknown analysis row suggests the closest row', () => {
    const err = errorOf(`${HEAD}analysis:\n  rows:\n    cocaine/midle: {before: [2005-01-01, 2009-12-31]}\n`);
    expectMessage(err, { line: 7, keyPath: 'analysis.rows.cocaine/midle' }, 'unknown analysis row "cocaine/midle"', 'cannabis/production', 'Did you mean "cocaine/middle"?');
  });

  it('malformed --set', () => {
    const err = errorOf(`${FIXTURES}/parent.yaml`, { sets: ['population.scale'] });
    expectMessage(err, { file: `${FIXTURES}/parent.yaml`, keyPath: '--set population.scale' }, 'malformed --set', 'path=value');
  });

  it('--set with an unknown path or a value that is not a number', () => {
    const unknown = errorOf(`${FIXTURES}/parent.yaml`, { sets: ['population.scal=2'] });
    expectMessage(unknown, { keyPath: '--set population.scal=2' }, 'unknown parameter path "population.scal"', 'Did you mean "population.scale"?');
    const text = errorOf(`${FIXTURES}/parent.yaml`, { sets: ['population.scale=lots'] });
    expectMessage(text, { keyPath: '--set population.scale=lots' }, '"lots" is not a number', 'a number from 0.01 to 100');
  });
});

/** The problems of an error as "line keyPath: problem", in the order the error lists them. */
const listed = (err: ScenarioError) => err.problems.map((p) => `${p.line ?? '-'} ${p.keyPath ?? '-'}: ${p.problem}`);

describe('every problem of a file at once', () => {
  it('reports the independent mistakes of a file and its merge, numbered, one paragraph each', () => {
    const file = `${FIXTURES}/several-errors.yaml`;
    const err = errorOf(file);
    expect(listed(err)).toEqual([
      '7 parameters.population.scal: unknown parameter path "population.scal"',
      '11 policies[0].districts[1]: unknown district "be-limbourg"',
      '12 policies[1].type: unknown policy type "short-blow"',
      '17 analysis.after: the after window ends (2014-12-31) after the run ends (2013-12-31)',
    ]);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe(`4 problems in ${file}:`);
    expect(lines.slice(1).map((l) => l.slice(0, 5))).toEqual(['  1. ', '  2. ', '  3. ', '  4. ']);
    expect(lines[2]).toContain(`${file}:11: policies[0].districts[1]: unknown district "be-limbourg"; expected one of the 22 district ids`);
    expect(lines[2]).toContain('Did you mean "be-limburg"?');
    // An unknown policy type leaves its parameters uncheckable: nothing is said about intensity: 99.
    expect(err.message).not.toContain('intensity');
  });

  it('the problems of a file come with those of the file it extends, each under its own name', () => {
    const parent = write('name: p\ndescription: d\nstart: 1995-01-01\nend: 2025-12-31\nparameters:\n  population.scale: 500\n');
    const child = write(`name: c\ndescription: d\nextends: ${path.basename(parent)}\npolices: []\n`);
    const err = errorOf(child);
    expect(err.problems.map((p) => [p.file, p.line, p.problem])).toEqual([
      [child, 4, 'unknown key "polices"'],
      [parent, 6, '500 is outside the range of population.scale'],
    ]);
    expect(err.message.split('\n')[0]).toBe(`2 problems in ${child}, ${parent}:`);
  });

  it('a mistyped required key is reported once, as an unknown key, not also as missing', () => {
    const top = errorOf('nme: t\ndescription: d\nstart: 1995-01-01\nend: 2025-12-31\n');
    expect(listed(top)).toEqual(['1 nme: unknown key "nme"']);
    expect(top.suggestion).toBe('Did you mean "name"?');
    const dates = errorOf('name: t\ndescription: d\nstrat: 1995-01-01\nend: 2025-12-31\n');
    expect(listed(dates)).toEqual(['3 strat: unknown key "strat"']);
    const policy = errorOf(`${HEAD}policies:\n  - type: capacity\n    strat: 2012-05-01\n    contry: NL\n`);
    expect(listed(policy)).toEqual(['7 policies[0].strat: unknown key "strat"', '8 policies[0].contry: unknown key "contry"']);
  });

  it('a key that cannot be read is not also reported as missing after merging', () => {
    const err = errorOf('name: t\ndescription: d\nstart: yes\n');
    expect(listed(err)).toEqual(['- end: missing required key "end"', '3 start: "yes" is not a date']);
  });

  it('without: is not checked against a parent whose policies could not be read', () => {
    const parent = write('name: p\ndescription: d\nstart: 1995-01-01\nend: 2025-12-31\npolicies:\n  - type: capacity\n    label: more police\n    start: 2010-01-01\n    districts: [be-antwerp]\n');
    const child = write(`name: c\ndescription: d\nextends: ${path.basename(parent)}\nwithout: [more police]\n`);
    expect(listed(errorOf(child))).toEqual(['9 policies[0].districts[0]: unknown district "be-antwerp"']);
    const fine = write(`name: c\ndescription: d\nextends: ${path.basename(parent).replace('.yaml', '')}-none.yaml\nwithout: [more police]\n`);
    expect(listed(errorOf(fine))).toEqual([expect.stringMatching(/^3 extends: no such file/)]);
  });

  it('a YAML syntax error stops the reading: nothing after it is checked', () => {
    const err = errorOf(`${HEAD}polices: [\nparameters:\n  population.scal: 1\n`);
    expect(err.problems).toHaveLength(1);
    expect(err.problem).toContain('YAML syntax error');
  });
});

describe('files that are not scenarios', () => {
  const binary = (name: string, bytes: number[]) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, Buffer.from(bytes));
    return file;
  };
  // The first bytes of a PNG image, then its header chunk: not UTF-8, and a NUL byte.
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0x10, 0xff, 0x9c];

  it('a binary file is "not a text file", its format named and none of its bytes shown', () => {
    const file = binary('picture.yaml', PNG);
    const err = errorOf(file);
    expect(err.message).toBe(`${file}: not a text file (it is not UTF-8); expected a scenario file: YAML text in UTF-8. It looks like a PNG image; check the file name.`);
    expect(err.message).not.toContain('IHDR');
  });

  it('NUL bytes, control characters and UTF-16 are not text either', () => {
    expect(errorOf(binary('nul.yaml', [...Buffer.from('name: a\n'), 0, ...Buffer.from('b\n')])).problem).toBe('not a text file (it contains NUL bytes)');
    expect(errorOf(binary('escape.yaml', [...Buffer.from('name: \x1b[2Jx\n')])).problem).toBe('not a text file (it contains control characters)');
    const utf16 = errorOf(binary('utf16.yaml', [0xff, 0xfe, ...Buffer.from('name: t\n', 'utf16le')]));
    expect(utf16.suggestion).toBe('It looks like UTF-16 text; save it as UTF-8.');
  });

  it('a long text that is not a mapping is shown by its start only', () => {
    const err = errorOf(`${'word '.repeat(200)}\n`);
    expect(err.problem).toMatch(/^"(word ){12}…" is not a mapping$/);
  });

  it('a sweep file is named as such, with the command that runs it', () => {
    const err = errorOf('test/fixtures/sweeps/lhs.yaml');
    expect(err.problems).toHaveLength(1);
    expect(err.message).toBe(
      'test/fixtures/sweeps/lhs.yaml:5: design: this looks like a sweep file (it has design: and factors:), not a scenario; ' +
        'expected a scenario file (docs/SCENARIOS.md). Run it with `waterbed sweep test/fixtures/sweeps/lhs.yaml`.',
    );
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../sim/scenario';
import { readSweepFile } from '../../sim/sweep/schema';

// Bad sweep files: one message naming the file, the line and key path, what was expected and, where
// it can, a suggestion, like scenario files.

const FIXTURES = path.resolve(__dirname, '../fixtures');
const SHORT = path.join(FIXTURES, 'scenarios/short.yaml');
const POLICIES = path.join(FIXTURES, 'sweeps/short-policies.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-sweep-schema-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GOOD = `name: t
description: schema test
scenario: ${POLICIES}
design: lhs
samples: 4
replicates: 2
seed: 3
factors:
  - path: prices.elasticity
    range: [0.5, 1.5]
  - path: policy:short-blows.intensity
    range: [0, 4]
outputs:
  verdicts: all
  aggregates:
    - name: be_sites
      metric: active_sites
      market: cannabis
      echelon: production
      districts: BE
      window: [2012-01-01, 2013-12-31]
`;

let n = 0;
function read(text: string) {
  const file = path.join(tmp, `s${n++}.yaml`);
  fs.writeFileSync(file, text);
  return { file, spec: () => readSweepFile(file) };
}

function failure(text: string): { error: ScenarioError; file: string } {
  const { file, spec } = read(text);
  try {
    spec();
  } catch (error) {
    if (error instanceof ScenarioError) return { error, file };
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

/** GOOD with one line replaced. */
const edit = (from: string, to: string) => {
  if (!GOOD.includes(from)) throw new Error(`not in GOOD: ${from}`);
  return GOOD.replace(from, to);
};

interface Case {
  what: string;
  text: string;
  line?: number;
  keyPath?: string;
  problem: RegExp;
  suggestion?: RegExp;
}

const cases: Case[] = [
  { what: 'an unknown top-level key', text: edit('factors:', 'factorz:'), line: 8, keyPath: 'factorz', problem: /unknown key "factorz"/, suggestion: /Did you mean "factors"\?/ },
  { what: 'an unknown design', text: edit('design: lhs', 'design: lsh'), line: 4, keyPath: 'design', problem: /unknown design "lsh"/, suggestion: /Did you mean "lhs"\?/ },
  { what: 'a sample design without samples', text: edit('samples: 4\n', ''), keyPath: 'samples', problem: /missing required key "samples"/, suggestion: /samples: 20/ },
  { what: 'samples with a grid', text: edit('design: lhs', 'design: grid').replace('range: [0.5, 1.5]', 'levels: [0.5, 1]').replace('range: [0, 4]', 'levels: [0, 4]'), line: 5, keyPath: 'samples', problem: /has no sample size/, suggestion: /Remove samples/ },
  { what: 'a mistyped parameter path', text: edit('path: prices.elasticity', 'path: prices.elasticty'), line: 9, keyPath: 'factors[0].path', problem: /unknown parameter path "prices.elasticty"/, suggestion: /Did you mean "prices.elasticity"\?/ },
  { what: 'a range outside the parameter\'s', text: edit('range: [0.5, 1.5]', 'range: [0.5, 9]'), line: 10, keyPath: 'factors[0].range', problem: /9 is outside the range of prices.elasticity/ },
  { what: 'a reversed range', text: edit('range: [0.5, 1.5]', 'range: [1.5, 0.5]'), line: 10, keyPath: 'factors[0].range', problem: /empty or reversed/, suggestion: /Did you mean \[0.5, 1.5\]\?/ },
  { what: 'a mistyped policy type', text: edit('policy:short-blows.intensity', 'policy:short-blow.intensity'), line: 11, keyPath: 'factors[1].path', problem: /unknown policy type "short-blow"/, suggestion: /Did you mean "short-blows"\?/ },
  { what: 'a mistyped policy parameter', text: edit('policy:short-blows.intensity', 'policy:short-blows.intensty'), line: 11, keyPath: 'factors[1].path', problem: /short-blows has no parameter "intensty"/, suggestion: /Did you mean "intensity"\?/ },
  { what: 'a policy parameter that is not a number', text: edit('policy:short-blows.intensity', 'policy:short-blows.market'), line: 11, problem: /market is a market, not a number/ },
  { what: 'a policy the scenario does not have', text: edit('policy:short-blows.intensity', 'policy:stroomplan.inspectionFactor'), line: 11, problem: /no scenario of the sweep has a stroomplan policy/, suggestion: /Add a stroomplan policy/ },
  { what: 'a policy index past the end', text: edit('policy:short-blows.intensity', '"policies[5].parameters.intensity"'), line: 11, problem: /no scenario of the sweep has a policy number 5/ },
  { what: 'a malformed policy path', text: edit('policy:short-blows.intensity', 'policy.short-blows.intensity'), line: 11, problem: /not a policy factor path/ },
  { what: 'both range and levels', text: edit('    range: [0, 4]', '    range: [0, 4]\n    levels: [1, 2]'), line: 13, keyPath: 'factors[1].levels', problem: /both range and levels/, suggestion: /Keep one/ },
  { what: 'a grid factor with a range but no steps', text: edit('design: lhs', 'design: grid').replace('samples: 4\n', '').replace('range: [0, 4]', 'levels: [0, 4]'), line: 9, keyPath: 'factors[0].range', problem: /a grid needs a finite list of values/, suggestion: /steps: 3/ },
  { what: 'an odd number of Morris levels', text: edit('design: lhs', 'design: {type: morris, levels: 3}'), line: 4, keyPath: 'design.levels', problem: /3 levels is odd/, suggestion: /Did you mean 4\?/ },
  { what: 'zero replicates', text: edit('replicates: 2', 'replicates: 0'), line: 6, keyPath: 'replicates', problem: /0 is below 1/ },
  { what: 'a normal distribution without sd', text: edit('range: [0.5, 1.5]', 'distribution: {type: normal, mean: 1}'), line: 10, keyPath: 'factors[0].distribution', problem: /has no sd/ },
  { what: 'a mistyped distribution', text: edit('range: [0.5, 1.5]', 'distribution: {type: gauss, mean: 1, sd: 0.1}'), line: 10, keyPath: 'factors[0].distribution.type', problem: /unknown distribution "gauss"/ },
  { what: 'two factors with one name', text: edit('  - path: policy:short-blows.intensity', '  - path: policy:short-blows.intensity\n    name: prices.elasticity'), line: 11, keyPath: 'factors[1]', problem: /two factors are named "prices.elasticity"/ },
  { what: 'a mistyped table row', text: edit('verdicts: all', 'verdicts: [cannabis/retial]'), line: 14, keyPath: 'outputs.verdicts[0]', problem: /unknown table row "cannabis\/retial"/, suggestion: /Did you mean "cannabis\/retail"\?/ },
  { what: 'a Dutch-link row given as a word', text: edit('verdicts: all', 'verdicts: all\n  dutchLink: some'), line: 15, keyPath: 'outputs.dutchLink', problem: /"some" is not a list of rows/ },
  { what: 'a mistyped metric', text: edit('metric: active_sites', 'metric: active_site'), line: 17, keyPath: 'outputs.aggregates[0].metric', problem: /unknown metric "active_site"/, suggestion: /Did you mean "active_sites"\?/ },
  { what: 'a mistyped district', text: edit('districts: BE', 'districts: [be-limbourg]'), line: 20, keyPath: 'outputs.aggregates[0].districts[0]', problem: /unknown district "be-limbourg"/, suggestion: /Did you mean "be-limburg"\?/ },
  { what: 'a window outside the run', text: edit('window: [2012-01-01, 2013-12-31]', 'window: [2012-01-01, 2015-12-31]'), line: 21, keyPath: 'outputs.aggregates[0].window', problem: /not inside the run of scenario short-policies \(2010-01-01..2013-12-31\)/ },
  { what: 'an aggregate named like a column', text: edit('name: be_sites', 'name: seed'), line: 16, keyPath: 'outputs.aggregates[0]', problem: /"seed" is already a column/ },
  { what: 'a missing scenario file', text: edit(`scenario: ${POLICIES}`, `scenario: ${SHORT.replace('short.yaml', 'short.yml')}`), line: 3, keyPath: 'scenario', problem: /no such scenario file/, suggestion: /Did you mean ".*short.yaml"\?/ },
  { what: 'both scenario and scenarios', text: edit(`scenario: ${POLICIES}`, `scenario: ${POLICIES}\nscenarios: {a: ${SHORT}}`), line: 4, keyPath: 'scenarios', problem: /both scenario and scenarios/, suggestion: /Remove one/ },
  { what: 'no factors', text: edit(GOOD.slice(GOOD.indexOf('factors:'), GOOD.indexOf('outputs:')), 'factors: []\n'), line: 8, keyPath: 'factors', problem: /the list of factors is empty/ },
  { what: 'YAML that does not parse', text: edit('  - path: prices.elasticity', '  - path: prices.elasticity\n   range: [0.5'), problem: /YAML syntax error/ },
];

describe('sweep files', () => {
  it('the good one reads', () => {
    const spec = read(GOOD).spec();
    expect(spec.name).toBe('t');
    expect(spec.factors.map((f) => f.name)).toEqual(['prices.elasticity', 'policy:short-blows.intensity']);
    expect(spec.variants.map((v) => v.name)).toEqual(['short-policies']);
    expect(spec.outputs.verdicts).toHaveLength(6);
    expect(spec.outputs.aggregates[0].districts.every((d) => d.startsWith('be-'))).toBe(true);
    expect(spec.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  for (const c of cases) {
    it(`rejects ${c.what}`, () => {
      const { error, file } = failure(c.text);
      expect(error.file).toBe(path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
      if (c.line !== undefined) expect(error.line, error.message).toBe(c.line);
      if (c.keyPath !== undefined) expect(error.keyPath, error.message).toBe(c.keyPath);
      expect(error.problem, error.message).toMatch(c.problem);
      expect(error.expected.length).toBeGreaterThan(0);
      if (c.suggestion) expect(error.suggestion ?? '', error.message).toMatch(c.suggestion);
      // One paragraph: where, what, expected, suggestion.
      expect(error.message).not.toMatch(/\n/);
      expect(error.message.startsWith(error.line === undefined ? error.file : `${error.file}:${error.line}`)).toBe(true);
    });
  }
});

describe('sweep files with several problems', () => {
  const listed = (error: ScenarioError) => error.problems.map((p) => `${p.line ?? '-'} ${p.keyPath ?? '-'}: ${p.problem}`);

  it('reports every independent problem, numbered', () => {
    const text = edit('design: lhs', 'design: lsh')
      .replace('replicates: 2', 'replicates: 0')
      .replace('path: prices.elasticity', 'path: prices.elasticty')
      .replace('metric: active_sites', 'metric: active_site');
    const { error, file } = failure(text);
    expect(listed(error)).toEqual([
      '4 design: unknown design "lsh"',
      '6 replicates: 0 is below 1',
      '9 factors[0].path: unknown parameter path "prices.elasticty"',
      '17 outputs.aggregates[0].metric: unknown metric "active_site"',
    ]);
    expect(error.message.split('\n')[0]).toBe(`4 problems in ${file}:`);
  });

  it('a scenario that does not load: its problems are listed, and the factors that refer to it are not checked', () => {
    const broken = path.join(tmp, 'broken-scenario.yaml');
    fs.writeFileSync(broken, `name: b\ndescription: d\nextends: ${SHORT}\nparameters:\n  population.scal: 1\n`);
    const { error, file } = failure(edit(`scenario: ${POLICIES}`, `scenario: ${broken}`).replace('seed: 3', 'seed: -1'));
    expect(error.problems.map((p) => [p.file, p.line, p.problem])).toEqual([
      [file, 7, '-1 is below 0'],
      [broken, 5, 'unknown parameter path "population.scal"'],
    ]);
  });

  it('a mistyped required key is reported once, as an unknown key', () => {
    const { error } = failure(edit('samples: 4', 'sample: 4').replace('factors:', 'factor:'));
    expect(listed(error)).toEqual(['5 sample: unknown key "sample"', '8 factor: unknown key "factor"']);
  });

  it('a scenario given as a sweep file is named as such, with the command that runs it', () => {
    const { error } = failure(fs.readFileSync(SHORT, 'utf8'));
    expect(error.problems).toHaveLength(1);
    expect(error.problem).toBe('this looks like a scenario file (it has extends:, start: and end:), not a sweep');
    expect(error.expected).toBe('a sweep file with design: and factors: (docs/SWEEPS.md)');
    expect(error.suggestion).toMatch(/^Run it with `waterbed run .*\.yaml`, or name it in a sweep file's scenario: key\.$/);
  });
});

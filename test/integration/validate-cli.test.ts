import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, type Run, waterbed } from './cliRun';

// Validation messages through the real command line (node bin/waterbed.js → dist/, built by `npm
// test`): every problem of a file at once, "not a text file" for a binary file, and a sweep file
// given where a scenario is expected (and the reverse) named as such. All exit with status 2.

const FIXTURES = 'test/fixtures/scenarios';
const SEVERAL = `${FIXTURES}/several-errors.yaml`;
const SHORT = `${FIXTURES}/short.yaml`;
const SWEEP = 'test/fixtures/sweeps/lhs.yaml';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-validate-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// A PNG image's signature and header chunk: bytes that are not UTF-8, and NUL bytes.
const PNG = path.join(tmp, 'map.png');
fs.writeFileSync(PNG, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0x10, 0xff, 0x9c, 0x1b, 0x5b, 0x32, 0x4a]));

/** A user error: status 2, messages on stderr, no stack trace, no internal error. */
function expectUserError(r: Run): void {
  expectStatus(r, 2);
  expect(r.stderr).toMatch(/\S/);
  expect(r.stderr, r.stderr).not.toMatch(/^\s*at /m);
  expect(r.stderr).not.toMatch(/internal error/);
}

/** The numbered items of a several-problem message, as "line: key path". */
function items(stderr: string, file: string): string[] {
  return [...stderr.matchAll(new RegExp(`^ {2}\\d+\\. ${file.replace(/[.]/g, '\\.')}:(\\d+): (\\S+):`, 'gm'))].map((m) => `${m[1]}: ${m[2]}`);
}

describe('waterbed validate: every problem of a file', () => {
  it('lists the four independent problems of a file, numbered, and exits 2', () => {
    const r = waterbed('validate', SEVERAL, SHORT);
    expectUserError(r);
    expect(r.stderr).toContain(`4 problems in ${SEVERAL}:`);
    expect(items(r.stderr, SEVERAL)).toEqual(['7: parameters.population.scal', '11: policies[0].districts[1]', '12: policies[1].type', '17: analysis.after']);
    expect(r.stderr).toContain('Did you mean "population.scale"?');
    expect(r.stderr).toContain('Did you mean "be-limburg"?');
    expect(r.stderr).toContain('Did you mean "short-blows"?');
    expect(r.stderr).toContain('a window inside the run 2010-01-01 … 2013-12-31');
    expect(r.stdout).toBe(`${SHORT}: ok (scenario)\n`);
  });

  it('`run` shows the same list and writes no results folder', () => {
    const out = path.join(tmp, 'several');
    const r = waterbed('run', SEVERAL, '--reps', '1', '--workers', '1', '--out', out);
    expectUserError(r);
    expect(r.stderr.startsWith(`waterbed: 4 problems in ${SEVERAL}:\n`)).toBe(true);
    expect(items(r.stderr, SEVERAL)).toHaveLength(4);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('each file on its own: a good one ok, each bad one with its message', () => {
    const r = waterbed('validate', `${FIXTURES}/child.yaml`, `${FIXTURES}/bad-district.yaml`, `${FIXTURES}/cycle-a.yaml`);
    expectUserError(r);
    expect(r.stdout).toBe(`${FIXTURES}/child.yaml: ok (scenario)\n`);
    expect(r.stderr).toContain(`${FIXTURES}/bad-district.yaml:10: policies[0].districts[1]: unknown district "be-limbourg"`);
    expect(r.stderr).toContain('a cycle of extends');
  });
});

describe('a binary file', () => {
  const NOT_TEXT = `${PNG}: not a text file (it is not UTF-8); expected %s: YAML text in UTF-8. It looks like a PNG image; check the file name.`;

  for (const [command, args, what] of [
    ['validate', [PNG], 'a scenario, sweep or calibration file'],
    ['run', [PNG, '--reps', '1', '--workers', '1', '--out', path.join(tmp, 'png')], 'a scenario file'],
    ['compare', [SHORT, PNG, '--reps', '1', '--workers', '1', '--out', path.join(tmp, 'png-compare')], 'a scenario file'],
    ['check-history', ['--scenario', PNG, '--reps', '1', '--workers', '1'], 'a scenario file'],
    ['sweep', [PNG, '--workers', '1', '--out', path.join(tmp, 'png-sweep')], 'a sweep file'],
    ['calibrate', [PNG, '--workers', '1', '--out', path.join(tmp, 'png-calibrate')], 'a calibration file'],
  ] as const) {
    it(`${command}: "not a text file", and none of its bytes on the terminal`, () => {
      const r = waterbed(command, ...args);
      expectUserError(r);
      expect(r.stderr).toContain(NOT_TEXT.replace('%s', what));
      expect(r.stderr).not.toMatch(/IHDR|\uFFFD|\x1b/);
    });
  }
});

describe('a sweep file where a scenario is expected, and the reverse', () => {
  const SWEEP_NAMED = `${SWEEP}:5: design: this looks like a sweep file (it has design: and factors:), not a scenario; expected a scenario file (docs/SCENARIOS.md). Run it with \`waterbed sweep ${SWEEP}\`.`;

  it('run and compare name a sweep file as such, with the command that runs it', () => {
    expect(waterbed('run', SWEEP, '--reps', '1', '--workers', '1', '--out', path.join(tmp, 'sweep-run')).stderr).toBe(`waterbed: ${SWEEP_NAMED}\n`);
    const compare = waterbed('compare', SHORT, SWEEP, '--reps', '1', '--workers', '1', '--out', path.join(tmp, 'sweep-compare'));
    expectUserError(compare);
    expect(compare.stderr).toBe(`waterbed: ${SWEEP_NAMED}\n`);
  });

  it('sweep names a scenario as such, with the command that runs it', () => {
    const r = waterbed('sweep', SHORT, '--workers', '1', '--out', path.join(tmp, 'scenario-sweep'));
    expectUserError(r);
    expect(r.stderr).toBe(
      `waterbed: ${SHORT}:4: extends: this looks like a scenario file (it has extends:, start: and end:), not a sweep; ` +
        `expected a sweep file with design: and factors: (docs/SWEEPS.md). Run it with \`waterbed run ${SHORT}\`, or name it in a sweep file's scenario: key.\n`,
    );
    expect(fs.existsSync(path.join(tmp, 'scenario-sweep'))).toBe(false);
  });

  it('validate checks both kinds and says which it checked', () => {
    const r = waterbed('validate', SHORT, SWEEP);
    expectStatus(r, 0);
    expect(r.stdout).toBe(`${SHORT}: ok (scenario)\n${SWEEP}: ok (sweep file and the scenario it names)\n`);
  });

  it('validate lists the problems of a sweep file and of the scenarios it names', () => {
    const scenario = path.join(tmp, 'bad-scenario.yaml');
    fs.writeFileSync(scenario, `name: bad\ndescription: d\nextends: ${path.resolve(SHORT)}\nparameters:\n  population.scal: 1\n`);
    const sweep = path.join(tmp, 'bad-sweep.yaml');
    fs.writeFileSync(sweep, fs.readFileSync(SWEEP, 'utf8').replace('scenario: short-policies.yaml', `scenario: ${scenario}`).replace('samples: 6', 'samples: 0'));
    const r = waterbed('validate', sweep);
    expectUserError(r);
    expect(r.stderr).toContain(`2 problems in ${sweep}, ${scenario}:`);
    expect(r.stderr).toContain(`1. ${sweep}:6: samples: 0 is below 1`);
    expect(r.stderr).toContain(`2. ${scenario}:5: parameters.population.scal: unknown parameter path "population.scal"`);
  });
});

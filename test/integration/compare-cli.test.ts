import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `waterbed compare` through the real CLI: a short scenario against itself plus a policy, and plus a
// policy that changes nothing measured on other windows, with common random numbers; the comparison
// file has the documented shape, both runs are measured on the same windows, and effects say when
// they are noise.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-compare-'));
const policy = path.join(tmp, 'short-blows.yaml');
fs.writeFileSync(
  policy,
  `name: short-blows-limburg
description: short plus short blows in Belgian Limburg
extends: ${path.resolve('test/fixtures/scenarios/short.yaml')}
policies:
  - {type: short-blows, label: sb, start: 2011-01-01, districts: [be-limburg], parameters: {market: cannabis, intensity: 1}}
`,
);
// Police capacity × 1 in be-eupen: a policy with no effect, on windows other than the baseline's.
const noop = path.join(tmp, 'noop.yaml');
fs.writeFileSync(
  noop,
  `name: noop-eupen
description: short with police capacity in be-eupen multiplied by 1
extends: ${path.resolve('test/fixtures/scenarios/short.yaml')}
policies:
  - {type: capacity, start: 2011-01-01, districts: [be-eupen], parameters: {factor: 1}}
analysis:
  before: [2010-01-01, 2010-06-30]
  after: [2013-01-01, 2013-12-31]
`,
);
const out = path.join(tmp, 'out');
const compare = (...args: string[]) => spawnSync(process.execPath, ['bin/waterbed.js', 'compare', 'test/fixtures/scenarios/short.yaml', ...args], { encoding: 'utf8' });
const run = compare(policy, noop, '--reps', '3', '--workers', '2', '--out', out);
const same = (a: { market: string; echelon: string }, b: { market: string; echelon: string }) => a.market === b.market && a.echelon === b.echelon;

describe('waterbed compare', () => {
  it('runs and prints a table per scenario', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('short-blows-limburg against short');
    expect(run.stdout).toContain('WDQ');
    expect(run.stdout).toContain('BE Dutch link after');
    expect(run.stdout).toContain("volume: the market-volume rule's verdict (D); moved: the share of Belgium's gain its carriers moved out of NL");
    expect(run.stdout).toContain("windows (the scenario's, the same for both runs): before 2010-01-01 … 2010-12-31, after 2012-01-01 … 2013-12-31");
    expect(run.stdout).toContain("windows (the scenario's, the same for both runs): before 2010-01-01 … 2010-06-30, after 2013-01-01 … 2013-12-31");
    expect(run.stdout).toContain('~ the 95% interval includes 0');
    expect(run.stdout).toContain('replicate pairs needed for a 95% interval');
  });

  const doc = JSON.parse(fs.readFileSync(path.join(out, 'comparison.json'), 'utf8'));
  const s = doc.scenarios[0];

  it('writes the documented fields', () => {
    expect(doc.reps).toBe(3);
    expect(doc.precision).toBeNull();
    expect(doc.baseline.verdicts).toBeUndefined();
    expect(s.baselineVerdicts).toHaveLength(6);
    expect(s.windowsFrom).toBe('scenario');
    expect(s.windows['cannabis/production']).toEqual({ before: ['2010-01-01', '2010-12-31'], after: ['2012-01-01', '2013-12-31'] });
    expect(s.pairsNeeded).toHaveLength(7 * 2);
    expect(s.targetedDistricts).toEqual(['be-limburg']);
    expect(s.areas.treatment).toEqual(['be-limburg']);
    expect(s.areas.buffer).toContain('nl-limburg');
    expect(s.effects).toHaveLength(7 * 2);
    expect(s.districtEffects).toHaveLength(7 * 22);
    expect(s.wdq).toHaveLength(7);
    for (const e of [...s.effects, ...s.districtEffects]) {
      expect(e.effect_ci[0]).toBeLessThanOrEqual(e.effect + 1e-9);
      expect(e.effect_ci[1]).toBeGreaterThanOrEqual(e.effect - 1e-9);
      expect(e.effect).toBeCloseTo(e.scenario - e.baseline, 6);
      expect(e.significant).toBe(e.effect_ci[0] > 0 || e.effect_ci[1] < 0);
    }
    for (const p of s.pairsNeeded) {
      type Row = { market: string; echelon: string; area: string; baseline: number };
      const effect = s.effects.find((e: Row) => same(e, p) && e.area === p.area);
      const total = s.effects.filter((e: Row) => same(e, p)).reduce((acc: number, e: Row) => acc + e.baseline, 0);
      expect(effect).toBeDefined();
      expect(p.precision).toBeCloseTo(0.01 * total, 6);
      expect(p.pairs).toBeGreaterThanOrEqual(2);
    }
  });

  it('prints each verdict with the market-volume verdict and the moved share of the gain beside it', () => {
    type Row = { market: string; echelon: string; verdict: string; verdictRule: string; marketVolume: { verdict: string }; carriers: { movedShare: number | null } | null };
    const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
    const cell = (v: Row) => `${v.verdict} \\(volume: ${v.marketVolume.verdict}; moved ${pct(v.carriers!.movedShare)}\\)`;
    const table = run.stdout.slice(run.stdout.indexOf('short-blows-limburg against short'), run.stdout.indexOf('noop-eupen against short'));
    for (const v of s.verdicts as Row[]) {
      const base = (s.baselineVerdicts as Row[]).find((b) => same(b, v))!;
      // runs of the model record their carriers: the verdicts are by who carried the change
      expect([base.verdictRule, v.verdictRule]).toEqual(['actors', 'actors']);
      expect(table).toMatch(new RegExp(`${v.market} +${v.echelon} .*  ${cell(base)} +${cell(v)} `));
    }
  });

  it('gives a WDQ only for the markets short blows on cannabis act on, and only with a significant treatment effect', () => {
    for (const w of s.wdq) {
      expect(w.actedOn).toBe(w.market === 'cannabis');
      if (!w.actedOn) expect([w.wdq, w.reason]).toEqual([null, "the scenario's new policies do not act on this market and echelon"]);
      else if (!w.treatmentEffect.significant) expect([w.wdq, w.reason]).toEqual([null, 'no significant treatment effect']);
      else expect(w.reason === null || w.reason.startsWith('not defined')).toBe(true);
    }
  });

  it('puts equal verdicts side by side for a policy that changes nothing, measured on its own windows', () => {
    const n = doc.scenarios[1];
    expect(n.name).toBe('noop-eupen');
    expect(n.windows['cannabis/retail']).toEqual({ before: ['2010-01-01', '2010-06-30'], after: ['2013-01-01', '2013-12-31'] });
    expect(n.baselineVerdicts).toEqual(n.verdicts);
    for (const v of n.baselineVerdicts) expect([v.before, v.after]).toEqual([['2010-01-01', '2010-06-30'], ['2013-01-01', '2013-12-31']]);
    for (const e of [...n.effects, ...n.districtEffects]) expect([e.effect, e.significant]).toEqual([0, false]);
    for (const w of n.wdq) expect([w.wdq, w.reason]).toEqual([null, 'no significant treatment effect']);
    const table = run.stdout.slice(run.stdout.indexOf('noop-eupen against short'));
    expect(table).toContain('no significant treatment effect');
    // the baseline column is the scenario's own, row by row, each verdict with the market-volume
    // rule's and the moved share of Belgium's gain beside it
    const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
    for (const v of n.verdicts) {
      const cell = `${v.verdict} \\(volume: ${v.marketVolume.verdict}; moved ${pct(v.carriers.movedShare)}\\)`;
      expect(table).toMatch(new RegExp(`${v.market} +${v.echelon} .*  ${cell} +${cell} `));
    }
  });

  it('finds an effect on the market the policy targets', () => {
    // (That replicates share their random numbers up to the event is tested on whole series in
    // test/integration/model.test.ts; markets are coupled through call centres, police workload and
    // news, so other markets may move too.)
    const cannabisBE = s.effects.filter((x: { market: string; area: string }) => x.market === 'cannabis' && x.area === 'BE');
    expect(cannabisBE.some((e: { effect: number }) => e.effect !== 0)).toBe(true);
  });

  it('isolates the policy: markets it does not act on move by less than 1% of their activity (keyed random numbers)', () => {
    // Short blows on cannabis in one district reach other markets only through the model's real
    // couplings (call centres, police capacity, news, prices), so their effects stay small; before
    // keyed draws they moved by the noise of shifted random sequences.
    type Effect = { market: string; echelon: string; area: string; baseline: number; effect: number };
    type Row = { market: string; echelon: string; actedOn: boolean };
    const untouched = (s.wdq as Row[]).filter((w) => !w.actedOn);
    expect(untouched.map((w) => w.market)).toEqual(['synthetic', 'synthetic', 'cocaine', 'cocaine', 'cocaine']);
    for (const row of untouched) {
      const effects = (s.effects as Effect[]).filter((e) => same(e, row));
      const activity = effects.reduce((sum, e) => sum + e.baseline, 0);
      for (const e of effects) expect(Math.abs(e.effect), `${e.market}/${e.echelon} ${e.area}`).toBeLessThanOrEqual(0.01 * activity);
    }
  });

  it('measures every run on windows given on the command line, and takes a precision', () => {
    const dir = path.join(tmp, 'windows');
    const r = compare(noop, '--reps', '2', '--workers', '2', '--before', '2010-01-01..2011-06-30', '--after', '[2012-07-01, 2013-12-31]', '--precision', '250', '--out', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('windows (from the command line, the same for both runs): before 2010-01-01 … 2011-06-30, after 2012-07-01 … 2013-12-31');
    expect(r.stdout).toContain('±250 kg/month (--precision)');
    const c = JSON.parse(fs.readFileSync(path.join(dir, 'comparison.json'), 'utf8'));
    expect(c.precision).toBe(250);
    const n = c.scenarios[0];
    expect(n.windowsFrom).toBe('command line');
    for (const v of [...n.baselineVerdicts, ...n.verdicts]) expect([v.before, v.after]).toEqual([['2010-01-01', '2011-06-30'], ['2012-07-01', '2013-12-31']]);
    expect(n.pairsNeeded.every((p: { precision: number }) => p.precision === 250)).toBe(true);
  });

  it('refuses bad windows and precisions with a suggestion (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['--before', '2010..2011'], /--before "2010\.\.2011": .*Did you mean 2010-01-01\.\.2011-12-31\?/],
      [['--after', '2012-02-30..2013-12-31'], /"2012-02-30" is not a day of the calendar/],
      [['--after', '2012-01-01..2014-06-30'], /ends \(2014-06-30\) after the run ends \(2013-12-31\)/],
      [['--before', '2010-01-01..2012-06-30', '--after', '2012-01-01..2013-12-31'], /not before --after 2012-01-01\.\.2013-12-31 starts.*e\.g\. --before 2010-01-01\.\.2011-12-31/],
      [['--before', '2010-01-01..2013-02-28'], /with the after window of test\/fixtures\/scenarios\/short\.yaml \(every row\), the before window 2010-01-01\.\.2013-02-28 does not end before the after window 2012-01-01\.\.2013-12-31 starts.*--after 2013-03-01\.\.2013-12-31/],
      [['--precision', '0'], /--precision 0: expected .* above 0/],
    ];
    for (const [args, message] of cases) {
      const bad = path.join(tmp, 'bad-window');
      const r = compare(noop, '--reps', '1', '--out', bad, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(fs.existsSync(bad)).toBe(false);
    }
  });

  it('refuses scenarios with other dates (exit 2)', () => {
    const r = spawnSync(process.execPath, ['bin/waterbed.js', 'compare', 'test/fixtures/scenarios/short.yaml', 'scenarios/baseline.yaml', '--reps', '1', '--out', path.join(tmp, 'bad')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected the same dates');
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
  });
});

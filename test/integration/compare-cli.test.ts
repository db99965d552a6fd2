import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `waterbed compare` through the real CLI: a short scenario against itself plus a policy, with
// common random numbers; the comparison file has the documented shape and unaffected markets show
// exactly no effect.

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
const out = path.join(tmp, 'out');
const run = spawnSync(process.execPath, ['bin/waterbed.js', 'compare', 'test/fixtures/scenarios/short.yaml', policy, '--reps', '3', '--workers', '2', '--out', out], { encoding: 'utf8' });

describe('waterbed compare', () => {
  it('runs and prints a table per scenario', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('short-blows-limburg against short');
    expect(run.stdout).toContain('WDQ');
    expect(run.stdout).toContain('BE Dutch link after');
  });

  const doc = JSON.parse(fs.readFileSync(path.join(out, 'comparison.json'), 'utf8'));
  const s = doc.scenarios[0];

  it('writes the documented fields', () => {
    expect(doc.reps).toBe(3);
    expect(doc.baseline.verdicts).toHaveLength(6);
    expect(s.targetedDistricts).toEqual(['be-limburg']);
    expect(s.areas.treatment).toEqual(['be-limburg']);
    expect(s.areas.buffer).toContain('nl-limburg');
    expect(s.effects).toHaveLength(7 * 2);
    expect(s.districtEffects).toHaveLength(7 * 22);
    expect(s.wdq).toHaveLength(7);
    for (const e of s.effects) {
      expect(e.effect_ci[0]).toBeLessThanOrEqual(e.effect + 1e-9);
      expect(e.effect_ci[1]).toBeGreaterThanOrEqual(e.effect - 1e-9);
      expect(e.effect).toBeCloseTo(e.scenario - e.baseline, 6);
    }
  });

  it('finds an effect on the market the policy targets', () => {
    // (That replicates share their random numbers up to the event is tested on whole series in
    // test/integration/model.test.ts; markets are coupled through call centres, police workload and
    // news, so other markets may move too.)
    const cannabisBE = s.effects.filter((x: { market: string; area: string }) => x.market === 'cannabis' && x.area === 'BE');
    expect(cannabisBE.some((e: { effect: number }) => e.effect !== 0)).toBe(true);
  });

  it('refuses scenarios with other dates (exit 2)', () => {
    const r = spawnSync(process.execPath, ['bin/waterbed.js', 'compare', 'test/fixtures/scenarios/short.yaml', 'scenarios/baseline.yaml', '--reps', '1', '--out', path.join(tmp, 'bad')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected the same dates');
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
  });
});

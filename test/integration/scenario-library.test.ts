import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario';

// Every scenario in scenarios/ validates, `waterbed scenarios` lists it, and docs/SCENARIOS.md names it.

const files = fs.readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
const doc = fs.readFileSync('docs/SCENARIOS.md', 'utf8');
const listing = spawnSync(process.execPath, ['bin/waterbed.js', 'scenarios'], { encoding: 'utf8' });

describe('the scenario library', () => {
  it('has the baseline, the history and its counterfactuals, the recommendations and six what-ifs', () => {
    for (const name of ['baseline', 'dismark-history', 'history-without-i-criterion', 'history-without-stroomplan', 'history-without-undermining', 'recommendations']) {
      expect(files).toContain(`${name}.yaml`);
    }
    expect(files.filter((f) => f.startsWith('whatif-')).length).toBeGreaterThanOrEqual(6);
  });

  it('lists every file with `waterbed scenarios`', () => {
    expect(listing.status).toBe(0);
    for (const f of files) expect(listing.stdout).toContain(`scenarios/${f}`);
  });

  for (const f of files) {
    it(`${f} validates, is named after its file, and is documented`, () => {
      const s = loadScenario(`scenarios/${f}`);
      expect(`${s.name}.yaml`).toBe(f);
      expect(doc).toContain(`\`${s.name}\``);
      expect(doc).toContain(`scenarios/${f}`);
      for (const p of s.policies) expect(p.label, `${f}: every event has a label for reports and 'without'`).toBeTruthy();
    });
  }

  it('drops exactly one event in each counterfactual', () => {
    const history = loadScenario('scenarios/dismark-history.yaml');
    for (const f of files.filter((x) => x.startsWith('history-without-'))) {
      const s = loadScenario(`scenarios/${f}`);
      const label = f.replace('history-without-', '').replace('.yaml', '');
      expect(s.policies.length).toBeLessThan(history.policies.length);
      expect(s.policies.some((p) => p.label === label)).toBe(false);
      expect(s.policies).toEqual(history.policies.filter((p) => p.label !== label));
    }
  });
});

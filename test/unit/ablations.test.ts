import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../sim/io/parameters';
import { projectPath } from '../../sim/io/project';
import { ablate, ablationsOf, DRIVER_ABLATIONS, NO_SETTLING_ABROAD, policyAblations } from '../../sim/metrics/ablations';
import { loadScenario, ScenarioError } from '../../sim/scenario';

// The ablations of `check-history --ablation` (sim/metrics/ablations.ts): each names parameters the
// catalogue has and labels the history has, and switches its driver off as a scenario file would.

const catalog = loadCatalog();
const HISTORY = projectPath('scenarios', 'dismark-history.yaml');
const history = loadScenario(HISTORY);
const historyLabels = new Set(history.policies.map((e) => e.label ?? e.type));
const sets = (set: Record<string, number>) => Object.entries(set).map(([path, value]) => `${path}=${value}`);

describe('the ablations', () => {
  const ablations = ablationsOf(history);

  it('have distinct names and one-line descriptions, and switch something off', () => {
    expect(new Set(ablations.map((a) => a.name)).size).toBe(ablations.length);
    for (const a of ablations) {
      expect(a.description, a.name).toMatch(/^[^\n]{10,}$/);
      expect(Object.keys(a.set).length + a.without.length, a.name).toBeGreaterThan(0);
    }
  });

  it('name only whole parameters of the catalogue, within their range unless the ablation says why', () => {
    for (const a of ablations) {
      const outside = Object.entries(a.set).filter(([path, value]) => {
        const spec = catalog.get(path);
        expect(spec, `${a.name}: ${path}`).toBeDefined();
        return value < spec!.range[0] || value > spec!.range[1];
      });
      // A stated reason with nothing outside the range would be stale.
      expect(outside.length > 0, a.name).toBe(a.beyondRange !== undefined);
    }
  });

  it('drop only labels that dismark-history has, one ablation per distinct label', () => {
    for (const a of ablations) for (const label of a.without) expect(historyLabels, a.name).toContain(label);
    expect(policyAblations(history).map((a) => a.name)).toEqual([...historyLabels].map((l) => `without-${l}`));
  });

  it('cover every market of the imposed growth and every kind that chooses where to settle', () => {
    const byName = new Map(DRIVER_ABLATIONS.map((a) => [a.name, a]));
    const paths = [...catalog.keys()];
    const growth = Object.keys(byName.get('imposed-growth')!.set);
    for (const path of paths.filter((p) => p.startsWith('prices.exportGrowthPerYear.'))) expect(growth).toContain(path);
    const expansion = byName.get('dutch-expansion')!.set;
    for (const path of paths.filter((p) => p.endsWith('.location.foreignPenalty'))) expect(expansion[path], path).toBe(NO_SETTLING_ABROAD);
  });

  it('give the parameters that --set gives, and the policies of the history-without-* scenarios', () => {
    for (const a of ablations) {
      const ablated = ablate(history, a, catalog);
      if (a.beyondRange) {
        // Out of range: the scenario loader refuses it, which is why the ablation says so.
        expect(() => loadScenario(HISTORY, { sets: sets(a.set) }), a.name).toThrow(ScenarioError);
      } else {
        expect(ablated.parameters, a.name).toEqual(loadScenario(HISTORY, { sets: sets(a.set) }).parameters);
      }
      for (const [path, value] of Object.entries(a.set)) expect(ablated.parameters[path], `${a.name}: ${path}`).toBe(value);
      const counterfactual = projectPath('scenarios', `history-${a.name}.yaml`);
      if (fs.existsSync(counterfactual)) expect(ablated.policies, a.name).toEqual(loadScenario(counterfactual).policies);
      expect(ablated.policies.length, a.name).toBe(history.policies.filter((e) => !a.without.includes(e.label ?? e.type)).length);
      expect(ablated.analysis).toBe(history.analysis);
    }
    // The history itself is left as it was.
    expect(history).toEqual(loadScenario(HISTORY));
  });
});

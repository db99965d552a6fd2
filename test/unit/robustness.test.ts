import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import { defaultParameters, parseCatalog } from '../../sim/params/catalog';
import { robustnessPoints } from '../../sim/metrics/historyCheck';
import { perturb, uncertainEventNumbers, uncertainParameters } from '../../sim/metrics/robustness';
import { loadScenario } from '../../sim/scenario/load';

// Robustness points vary each uncertain parameter over what is plausible for it: ±spread around an
// assumed value, the posterior interval of a calibrated one (unless the scenario set it otherwise).

const catalog = loadCatalog();
const base = defaultParameters(catalog, loadWorld().ids);
const specs = uncertainParameters(catalog);
const calibrated = specs.filter((s) => s.posterior);
const assumed = specs.filter((s) => !s.posterior && !s.perDistrict && (base[s.path] as number) > 0 && !s.integer);

describe('robustness points', () => {
  it('every calibrated parameter has a posterior interval inside its range, and is uncertain', () => {
    const withPosterior = [...catalog.values()].filter((s) => s.posterior);
    expect(withPosterior.length).toBeGreaterThanOrEqual(10);
    for (const s of withPosterior) {
      expect(s.uncertain, s.path).toBe(true);
      expect(s.source, s.path).toMatch(/^calibrated: /);
      expect(s.posterior![0]).toBeGreaterThanOrEqual(s.range[0]);
      expect(s.posterior![1]).toBeLessThanOrEqual(s.range[1]);
    }
  });

  it('take a calibrated parameter across its posterior interval, an assumed one across ±spread of its default', () => {
    for (const u of [0, 0.5, 1]) {
      const point = specs.map(() => u);
      const at = perturb(base, specs, point, 0.25);
      for (const s of calibrated) expect(at[s.path], s.path).toBeCloseTo(s.posterior![0] + u * (s.posterior![1] - s.posterior![0]), 12);
      for (const s of assumed) {
        const want = Math.min(s.range[1], Math.max(s.range[0], (base[s.path] as number) * (1 + 0.25 * (2 * u - 1))));
        expect(at[s.path], s.path).toBeCloseTo(want, 12);
      }
    }
  });

  it('keep ±spread around a calibrated parameter the scenario set to a value of its own', () => {
    const spec = calibrated.find((s) => s.path === 'prices.entryResponse')!;
    expect(spec).toBeDefined();
    const own = { ...base, [spec.path]: 1 };
    const at = perturb(own, specs, specs.map(() => 1), 0.25);
    expect(at[spec.path]).toBeCloseTo(1.25, 12);
  });

  it('refuse a posterior that is not a [low, high] interval, naming the parameter', () => {
    const leaf = (posterior: unknown) => ({ a: { b: { value: 1, unit: 'u', range: [0, 2], source: 'calibrated: t', posterior } } });
    expect(parseCatalog(leaf([0.5, 1.5]), 'p.yaml').get('a.b')!.posterior).toEqual([0.5, 1.5]);
    for (const bad of [[1.5, 0.5], [0.5], 'x', [0, 'y']]) expect(() => parseCatalog(leaf(bad), 'p.yaml')).toThrow('p.yaml: a.b.posterior must be a [low, high] interval of numbers');
  });

  it("take the history's calibrated police events across their posterior intervals, and no other event number", () => {
    const history = loadScenario('scenarios/dismark-history.yaml');
    const numbers = uncertainEventNumbers(history.policies);
    expect(numbers.map(([i, name]) => `${history.policies[i].label}.${name}`).sort()).toEqual([
      'be-cultivation-nvp.factor',
      'be-cultivation-pre-nvp.factor',
      'be-cultivation-registration.share',
      'nl-cultivation-capacity.changePerYear',
      'nl-cultivation-pre-2005.factor',
      'nl-synthetic-capacity.changePerYear',
    ]);
    const points = robustnessPoints(history, catalog, 30, 1);
    for (const [i, name, [low, high]] of numbers) {
      const values = points.map((p) => p.policies[i].parameters[name] as number);
      for (const v of values) {
        expect(v).toBeGreaterThanOrEqual(low);
        expect(v).toBeLessThanOrEqual(high);
      }
      // a Latin hypercube of 30 points has one in each thirtieth of the interval
      expect(Math.min(...values)).toBeLessThan(low + (high - low) / 30);
      expect(Math.max(...values)).toBeGreaterThan(high - (high - low) / 30);
    }
    for (const p of points) {
      p.policies.forEach((event, i) => {
        for (const [name, value] of Object.entries(event.parameters)) {
          if (!numbers.some(([j, n]) => j === i && n === name)) expect(value, `${event.label}.${name}`).toBe(history.policies[i].parameters[name]);
        }
      });
      expect(p.policies[0]).not.toBe(history.policies[0]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { buildModel } from '../../sim/engine/model';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';

// The parameter catalogue (sim/params/parameters.yaml) is the model's documentation of its numbers:
// every entry needs a unit, a source and a plausible range holding its default, and every entry must
// be read by the model (a parameter nothing reads is a setting that silently does nothing).

const catalog = loadCatalog();
const world = loadWorld();
const specs = [...catalog.values()];

describe('parameter catalogue', () => {
  it('is not empty', () => {
    expect(specs.length).toBeGreaterThan(50);
  });

  it('every parameter has a unit, a source and a description', () => {
    const missing = specs.flatMap((s) => [
      ...(s.unit.trim() ? [] : [`${s.path}: no unit`]),
      ...(s.source.trim() ? [] : [`${s.path}: no source`]),
      ...(s.description.trim() ? [] : [`${s.path}: no description`]),
    ]);
    expect(missing).toEqual([]);
  });

  it('every range is [low, high] with low ≤ default ≤ high, per-district values included', () => {
    const bad: string[] = [];
    for (const s of specs) {
      const [low, high] = s.range;
      if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) bad.push(`${s.path}: range [${low}, ${high}]`);
      if (!Number.isFinite(s.value) || s.value < low || s.value > high) bad.push(`${s.path}: default ${s.value} outside [${low}, ${high}]`);
      for (const [district, v] of Object.entries(s.districts ?? {})) {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < low || v > high) bad.push(`${s.path}.${district}: ${v} outside [${low}, ${high}]`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('per-district values name known districts, and integer parameters hold integers', () => {
    const bad: string[] = [];
    for (const s of specs) {
      for (const district of Object.keys(s.districts ?? {})) if (!world.ids.includes(district)) bad.push(`${s.path}: unknown district ${district}`);
      if (s.integer) {
        if (!Number.isInteger(s.value)) bad.push(`${s.path}: default ${s.value} is not an integer`);
        for (const [district, v] of Object.entries(s.districts ?? {})) if (!Number.isInteger(v)) bad.push(`${s.path}.${district}: ${v} is not an integer`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every parameter is read by the model', () => {
    const model = buildModel(loadScenario('scenarios/baseline.yaml'), world, 1, 0);
    const unused = specs.map((s) => s.path).filter((p) => !model.parameters.used.has(p));
    expect(unused, `catalogued parameters the model never reads:\n${unused.join('\n')}`).toEqual([]);
    // and the model reads nothing the catalogue does not define
    const unknown = [...model.parameters.used].filter((p) => !catalog.has(p));
    expect(unknown).toEqual([]);
  });
});

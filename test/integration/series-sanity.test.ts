import { describe, expect, it } from 'vitest';
import { simulateReplicate } from '../../sim/engine/simulate';
import { loadWorld } from '../../sim/io/worldData';
import { METRICS } from '../../sim/metrics/series';
import { loadScenario } from '../../sim/scenario';

// Every recorded number of a full-length baseline replicate is finite and non-negative, every
// actor kind is active, and police find something in every market: a guard against a mechanism
// silently producing NaN (e.g. an index past a parameter list) or dying out.

describe('a baseline replicate', () => {
  const scenario = loadScenario('scenarios/baseline.yaml');
  const out = simulateReplicate(scenario, loadWorld(), 3, 0);
  const { keys, values, months } = out.series;

  it('records only finite, non-negative values', () => {
    let bad = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]) || values[i] < 0) bad++;
    expect(bad).toBe(0);
  });

  it('keeps every market × echelon active and observed', () => {
    const total = (market: string, echelon: string, metric: string) => {
      let sum = 0;
      keys.forEach((k, i) => {
        if (k.market === market && k.echelon === echelon && k.metric === metric && !k.channel && !k.buyer && !k.origin && !k.size) {
          for (let m = 0; m < months.length; m++) sum += values[i * months.length + m];
        }
      });
      return sum;
    };
    for (const [market, echelon] of [
      ['cannabis', 'production'],
      ['cannabis', 'retail'],
      ['synthetic', 'production'],
      ['synthetic', 'retail'],
      ['cocaine', 'import'],
      ['cocaine', 'middle'],
      ['cocaine', 'retail'],
    ]) {
      expect(total(market, echelon, 'volume_kg'), `${market}/${echelon} volume`).toBeGreaterThan(0);
      expect(total(market, echelon, 'arrests'), `${market}/${echelon} arrests`).toBeGreaterThan(0);
    }
    expect(total('synthetic', 'production', 'dump_sites_found')).toBeGreaterThan(0);
  });

  it('has each key once (one row per key and month in the series)', () => {
    const seen = new Set(keys.map((k) => [k.district, k.market, k.echelon, k.channel, k.buyer, k.origin, k.size, k.metric].join('|')));
    expect(seen.size).toBe(keys.length);
  });

  it('uses only documented metrics', () => {
    const names = new Set(METRICS.map((m) => m.name));
    for (const k of keys) expect(names.has(k.metric)).toBe(true);
  });
});

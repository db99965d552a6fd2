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

  it('keeps the parts the study\'s indicators read within their totals', () => {
    const M = months.length;
    const index = new Map(keys.map((k, i) => [[k.district, k.market, k.echelon, k.channel, k.buyer, k.origin, k.size, k.metric].join('|'), i]));
    /** a key's monthly values (zeros when it is not registered) */
    const at = (district: string, market: string, echelon: string, metric: string, b: { channel?: string; buyer?: string } = {}) => {
      const i = index.get([district, market, echelon, b.channel ?? '', b.buyer ?? '', '', '', metric].join('|'));
      return i === undefined ? new Float64Array(M) : values.subarray(i * M, (i + 1) * M);
    };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    const districts = loadWorld().ids;
    const seen = { dutchRun: 0, supplied: 0, dutchRunKg: 0, soldInNL: 0, knowhow: 0 };
    for (const d of districts) {
      const belgian = d.startsWith('be-');
      for (const market of ['cannabis', 'synthetic']) {
        const active = at(d, market, 'production', 'active_sites');
        const dutchRun = at(d, market, 'production', 'dutch_run_sites');
        const supplied = at(d, market, 'production', 'supplied_from_nl_sites');
        const knowhow = at(d, market, 'production', 'knowhow');
        for (let m = 0; m < M; m++) {
          expect(dutchRun[m] <= active[m] * (1 + 1e-9), `${d} ${market} dutch_run_sites`).toBe(true);
          expect(supplied[m] <= active[m] * (1 + 1e-9), `${d} ${market} supplied_from_nl_sites`).toBe(true);
          expect(knowhow[m] <= 1, `${d} ${market} knowhow`).toBe(true);
          if (!belgian) expect(knowhow[m]).toBe(0);
          seen.dutchRun += dutchRun[m];
          seen.supplied += supplied[m];
          seen.knowhow += knowhow[m];
        }
      }
      // where a harvest was sold, and whose brokers took the imported cocaine, add up to the total
      for (const [market, echelon] of [['cannabis', 'production'], ['cocaine', 'import']]) {
        const total = at(d, market, echelon, 'volume_kg');
        const be = at(d, market, echelon, 'volume_kg', { buyer: 'BE' });
        const nl = at(d, market, echelon, 'volume_kg', { buyer: 'NL' });
        for (let m = 0; m < M; m++) expect(close(be[m] + nl[m], total[m]), `${d} ${market}/${echelon} by buyer, month ${months[m]}`).toBe(true);
        if (market === 'cannabis') seen.soldInNL += nl.reduce((a, v) => a + v, 0);
      }
      const within = (part: Float64Array, whole: Float64Array, what: string) => {
        for (let m = 0; m < M; m++) expect(part[m] <= whole[m] * (1 + 1e-9), `${d} ${what}, month ${months[m]}`).toBe(true);
        seen.dutchRunKg += part.reduce((a, v) => a + v, 0);
      };
      within(at(d, 'cocaine', 'import', 'dutch_run_kg'), at(d, 'cocaine', 'import', 'volume_kg'), 'cocaine import dutch_run_kg');
      within(at(d, 'cocaine', 'middle', 'dutch_run_kg'), at(d, 'cocaine', 'middle', 'volume_kg'), 'cocaine middle dutch_run_kg');
      for (const [market, channels] of [['cannabis', ['dealer', 'courier']], ['synthetic', ['dealer', 'courier', 'mail']], ['cocaine', ['dealer', 'courier']]] as const) {
        for (const channel of channels) {
          const part = at(d, market, 'retail', 'dutch_run_kg', { channel });
          if (!belgian && channel !== 'mail') expect(index.has([d, market, 'retail', channel, '', '', '', 'dutch_run_kg'].join('|'))).toBe(false);
          within(part, at(d, market, 'retail', 'volume_kg', { channel }), `${market} ${channel} dutch_run_kg`);
        }
      }
    }
    for (const [what, sum] of Object.entries(seen)) expect(sum, what).toBeGreaterThan(0);
  });

  it('records the plantations police dismantle by size, adding up to their total, and no other kind by size', () => {
    const M = months.length;
    const sum = (pick: (k: (typeof keys)[number]) => boolean) => {
      const total = new Float64Array(M);
      keys.forEach((k, i) => {
        if (pick(k)) for (let m = 0; m < M; m++) total[m] += values[i * M + m];
      });
      return total;
    };
    const dismantled = (k: (typeof keys)[number]) => k.market === 'cannabis' && k.echelon === 'production' && k.metric === 'dismantled_sites' && !k.channel && !k.buyer && !k.origin;
    const total = sum((k) => dismantled(k) && !k.size);
    const bySize = sum((k) => dismantled(k) && k.size !== '');
    for (let m = 0; m < M; m++) expect(Math.abs(bySize[m] - total[m]) <= 1e-9 * Math.max(1, total[m]), `month ${months[m]}`).toBe(true);
    expect(total.reduce((a, v) => a + v, 0)).toBeGreaterThan(0);
    expect(new Set(keys.filter((k) => dismantled(k) && k.size).map((k) => k.size))).toEqual(new Set(['small', 'medium', 'large', 'industrial']));
    expect(keys.some((k) => k.metric === 'dismantled_sites' && k.size && k.market !== 'cannabis')).toBe(false);
  });

  it('uses only documented metrics', () => {
    const names = new Set(METRICS.map((m) => m.name));
    for (const k of keys) expect(names.has(k.metric)).toBe(true);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { Calendar, type ResolvedScenario } from '../../sim/core';
import { simulateReplicate } from '../../sim/engine/simulate';
import { loadWorld } from '../../sim/io/worldData';
import { isTotal, type ReplicateSeries, type SeriesKey } from '../../sim/metrics/series';
import { loadScenario } from '../../sim/scenario';

// Whole replicates of a short scenario (2010-2013, half the agents): reproducibility, sane values,
// and the I-criterion mechanism under common random numbers.

const FIXTURES = 'test/fixtures/scenarios';
const world = loadWorld();

let short: ResolvedScenario;
let icrit: ResolvedScenario;
let a: ReplicateSeries; // short, seed 11
let again: ReplicateSeries; // short, seed 11, a second time
let other: ReplicateSeries; // short, seed 12
let withI: ReplicateSeries; // short + I-criterion from 2011-01-01, seed 11

beforeAll(() => {
  short = loadScenario(`${FIXTURES}/short.yaml`);
  icrit = loadScenario(`${FIXTURES}/short-icriterion.yaml`);
  a = simulateReplicate(short, world, 11, 0).series;
  again = simulateReplicate(short, world, 11, 0).series;
  other = simulateReplicate(short, world, 12, 0).series;
  withI = simulateReplicate(icrit, world, 11, 0).series;
});

const bytes = (v: Float64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** Sum over the keys matching `pick`, per month. */
function monthly(s: ReplicateSeries, pick: (k: SeriesKey) => boolean): Float64Array {
  const M = s.months.length;
  const out = new Float64Array(M);
  s.keys.forEach((k, i) => {
    if (pick(k)) for (let m = 0; m < M; m++) out[m] += s.values[i * M + m];
  });
  return out;
}

describe('the short fixture scenario', () => {
  it('is the baseline over 2010-2013 with windows inside the run', () => {
    expect(short.start).toBe('2010-01-01');
    expect(short.end).toBe('2013-12-31');
    expect(short.policies).toEqual([]);
    for (const w of Object.values(short.analysis)) {
      expect(w.before[0] >= short.start && w.after[1] <= short.end).toBe(true);
    }
    expect(icrit.policies).toHaveLength(1);
    expect(icrit.policies[0]).toMatchObject({ type: 'i-criterion', start: '2011-01-01', parameters: { share: 1 } });
    expect(new Set(icrit.policies[0].districts)).toEqual(new Set(world.ids.filter((_, k) => world.country[k] === 1)));
  });

  it('records one value per key and month over the run', () => {
    expect(a.months).toEqual(new Calendar(short.start, short.end).months);
    expect(a.months[0]).toBe('2010-01');
    expect(a.months[a.months.length - 1]).toBe('2013-12');
    expect(a.values.length).toBe(a.keys.length * a.months.length);
    expect(a.keys.length).toBeGreaterThan(0);
  });
});

describe('reproducibility', () => {
  it('the same seed gives identical values, bit for bit', () => {
    expect(again.months).toEqual(a.months);
    expect(again.keys).toEqual(a.keys);
    expect(bytes(again.values).equals(bytes(a.values))).toBe(true);
  });

  it('a different seed gives different values (same layout)', () => {
    expect(other.keys).toEqual(a.keys);
    let differ = 0;
    for (let i = 0; i < a.values.length; i++) if (a.values[i] !== other.values[i]) differ++;
    // most non-zero cells differ; stochastic series never coincide by chance
    expect(differ).toBeGreaterThan(a.values.length / 10);
  });
});

describe('values are plausible', () => {
  it('every value is finite and non-negative', () => {
    const bad: string[] = [];
    const M = a.months.length;
    a.keys.forEach((k, i) => {
      for (let m = 0; m < M; m++) {
        const v = a.values[i * M + m];
        if (!Number.isFinite(v) || v < 0) bad.push(`${k.district} ${k.market}/${k.echelon} ${k.metric} ${a.months[m]}: ${v}`);
      }
    });
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('active_sites totals are non-negative and present for every table echelon', () => {
    const totals = monthly(a, (k) => k.metric === 'active_sites' && isTotal(k));
    for (const v of totals) expect(v).toBeGreaterThan(0);
    for (const [market, echelon] of [
      ['cannabis', 'production'],
      ['cannabis', 'retail'],
      ['synthetic', 'production'],
      ['synthetic', 'retail'],
      ['cocaine', 'middle'],
      ['cocaine', 'retail'],
    ]) {
      const row = monthly(a, (k) => k.metric === 'active_sites' && isTotal(k) && k.market === market && k.echelon === echelon);
      expect(row.every((v) => v >= 0), `${market}/${echelon}`).toBe(true);
      expect(row.some((v) => v > 0), `${market}/${echelon}`).toBe(true);
    }
  });

  it('breakdowns by origin add up to the active_sites total; dutch_link_sites ≤ active_sites', () => {
    const M = a.months.length;
    const index = new Map(a.keys.map((k, i) => [`${k.district}|${k.market}|${k.echelon}|${k.channel}|${k.buyer}|${k.origin}|${k.size}|${k.metric}`, i]));
    const at = (k: SeriesKey, patch: Partial<SeriesKey>) => {
      const q = { ...k, ...patch };
      return index.get(`${q.district}|${q.market}|${q.echelon}|${q.channel}|${q.buyer}|${q.origin}|${q.size}|${q.metric}`);
    };
    let checked = 0;
    a.keys.forEach((k, i) => {
      if (k.metric !== 'active_sites' || !isTotal(k)) return;
      const be = at(k, { origin: 'BE' });
      const nl = at(k, { origin: 'NL' });
      const link = at(k, { metric: 'dutch_link_sites' });
      for (let m = 0; m < M; m++) {
        const total = a.values[i * M + m];
        const tol = 1e-9 * Math.max(1, total);
        if (be !== undefined && nl !== undefined) {
          expect(Math.abs(a.values[be * M + m] + a.values[nl * M + m] - total), `${k.district} ${k.market}/${k.echelon} ${a.months[m]}`).toBeLessThan(tol);
          checked++;
        }
        if (link !== undefined) expect(a.values[link * M + m]).toBeLessThanOrEqual(total + tol);
      }
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('observed dismantled_sites are ≥ 0 and no more than the sites there were to find', () => {
    const calendar = new Calendar(short.start, short.end);
    const ticksInMonth = new Float64Array(a.months.length);
    for (let t = 0; t < calendar.ticks; t++) ticksInMonth[calendar.monthOfTick[t]]++;
    const M = a.months.length;
    const rows = new Map<string, { dismantled: number; siteWeeks: number; entries: number }>();
    a.keys.forEach((k, i) => {
      if (!isTotal(k)) return;
      const row = `${k.market}/${k.echelon}`;
      const r = rows.get(row) ?? { dismantled: 0, siteWeeks: 0, entries: 0 };
      rows.set(row, r);
      for (let m = 0; m < M; m++) {
        const v = a.values[i * M + m];
        if (k.metric === 'dismantled_sites') {
          expect(v, `${k.district} ${row} ${a.months[m]}`).toBeGreaterThanOrEqual(0);
          r.dismantled += v;
        } else if (k.metric === 'active_sites') r.siteWeeks += v * ticksInMonth[m];
        else if (k.metric === 'entries') r.entries += v;
      }
    });
    let found = 0;
    for (const [row, r] of rows) {
      // a site is found at most once a week while it exists: over the run, dismantled ≤ site-weeks + entries
      expect(r.dismantled, row).toBeLessThanOrEqual(r.siteWeeks + r.entries);
      found += r.dismantled;
    }
    expect(found).toBeGreaterThan(0); // police find something in four years
  });
});

describe('the I-criterion (common random numbers)', () => {
  const isNL = (k: SeriesKey) => k.country === 'NL';
  // Belgian buyers' cannabis purchases recorded in Dutch districts. The recorder breaks retail down by
  // channel and by buyer separately (no channel × buyer key); a Belgian cohort's purchases land in a
  // Dutch district only through the shop channel (dealers and couriers sell in the buyer's district),
  // so these are Belgian buyers' coffee-shop purchases.
  const beBuyersInNL = (metric: string) => (k: SeriesKey) => k.market === 'cannabis' && k.echelon === 'retail' && k.buyer === 'BE' && isNL(k) && k.metric === metric;
  const coffeeShopsInNL = (metric: string) => (k: SeriesKey) => k.market === 'cannabis' && k.echelon === 'retail' && k.channel === 'coffee-shop' && isNL(k) && k.metric === metric;

  it('the two runs are identical before the event date', () => {
    expect(withI.keys).toEqual(a.keys);
    expect(withI.months).toEqual(a.months);
    const eventMonth = a.months.indexOf('2011-01');
    expect(eventMonth).toBe(12);
    const M = a.months.length;
    const diffs: string[] = [];
    a.keys.forEach((k, i) => {
      for (let m = 0; m < eventMonth; m++) {
        if (!Object.is(a.values[i * M + m], withI.values[i * M + m])) diffs.push(`${k.district} ${k.market}/${k.echelon} ${k.metric} ${a.months[m]}`);
      }
    });
    expect(diffs.slice(0, 20)).toEqual([]);
    // and the event does change the run from its start
    let after = 0;
    for (let i = 0; i < a.keys.length; i++) for (let m = eventMonth; m < M; m++) if (a.values[i * M + m] !== withI.values[i * M + m]) after++;
    expect(after).toBeGreaterThan(0);
  });

  it('Belgian buyers’ coffee-shop purchases in the Netherlands are shop purchases (≤ the coffee-shop channel)', () => {
    for (const metric of ['volume_kg', 'transactions']) {
      const be = monthly(a, beBuyersInNL(metric));
      const shops = monthly(a, coffeeShopsInNL(metric));
      for (let m = 0; m < be.length; m++) expect(be[m]).toBeLessThanOrEqual(shops[m] * (1 + 1e-9));
    }
  });

  it('Belgian buyers’ coffee-shop purchases in NL drop to ~0 a few months after the start', () => {
    const start = a.months.indexOf('2011-01');
    const settled = a.months.indexOf('2011-04');
    for (const metric of ['volume_kg', 'transactions']) {
      const base = monthly(a, beBuyersInNL(metric));
      const closed = monthly(withI, beBuyersInNL(metric));
      // before: the same, and Belgians do buy in Dutch coffee shops
      for (let m = 0; m < start; m++) {
        expect(closed[m]).toBe(base[m]);
        expect(base[m]).toBeGreaterThan(0);
      }
      // after a few months: practically nothing, while the run without the event goes on buying
      for (let m = settled; m < a.months.length; m++) {
        expect(base[m], `${metric} ${a.months[m]} without the event`).toBeGreaterThan(0);
        expect(closed[m], `${metric} ${a.months[m]}`).toBeLessThanOrEqual(0.01 * base[m]);
      }
    }
  });

  it('the Belgian buyers turn to the Belgian retail market instead', () => {
    const inBE = (k: SeriesKey) => k.market === 'cannabis' && k.echelon === 'retail' && k.country === 'BE' && isTotal(k) && k.metric === 'volume_kg';
    const base = monthly(a, inBE);
    const closed = monthly(withI, inBE);
    const settled = a.months.indexOf('2011-04');
    for (let m = settled; m < a.months.length; m++) expect(closed[m], a.months[m]).toBeGreaterThan(base[m]);
    // Dutch residents keep buying in their coffee shops
    const nlResidents = (k: SeriesKey) => k.market === 'cannabis' && k.echelon === 'retail' && k.buyer === 'NL' && k.metric === 'volume_kg';
    const nlClosed = monthly(withI, nlResidents);
    for (let m = settled; m < a.months.length; m++) expect(nlClosed[m]).toBeGreaterThan(0);
  });
});

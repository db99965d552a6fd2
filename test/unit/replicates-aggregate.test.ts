import { describe, expect, it } from 'vitest';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';
import { COUNTRY_TOTAL, SERIES_COLUMNS, seriesByKey, seriesRows } from '../../sim/metrics/aggregate';
import { meanInterval } from '../../sim/metrics/replicates';

const KEYS: SeriesKey[] = [
  { district: 'be-antwerpen', country: 'BE', market: 'cocaine', echelon: 'import', channel: 'port', buyer: '', origin: 'NL', size: '', metric: 'volume_kg' },
  { district: 'nl-limburg', country: 'NL', market: 'cannabis', echelon: 'production', channel: '', buyer: '', origin: '', size: 'large', metric: 'active_sites' },
];
const MONTHS = ['2012-01', '2012-02', '2012-03'];

function replicate(offset: number): ReplicateSeries {
  return { months: [...MONTHS], keys: KEYS.map((k) => ({ ...k })), values: Float64Array.from({ length: 6 }, (_, i) => i * 10 + offset), flows: { years: [], districts: [], values: new Float64Array(0) } };
}

describe('seriesRows', () => {
  it('yields one row per key and month, key order then month order, then the country totals', () => {
    const rows = [...seriesRows([replicate(0), replicate(2), replicate(4)])];
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => `${r.district || r.country}/${r.date}`)).toEqual([
      'be-antwerpen/2012-01', 'be-antwerpen/2012-02', 'be-antwerpen/2012-03',
      'nl-limburg/2012-01', 'nl-limburg/2012-02', 'nl-limburg/2012-03',
      'BE/2012-01', 'BE/2012-02', 'BE/2012-03',
      'NL/2012-01', 'NL/2012-02', 'NL/2012-03',
    ]);
    expect(rows[4]).toEqual({
      date: '2012-02', district: 'nl-limburg', country: 'NL', market: 'cannabis', echelon: 'production',
      channel: '', buyer: '', origin: '', size: 'large', metric: 'active_sites', ...(({ mean, lo, hi }) => ({ value: mean, lo, hi }))(meanInterval([40, 42, 44])),
    });
    expect(rows[4].value).toBe(42);
    expect(rows[4].lo).toBeLessThan(42);
    expect(Object.keys(rows[0])).toEqual([...SERIES_COLUMNS]);
  });

  it('has lo = hi = value for one replicate', () => {
    const rows = [...seriesRows([replicate(1)])].slice(0, 6);
    expect(rows.map((r) => [r.value, r.lo, r.hi])).toEqual([0, 10, 20, 30, 40, 50].map((v) => [v + 1, v + 1, v + 1]));
  });

  it('refuses replicates with different layouts or none', () => {
    const other = replicate(0);
    other.keys[1] = { ...other.keys[1], size: 'small' };
    expect(() => [...seriesRows([replicate(0), other])]).toThrow(/different series layout/);
    const shorter = replicate(0);
    shorter.months = MONTHS.slice(0, 2);
    expect(() => [...seriesRows([replicate(0), shorter])]).toThrow(/different series layout/);
    expect(() => [...seriesRows([])]).toThrow(/no replicates/);
  });
});

describe('country totals', () => {
  // Two Belgian districts and one Dutch district, a total key and a breakdown key each; the two
  // districts of a replicate move in opposite directions, so the country total varies less than they do.
  const districts = [['be-antwerpen', 'BE'], ['be-limburg', 'BE'], ['nl-limburg', 'NL']] as const;
  const keys: SeriesKey[] = districts.flatMap(([district, country]) => [
    { district, country, market: 'cannabis', echelon: 'retail', channel: '', buyer: '', origin: '', size: '', metric: 'volume_kg' },
    { district, country, market: 'cannabis', echelon: 'retail', channel: 'dealer', buyer: '', origin: '', size: '', metric: 'volume_kg' },
  ]);
  const months = ['2012-01', '2012-02'];
  const replicates: ReplicateSeries[] = [1, 2, 3, 4].map((r) => ({
    months,
    keys,
    values: Float64Array.from({ length: keys.length * 2 }, (_, i) => {
      const k = Math.floor(i / 2), m = i % 2;
      return 10 * k + m + (k < 2 ? r : k < 4 ? -r : 0) * (k % 2 === 0 ? 1 : 2);
    }),
    flows: { years: ['2012'], districts: [], values: new Float64Array(0) },
  }));

  it('follow the district keys, one per country and breakdown, in the order of their first district key', () => {
    const totals = [...seriesByKey(replicates)].slice(keys.length).map((s) => s.key);
    expect(totals).toEqual([
      { ...keys[0], district: COUNTRY_TOTAL },
      { ...keys[1], district: COUNTRY_TOTAL },
      { ...keys[4], district: COUNTRY_TOTAL },
      { ...keys[5], district: COUNTRY_TOTAL },
    ]);
  });

  it('are summed per replicate before the mean and interval: the interval of the country total itself', () => {
    const all = [...seriesByKey(replicates)];
    const be = all[keys.length]; // Belgian total key: be-antwerpen (key 0) + be-limburg (key 2)
    for (let m = 0; m < 2; m++) {
      const perReplicate = replicates.map((r) => r.values[0 * 2 + m] + r.values[2 * 2 + m]);
      const expected = meanInterval(perReplicate);
      expect([be.value[m], be.lo[m], be.hi[m]]).toEqual([expected.mean, expected.lo, expected.hi]);
      // The districts cancel out in every replicate: the total has no spread, unlike either district.
      expect(be.hi[m] - be.lo[m]).toBeLessThan(1e-9);
      expect(all[0].hi[m] - all[0].lo[m]).toBeGreaterThan(1);
    }
    const nl = all[keys.length + 2];
    expect(Array.from(nl.value)).toEqual(Array.from(all[4].value)); // one Dutch district: its own series
  });
});

import { describe, expect, it } from 'vitest';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';
import { SERIES_COLUMNS, seriesRows } from '../../sim/metrics/aggregate';
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
  it('yields one row per key and month, key order then month order', () => {
    const rows = [...seriesRows([replicate(0), replicate(2), replicate(4)])];
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => `${r.district}/${r.date}`)).toEqual([
      'be-antwerpen/2012-01', 'be-antwerpen/2012-02', 'be-antwerpen/2012-03',
      'nl-limburg/2012-01', 'nl-limburg/2012-02', 'nl-limburg/2012-03',
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
    const rows = [...seriesRows([replicate(1)])];
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

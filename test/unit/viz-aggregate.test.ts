import { describe, expect, it } from 'vitest';
import { chooseStep, monthRange, periodMeans, periodOf, periods, periodSums } from '../../viz/months';
import { SeriesTotals, type TotalRow } from '../../viz/totals';

// The report's aggregation: district series and country totals from the total rows, and periods of months.

/** A total row of a district (`be-…`, `nl-…`) or, for district `BE` or `NL`, of that country's total. */
const row = (date: string, district: string, metric: string, value: number, lo = value, hi = value, market = 'cannabis', echelon = 'production'): TotalRow => ({
  date,
  district: /^[A-Z]{2}$/.test(district) ? '' : district,
  country: district.slice(0, 2).toUpperCase(),
  market,
  echelon,
  metric,
  value,
  lo,
  hi,
});

describe('months and periods', () => {
  it('lists months and labels their periods', () => {
    expect(monthRange('2010-11', '2011-02')).toEqual(['2010-11', '2010-12', '2011-01', '2011-02']);
    expect(periodOf('2010-05', 'month')).toBe('2010-05');
    expect(periodOf('2010-05', 'quarter')).toBe('2010 Q2');
    expect(periodOf('2010-12', 'quarter')).toBe('2010 Q4');
    expect(periodOf('2010-05', 'year')).toBe('2010');
  });

  it('groups consecutive months; the first and last periods may be partial', () => {
    const ps = periods(monthRange('2010-02', '2010-07'), 'quarter');
    expect(ps).toEqual([
      { label: '2010 Q1', first: '2010-02', from: 0, to: 2 },
      { label: '2010 Q2', first: '2010-04', from: 2, to: 5 },
      { label: '2010 Q3', first: '2010-07', from: 5, to: 6 },
    ]);
    expect(periodMeans([1, 3, 3, 6, 9, 4], ps)).toEqual([2, 6, 4]);
    expect(periodSums([1, 3, 3, 6, 9, 4], ps)).toEqual([4, 18, 4]);
  });

  it('steps by month while the map data fits the budget, then by quarter, then by year', () => {
    const months = monthRange('1995-01', '2025-12'); // 372 months, 124 quarters, 31 years
    expect(chooseStep(months, 100, 250_000)).toBe('month');
    expect(chooseStep(months, 1500, 250_000)).toBe('quarter');
    expect(chooseStep(months, 5000, 250_000)).toBe('year');
  });
});

describe('SeriesTotals', () => {
  it('keeps district series and the country totals with their own bands, and fills absent keys and months with zeros', () => {
    const t = new SeriesTotals('2010-01');
    t.add(row('2010-01', 'be-antwerpen', 'volume_kg', 10, 8, 12));
    t.add(row('2010-02', 'be-antwerpen', 'volume_kg', 20, 15, 25));
    t.add(row('2010-01', 'be-limburg', 'volume_kg', 1, 0.5, 1.5));
    t.add(row('2010-02', 'be-limburg', 'volume_kg', 2, 1, 3));
    t.add(row('2010-03', 'nl-limburg', 'volume_kg', 5, 4, 6));
    // the country totals' intervals are their own, narrower than the districts' intervals added up
    t.add(row('2010-01', 'BE', 'volume_kg', 11, 10, 12));
    t.add(row('2010-02', 'BE', 'volume_kg', 22, 19, 25));
    t.add(row('2010-03', 'NL', 'volume_kg', 5, 4, 6));
    expect(t.months()).toEqual(['2010-01', '2010-02', '2010-03']);
    expect(t.country('cannabis/production', 'volume_kg', 'BE')).toEqual({ value: [11, 22, 0], lo: [10, 19, 0], hi: [12, 25, 0] });
    expect(t.country('cannabis/production', 'volume_kg', 'NL').value).toEqual([0, 0, 5]);
    expect(t.district('cannabis/production', 'volume_kg', 'be-limburg')).toEqual([1, 2, 0]);
    expect(t.district('cannabis/production', 'volume_kg', 'be-eupen')).toEqual([0, 0, 0]);
    expect(t.hasDistrict('cannabis/production', 'volume_kg', 'be-eupen')).toBe(false);
    expect(t.country('cocaine/import', 'volume_kg', 'BE').value).toEqual([0, 0, 0]);
    expect(t.rows()).toEqual(['cannabis/production']);
    expect(t.districtCountries().get('nl-limburg')).toBe('NL');
    expect([...t.districtCountries().keys()]).toEqual(['be-antwerpen', 'be-limburg', 'nl-limburg']);
  });

  it('takes a country band from the country-total rows only, never from the districts', () => {
    const t = new SeriesTotals('2010-01');
    t.add(row('2010-01', 'be-antwerpen', 'volume_kg', 10, 8, 12));
    expect(t.country('cannabis/production', 'volume_kg', 'BE')).toEqual({ value: [0], lo: [0], hi: [0] });
    expect(t.rows()).toEqual(['cannabis/production']);
  });

  it('adds the two parts of a synthetic retail total (same key twice a month)', () => {
    const t = new SeriesTotals('2010-01');
    t.add(row('2010-01', 'be-antwerpen', 'volume_kg', 3, 2, 4, 'synthetic', 'retail'));
    t.add(row('2010-01', 'be-antwerpen', 'volume_kg', 5, 5, 5, 'synthetic', 'retail'));
    t.add(row('2010-01', 'BE', 'volume_kg', 3, 2, 4, 'synthetic', 'retail'));
    t.add(row('2010-01', 'BE', 'volume_kg', 5, 5, 5, 'synthetic', 'retail'));
    expect(t.district('synthetic/retail', 'volume_kg', 'be-antwerpen')).toEqual([8]);
    expect(t.country('synthetic/retail', 'volume_kg', 'BE')).toEqual({ value: [8], lo: [7], hi: [9] });
  });

  it('leaves NA and infinite values out of sums; a missing interval end counts as the value', () => {
    const t = new SeriesTotals('2010-01');
    t.add(row('2010-01', 'be-antwerpen', 'volume_kg', NaN, NaN, NaN));
    t.add(row('2010-01', 'be-limburg', 'volume_kg', 4, NaN, Infinity));
    t.add(row('2010-01', 'BE', 'volume_kg', 4, NaN, Infinity));
    t.add(row('2010-01', 'NL', 'volume_kg', NaN, NaN, NaN));
    expect(t.district('cannabis/production', 'volume_kg', 'be-antwerpen')).toEqual([0]);
    expect(t.country('cannabis/production', 'volume_kg', 'BE')).toEqual({ value: [4], lo: [4], hi: [4] });
    expect(t.country('cannabis/production', 'volume_kg', 'NL')).toEqual({ value: [0], lo: [0], hi: [0] });
  });

  it('keeps the run’s first months when they are all zero, and rejects earlier months', () => {
    const t = new SeriesTotals('2009-11');
    t.add(row('2010-01', 'be-antwerpen', 'volume_kg', 1));
    expect(t.months()).toEqual(['2009-11', '2009-12', '2010-01']);
    expect(() => t.add(row('2009-10', 'be-antwerpen', 'volume_kg', 1))).toThrow(/before the run's first month/);
  });
});

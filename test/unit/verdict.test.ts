import { describe, expect, it } from 'vitest';
import { TABLE_ROWS, type AnalysisWindows, type Echelon, type Market, type RowKey } from '../../sim/core';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';
import {
  DEFAULT_RULE, VERDICTS, VERDICT_CLASSES, displacementRatio, dutchLinkSites, pooledVerdicts, rowDeltas, summarise, verdictOfDeltas,
} from '../../sim/metrics/verdict';
import { monthsInPeriod } from '../../sim/metrics/windows';

// Synthetic replicates: 2010-01..2013-12, two districts per country. Each table row gets a monthly
// country level before 2012 and another from 2012 on, split equally over the country's districts.
// Breakdown keys, other metrics and observed indicators carry large decoy values the verdict must ignore.

const MONTHS = Array.from({ length: 48 }, (_, i) => `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const WINDOWS: AnalysisWindows = { before: ['2010-01-01', '2011-12-31'], after: ['2012-01-01', '2013-12-31'] };
const ANALYSIS = Object.fromEntries(TABLE_ROWS.map((r) => [`${r.market}/${r.echelon}`, WINDOWS])) as Record<RowKey, AnalysisWindows>;
const DISTRICTS = [
  { district: 'be-antwerpen', country: 'BE' as const },
  { district: 'be-limburg', country: 'BE' as const },
  { district: 'nl-zeeland-west-brabant', country: 'NL' as const },
  { district: 'nl-limburg', country: 'NL' as const },
];

interface Levels { be: [number, number]; nl: [number, number] }

function series(rows: Partial<Record<RowKey, Levels>>): ReplicateSeries {
  const keys: SeriesKey[] = [];
  const cells: number[][] = [];
  const blank = { channel: '', buyer: '' as const, origin: '' as const, size: '' };
  for (const { market, echelon } of TABLE_ROWS) {
    const levels = rows[`${market}/${echelon}`] ?? { be: [0, 0], nl: [0, 0] };
    for (const d of DISTRICTS) {
      const [before, after] = d.country === 'BE' ? levels.be : levels.nl;
      const base = { ...d, market, echelon };
      keys.push({ ...base, ...blank, metric: 'volume_kg' });
      cells.push(MONTHS.map((m) => (m < '2012' ? before : after) / 2));
      keys.push({ ...base, ...blank, size: 'large', metric: 'volume_kg' });
      cells.push(MONTHS.map((_, i) => 1000 * i));
      keys.push({ ...base, ...blank, metric: 'seized_kg' });
      cells.push(MONTHS.map((_, i) => 999 * i));
      keys.push({ ...base, ...blank, metric: 'active_sites' });
      cells.push(MONTHS.map((_, i) => 7 + i));
      // a quarter of the sites Dutch-linked before 2012, three quarters from 2012 (all of them in NL)
      keys.push({ ...base, ...blank, metric: 'dutch_link_sites' });
      cells.push(MONTHS.map((m, i) => (d.country === 'NL' ? 1 : m < '2012' ? 0.25 : 0.75) * (7 + i)));
    }
  }
  return { months: MONTHS, keys, values: Float64Array.from(cells.flat()), flows: { years: [], districts: [], values: new Float64Array(0) } };
}

const row = (rows: ReturnType<typeof summarise>, market: Market, echelon: Echelon) =>
  rows.find((r) => r.market === market && r.echelon === echelon)!;

describe('verdict classes', () => {
  it('are the five documented classes', () => {
    expect(VERDICTS).toEqual(['shift', 'expansion', 'shift-out', 'contraction', 'none']);
    for (const v of VERDICTS) expect(VERDICT_CLASSES[v].length).toBeGreaterThan(10);
    expect(DEFAULT_RULE).toEqual({ minEffect: 0.05, shiftRatio: 0.5 });
  });
});

describe('verdictOfDeltas (one replicate)', () => {
  it('classifies the four directions', () => {
    expect(verdictOfDeltas(50, -50, 200)).toBe('shift');
    expect(verdictOfDeltas(30, 10, 200)).toBe('expansion');
    expect(verdictOfDeltas(30, 0, 200)).toBe('expansion');
    expect(verdictOfDeltas(-50, 50, 200)).toBe('shift-out');
    expect(verdictOfDeltas(-20, -20, 200)).toBe('contraction');
    expect(verdictOfDeltas(-20, 5, 200)).toBe('contraction');
  });

  it('puts D = 0.5 on the moved side', () => {
    expect(displacementRatio(10, -5)).toBe(0.5);
    expect(verdictOfDeltas(10, -5, 100)).toBe('shift');
    expect(verdictOfDeltas(10, -4.999, 100)).toBe('expansion');
    expect(verdictOfDeltas(-10, 5, 100)).toBe('shift-out');
    expect(verdictOfDeltas(-10, 4.999, 100)).toBe('contraction');
  });

  it('needs |ΔBE| ≥ minEffect × Belgian activity before', () => {
    expect(verdictOfDeltas(10, 0, 200)).toBe('expansion'); // exactly 5%
    expect(verdictOfDeltas(9.99, 0, 200)).toBe('none');
    expect(verdictOfDeltas(-9.99, 0, 200)).toBe('none');
    expect(verdictOfDeltas(9.99, 0, 200, { minEffect: 0.01, shiftRatio: 0.5 })).toBe('expansion');
    expect(verdictOfDeltas(10, -6, 200, { minEffect: 0.05, shiftRatio: 0.7 })).toBe('expansion');
  });

  it('gives none and D null when BE does not change, even from nothing', () => {
    expect(verdictOfDeltas(0, -30, 200)).toBe('none');
    expect(verdictOfDeltas(0, 0, 0)).toBe('none');
    expect(displacementRatio(0, -30)).toBeNull();
    expect(verdictOfDeltas(5, 0, 0)).toBe('expansion'); // any growth from an empty market counts
    expect(verdictOfDeltas(Number.NaN, 0, 10)).toBe('none');
  });
});

describe('monthsInPeriod and rowDeltas', () => {
  it('takes a month when its first day is inside the window', () => {
    expect(monthsInPeriod(['2011-12', '2012-01', '2012-02', '2012-03'], ['2012-01-01', '2012-02-29'])).toEqual([1, 2]);
    expect(monthsInPeriod(['2012-01', '2012-02'], ['2012-01-02', '2012-12-31'])).toEqual([1]);
  });

  it('sums total volume over districts, averaged per month, ignoring breakdowns and other metrics', () => {
    const s = series({ 'cannabis/production': { be: [100, 150], nl: [80, 40] } });
    expect(rowDeltas(s, 'cannabis', 'production', WINDOWS)).toEqual({ deltaBE: 50, deltaNL: -40, beBefore: 100 });
    expect(rowDeltas(s, 'cocaine', 'retail', WINDOWS)).toEqual({ deltaBE: 0, deltaNL: 0, beBefore: 0 });
    // unequal windows: 3 months before, 12 after
    const short: AnalysisWindows = { before: ['2011-10-01', '2011-12-31'], after: ['2013-01-01', '2013-12-31'] };
    expect(rowDeltas(s, 'cannabis', 'production', short)).toEqual({ deltaBE: 50, deltaNL: -40, beBefore: 100 });
  });

  it('rejects a window with no month of the run', () => {
    const s = series({});
    expect(() => rowDeltas(s, 'cannabis', 'production', { before: ['1990-01-01', '1990-12-31'], after: WINDOWS.after }))
      .toThrow(/before window 1990-01-01\.\.1990-12-31 contains no month/);
  });
});

describe('dutchLinkSites and dutchLinkBE', () => {
  it('takes the Belgian sites and the Dutch-linked ones per window, and pools their shares over replicates', () => {
    const s = series({});
    // active_sites 7 + i in each of two BE districts: months 0-23 before, 24-47 after
    expect(dutchLinkSites(s, 'cannabis', 'retail', WINDOWS)).toEqual({ sitesBefore: 2 * 18.5, linkedBefore: 0.25 * 2 * 18.5, sitesAfter: 2 * 42.5, linkedAfter: 0.75 * 2 * 42.5 });
    for (const r of summarise([s, s], ANALYSIS)) expect(r.dutchLinkBE).toEqual([0.25, 0.75]);
  });

  it('gives null where Belgium has no sites', () => {
    const s = series({});
    const empty = { ...s, keys: s.keys.map((k) => (k.country === 'BE' ? { ...k, metric: 'other' } : k)) };
    expect(row(summarise([empty], ANALYSIS), 'cocaine', 'retail').dutchLinkBE).toEqual([null, null]);
  });
});

describe('summarise', () => {
  const scenario: Partial<Record<RowKey, Levels>> = {
    'cannabis/production': { be: [100, 100], nl: [100, 80] }, // BE flat
    'cannabis/retail': { be: [100, 80], nl: [100, 80] }, // both fall
    'synthetic/production': { be: [100, 130], nl: [100, 110] }, // both rise
    'synthetic/retail': { be: [100, 150], nl: [100, 50] }, // classic shift
    'cocaine/middle': { be: [100, 50], nl: [100, 150] }, // shift out
    'cocaine/retail': { be: [100, 120], nl: [100, 90] }, // D = 0.5
  };

  it('classifies every TABLE_ROW, in order, with the numbers behind the verdict', () => {
    const rows = summarise([series(scenario)], ANALYSIS);
    expect(rows.map((r) => `${r.market}/${r.echelon}`)).toEqual(TABLE_ROWS.map((r) => `${r.market}/${r.echelon}`));
    expect(rows.map((r) => r.verdict)).toEqual(['none', 'contraction', 'expansion', 'shift', 'shift-out', 'shift']);
    const shift = row(rows, 'synthetic', 'retail');
    expect(shift).toMatchObject({ deltaBE: 50, deltaNL: -50, displacementRatio: 1, beBefore: 100, agreement: 1, replicates: 1 });
    expect(shift.deltaBE_ci).toEqual([50, 50]); // one replicate: no interval, magnitude rule only
    expect(shift.before).toEqual(WINDOWS.before);
    expect(row(rows, 'cocaine', 'retail').displacementRatio).toBe(0.5);
    expect(row(rows, 'synthetic', 'production').displacementRatio).toBeCloseTo(-1 / 3, 12);
  });

  it('gives D null when mean ΔBE is 0', () => {
    const flat = row(summarise([series(scenario)], ANALYSIS), 'cannabis', 'production');
    expect(flat.deltaBE).toBe(0);
    expect(flat.displacementRatio).toBeNull();
    expect(flat.verdict).toBe('none');
  });

  it('says none when the replicates disagree so much that the ΔBE interval includes 0', () => {
    // ΔBE per replicate: +60, −20, +70, −30 → mean 20 ≥ 5% of BE's 100, but the 95% interval spans 0.
    const reps = [60, -20, 70, -30].map((d) => series({ 'cannabis/production': { be: [100, 100 + d], nl: [100, 100 - d] } }));
    const r = row(summarise(reps, ANALYSIS), 'cannabis', 'production');
    expect(r.deltaBE).toBe(20);
    expect(r.deltaBE_ci[0]).toBeLessThan(0);
    expect(r.deltaBE_ci[1]).toBeGreaterThan(0);
    expect(r.verdict).toBe('none');
    expect(r.displacementRatio).toBe(1); // still reported
    expect(r.agreement).toBe(0); // each replicate alone is a shift or shift-out
  });

  it('computes agreement as the share of replicates with the pooled verdict', () => {
    // ΔBE +50 in all; ΔNL −50, −50, −50, +10: mean −35, D = 0.7 → shift; the last replicate alone is an expansion.
    const reps = [-50, -50, -50, 10].map((dn) => series({ 'cannabis/retail': { be: [100, 150], nl: [100, 100 + dn] } }));
    const r = row(summarise(reps, ANALYSIS), 'cannabis', 'retail');
    expect(r.verdict).toBe('shift');
    expect(r.displacementRatio).toBeCloseTo(0.7, 12);
    expect(r.agreement).toBe(0.75);
    expect(r.deltaNL).toBe(-35);
    expect(r.deltaNL_ci[0]).toBeLessThan(-35);
    expect(r.deltaNL_ci[1]).toBeGreaterThan(-35);
    expect(r.replicates).toBe(4);
    // rows without activity: none everywhere, full agreement
    expect(row(summarise(reps, ANALYSIS), 'cocaine', 'middle')).toMatchObject({ verdict: 'none', agreement: 1, displacementRatio: null });
  });

  it('keeps a significant, consistent change over noisy replicates', () => {
    const reps = [48, 52, 50, 49, 51].map((d) => series({ 'synthetic/production': { be: [100, 100 + d], nl: [100, 100 + d / 5] } }));
    const r = row(summarise(reps, ANALYSIS), 'synthetic', 'production');
    expect(r.verdict).toBe('expansion');
    expect(r.deltaBE_ci[0]).toBeGreaterThan(0);
    expect(r.agreement).toBe(1);
  });

  it('uses the rule it is given', () => {
    // Belgium's own activity is the scale: 4 < 5% of BE's 100, however large NL is beside it
    const reps = [series({ 'cannabis/retail': { be: [100, 104], nl: [1000, 996] } })];
    expect(row(summarise(reps, ANALYSIS), 'cannabis', 'retail').verdict).toBe('none');
    expect(row(summarise(reps, ANALYSIS, { minEffect: 0.02, shiftRatio: 0.5 }), 'cannabis', 'retail').verdict).toBe('shift');
  });

  it('rejects no replicates and missing windows', () => {
    expect(() => summarise([], ANALYSIS)).toThrow(/no replicates/);
    const partial = { ...ANALYSIS } as Partial<Record<RowKey, AnalysisWindows>>;
    delete partial['cocaine/retail'];
    expect(() => summarise([series({})], partial as Record<RowKey, AnalysisWindows>)).toThrow(/cocaine\/retail/);
  });
});

describe('pooledVerdicts', () => {
  // two replicates that agree on a Belgian gain of 100 ± 60: too few for a t interval to exclude 0
  const rows = [40, 160].map((deltaBE) => ({ deltas: { deltaBE, deltaNL: -deltaBE, beBefore: 1000 }, carriers: null, verdict: 'shift' as const, marketVolume: 'shift' as const }));
  it('needs the ΔBE interval to exclude 0 for a row of summary.json, and judges a robustness point on its means alone', () => {
    expect(pooledVerdicts(rows).verdict).toBe('none');
    expect(pooledVerdicts(rows, DEFAULT_RULE, false).verdict).toBe('shift');
  });
});

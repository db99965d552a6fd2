import { describe, expect, it } from 'vitest';
import { MARKET_ECHELONS, type AnalysisWindows, type Period, type PolicyEvent, type ResolvedScenario, type RowKey } from '../../sim/core';
import { loadWorld } from '../../sim/io/worldData';
import { compareScenario, DEFAULT_PRECISION_SHARE, WDQ_REASONS, wdqAreas, weightedDisplacementQuotient } from '../../sim/metrics/compare';
import { replicatesForPrecision, tQuantile975 } from '../../sim/metrics/replicates';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';
import { summarise } from '../../sim/metrics/verdict';
import { comparisonWindows, overlappingRows, rowWindows, windowGroups } from '../../sim/metrics/windows';
import { ROW_KEYS } from '../../sim/scenario';

const world = loadWorld();

describe('Weighted Displacement Quotient', () => {
  it('is negative when the buffer gains what the treatment area loses (displacement)', () => {
    const r = weightedDisplacementQuotient({ A: 100, B: 100, C: 100 }, { A: 50, B: 150, C: 100 });
    expect(r.successMeasure).toBeCloseTo(-0.5);
    expect(r.bufferMeasure).toBeCloseTo(0.5);
    expect(r.wdq).toBeCloseTo(-1);
  });

  it('is positive when the buffer falls too (diffusion of benefits)', () => {
    const r = weightedDisplacementQuotient({ A: 100, B: 100, C: 100 }, { A: 50, B: 80, C: 100 });
    expect(r.bufferMeasure).toBeCloseTo(-0.2);
    expect(r.wdq).toBeCloseTo(0.4);
  });

  it('controls for a general trend through the control area', () => {
    // everything doubles: no success, no displacement
    const r = weightedDisplacementQuotient({ A: 100, B: 100, C: 100 }, { A: 200, B: 200, C: 200 });
    expect(r.successMeasure).toBeCloseTo(0);
    expect(r.wdq).toBeNull();
  });

  it('is undefined without control activity', () => {
    expect(weightedDisplacementQuotient({ A: 1, B: 1, C: 0 }, { A: 1, B: 1, C: 1 }).wdq).toBeNull();
  });
});

describe('WDQ areas', () => {
  it('takes the land neighbours as buffer, across the border too, and the rest as control', () => {
    const areas = wdqAreas(world, ['be-limburg'])!;
    expect(areas.treatment).toEqual(['be-limburg']);
    expect(areas.buffer.sort()).toEqual(['be-antwerpen', 'be-leuven', 'be-liege', 'nl-limburg', 'nl-oost-brabant'].sort());
    expect(areas.control).not.toContain('be-limburg');
    expect(areas.treatment.length + areas.buffer.length + areas.control.length).toBe(22);
  });

  it('has no areas when nothing is targeted or nothing is left for control', () => {
    expect(wdqAreas(world, [])).toBeNull();
    expect(wdqAreas(world, world.ids.slice())).toBeNull();
  });
});

// compareScenario on synthetic replicates over the real districts, 2010-01..2013-12: every row's
// volume in every district is a level that the test sets per replicate and run, so the effects,
// their significance and the WDQ gating are known in advance.

const MONTHS = Array.from({ length: 48 }, (_, i) => `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

/** volume(row, district, month index) for every MARKET_ECHELONS row and district. */
function syntheticSeries(volume: (row: RowKey, district: string, month: number) => number): ReplicateSeries {
  const keys: SeriesKey[] = [];
  const cells: number[] = [];
  for (const { market, echelon } of MARKET_ECHELONS) {
    for (const [k, district] of world.ids.entries()) {
      keys.push({ district, country: world.country[k] === 0 ? 'BE' : 'NL', market, echelon, channel: '', buyer: '', origin: '', size: '', metric: 'volume_kg' });
      cells.push(...MONTHS.map((_, m) => volume(`${market}/${echelon}`, district, m)));
    }
  }
  return { months: MONTHS, keys, values: Float64Array.from(cells), flows: { years: [], districts: [], values: new Float64Array(0) } };
}

const windowsOf = (before: Period, after: Period) => Object.fromEntries(ROW_KEYS.map((key) => [key, { before, after }])) as Record<RowKey, AnalysisWindows>;
const scenarioOf = (name: string, policies: PolicyEvent[], analysis: Record<RowKey, AnalysisWindows>): ResolvedScenario => ({
  name, description: name, start: '2010-01-01', end: '2013-12-31', parameters: {}, policies, analysis, reference: null,
});
const BASE_WINDOWS = windowsOf(['2010-01-01', '2010-12-31'], ['2012-01-01', '2013-12-31']);
const OTHER_WINDOWS = windowsOf(['2010-01-01', '2011-06-30'], ['2013-01-01', '2013-12-31']);
/** Activity grows over time (so verdicts depend on the windows) and differs a little per replicate. */
const level = (r: number) => (row: RowKey, district: string, m: number) => 100 + 10 * r + (district.startsWith('be-') ? 3 * m : 1) + (row.length % 5);
const reps = [0, 1, 2, 3];
const baselineRuns = reps.map((r) => syntheticSeries(level(r)));
const shortBlowsLimburg: PolicyEvent = { type: 'short-blows', start: '2011-01-01', districts: ['be-limburg'], parameters: { market: 'cannabis', intensity: 1 } };
const pick = <T extends { market: string; echelon: string }>(xs: T[], key: string) => xs.find((x) => `${x.market}/${x.echelon}` === key)!;

describe('compareScenario: the same windows on both sides', () => {
  const base = scenarioOf('base', [], BASE_WINDOWS);

  it('measures the baseline on the scenario’s windows, so a scenario that changes nothing gets the same verdicts and no effect', () => {
    const noop = scenarioOf('noop', [{ type: 'capacity', start: '2011-01-01', districts: ['be-eupen'], parameters: { factor: 1 } }], OTHER_WINDOWS);
    const c = compareScenario(world, base, baselineRuns, noop, baselineRuns);
    expect(c.windowsFrom).toBe('scenario');
    expect(c.windows).toEqual(OTHER_WINDOWS);
    expect(c.baselineVerdicts).toEqual(c.verdicts);
    for (const v of c.baselineVerdicts) expect([v.before, v.after]).toEqual([OTHER_WINDOWS['cannabis/production'].before, OTHER_WINDOWS['cannabis/production'].after]);
    // over its own windows the baseline would read otherwise: what the old table put beside the scenario
    expect(summarise(baselineRuns, BASE_WINDOWS).map((v) => v.deltaBE)).not.toEqual(c.baselineVerdicts.map((v) => v.deltaBE));
    for (const e of [...c.effects, ...c.districtEffects]) {
      expect(e.effect).toBe(0);
      expect(e.significant).toBe(false);
    }
    for (const w of c.wdq) {
      expect(w.actedOn).toBe(true); // capacity acts on every market and echelon
      expect(w.wdq).toBeNull();
      expect(w.reason).toBe(WDQ_REASONS.notSignificant);
    }
  });

  it('takes windows given for every row instead, for both runs', () => {
    const scen = scenarioOf('scen', [], OTHER_WINDOWS);
    const c = compareScenario(world, base, baselineRuns, scen, baselineRuns, { windows: { after: ['2013-07-01', '2013-12-31'] } });
    expect(c.windowsFrom).toBe('command line');
    for (const v of [...c.baselineVerdicts, ...c.verdicts]) {
      expect(v.before).toEqual(['2010-01-01', '2011-06-30']);
      expect(v.after).toEqual(['2013-07-01', '2013-12-31']);
    }
  });
});

describe('compareScenario: effects that say when they are noise', () => {
  const base = scenarioOf('base', [], BASE_WINDOWS);
  const scen = scenarioOf('short blows', [shortBlowsLimburg], BASE_WINDOWS);
  // After 2011: cannabis production in be-limburg falls by 40 ± r (clear), cocaine middle there by
  // as much (a market the policy does not act on); synthetic retail in be-antwerpen moves ±30 (noise).
  const shift = (r: number) => (row: RowKey, district: string, m: number) => {
    const after = MONTHS[m] >= '2011';
    if (after && district === 'be-limburg' && (row === 'cannabis/production' || row === 'cocaine/middle')) return level(r)(row, district, m) - 40 - r;
    if (after && district === 'be-antwerpen' && row === 'synthetic/retail') return level(r)(row, district, m) + (r % 2 ? 30 : -30);
    return level(r)(row, district, m);
  };
  const runs = reps.map((r) => syntheticSeries(shift(r)));
  const c = compareScenario(world, base, baselineRuns, scen, runs);

  it('marks an effect significant only when its interval excludes 0', () => {
    const be = (key: string) => c.effects.find((e) => `${e.market}/${e.echelon}` === key && e.area === 'BE')!;
    expect(be('cannabis/production').effect).toBeCloseTo(-41.5, 9);
    expect(be('cannabis/production').significant).toBe(true);
    expect(be('synthetic/retail').effect).toBeCloseTo(0, 9);
    expect(be('synthetic/retail').effect_ci[0]).toBeLessThan(0);
    expect(be('synthetic/retail').significant).toBe(false);
    expect(be('cannabis/retail').significant).toBe(false);
    const district = c.districtEffects.find((e) => e.market === 'cannabis' && e.echelon === 'production' && e.area === 'be-limburg')!;
    expect(district.significant).toBe(true);
    expect(c.districtEffects.find((e) => e.market === 'cannabis' && e.echelon === 'production' && e.area === 'nl-limburg')!.significant).toBe(false);
  });

  it('gives the WDQ only for rows the policy acts on, and only where the treatment area changed significantly', () => {
    const production = pick(c.wdq, 'cannabis/production');
    expect(production.actedOn).toBe(true);
    expect(production.treatmentEffect.significant).toBe(true);
    expect(production.reason).toBeNull();
    expect(production.wdq).toBe(production.bufferMeasure! / production.successMeasure!);
    // short blows on cannabis act on every cannabis echelon, but retail did not change in be-limburg
    const retail = pick(c.wdq, 'cannabis/retail');
    expect([retail.actedOn, retail.treatmentEffect.significant, retail.wdq, retail.reason]).toEqual([true, false, null, WDQ_REASONS.notSignificant]);
    // cocaine moved in the treatment area, but the policy does not act on cocaine
    const cocaine = pick(c.wdq, 'cocaine/middle');
    expect([cocaine.actedOn, cocaine.treatmentEffect.significant, cocaine.wdq, cocaine.reason]).toEqual([false, true, null, WDQ_REASONS.notActedOn]);
    expect(c.wdq.filter((w) => w.actedOn).map((w) => `${w.market}/${w.echelon}`)).toEqual(['cannabis/production', 'cannabis/retail']);
  });

  it('calls nothing significant with one replicate pair: no spread to judge', () => {
    const one = compareScenario(world, base, baselineRuns.slice(0, 1), scen, runs.slice(0, 1));
    expect(one.effects.every((e) => !e.significant)).toBe(true);
    expect(one.wdq.every((w) => w.wdq === null)).toBe(true);
    expect(one.pairsNeeded.every((p) => p.sd === null && p.pairs === null)).toBe(true);
  });

  it('says how many pairs each country effect needs for a chosen precision, or 1% of the row’s baseline', () => {
    const row = (x: typeof c, area: string) => x.pairsNeeded.find((p) => p.market === 'synthetic' && p.echelon === 'retail' && p.area === area)!;
    // synthetic retail BE: differences of +30 and −30 spread over be-antwerpen's months
    const sd = row(c, 'BE').sd!;
    expect(sd).toBeGreaterThan(20);
    const baseTotal = ['BE', 'NL'].reduce((acc, a) => acc + c.effects.find((e) => e.market === 'synthetic' && e.echelon === 'retail' && e.area === a)!.baseline, 0);
    expect(row(c, 'BE').precision).toBeCloseTo(DEFAULT_PRECISION_SHARE * baseTotal, 9);
    expect(row(c, 'BE').pairs).toBe(replicatesForPrecision(sd, row(c, 'BE').precision));
    const chosen = compareScenario(world, base, baselineRuns, scen, runs, { precision: 5 });
    expect(row(chosen, 'BE').precision).toBe(5);
    expect(row(chosen, 'BE').pairs).toBe(replicatesForPrecision(sd, 5));
    expect(row(chosen, 'NL')).toMatchObject({ sd: 0, pairs: 2 });
  });
});

describe('replicatesForPrecision', () => {
  it('is the smallest n with t(0.975, n−1)·sd/√n within the precision', () => {
    for (const [sd, hw] of [[1, 1], [3, 1], [100, 7], [5000, 600], [1, 0.01]]) {
      const n = replicatesForPrecision(sd, hw)!;
      const halfWidth = (k: number) => (tQuantile975(k - 1) * sd) / Math.sqrt(k);
      expect(halfWidth(n)).toBeLessThanOrEqual(hw);
      if (n > 2) expect(halfWidth(n - 1)).toBeGreaterThan(hw);
    }
    expect(replicatesForPrecision(1, 1)).toBe(7);
  });

  it('needs the minimum of two pairs without spread, and no n reaches a precision of 0', () => {
    expect(replicatesForPrecision(0, 10)).toBe(2);
    expect(replicatesForPrecision(0, 0)).toBe(2);
    expect(replicatesForPrecision(1, 0)).toBeNull();
  });
});

describe('comparison windows', () => {
  const mixed = { ...BASE_WINDOWS, 'cocaine/middle': { before: ['2010-01-01', '2010-06-30'] as Period, after: ['2011-01-01', '2011-12-31'] as Period } };

  it('replace a scenario’s windows row by row where given, and copy them', () => {
    const w = comparisonWindows(mixed, { before: ['2010-01-01', '2011-12-31'] });
    expect(w['cannabis/production']).toEqual({ before: ['2010-01-01', '2011-12-31'], after: ['2012-01-01', '2013-12-31'] });
    expect(w['cocaine/middle']).toEqual({ before: ['2010-01-01', '2011-12-31'], after: ['2011-01-01', '2011-12-31'] });
    expect(comparisonWindows(mixed)).toEqual(mixed);
    expect(comparisonWindows(mixed)['cocaine/middle'].after).not.toBe(mixed['cocaine/middle'].after);
  });

  it('find rows whose before window does not end before the after window starts', () => {
    expect(overlappingRows(mixed)).toEqual([]);
    expect(overlappingRows(comparisonWindows(mixed, { before: ['2010-01-01', '2011-12-31'] }))).toEqual(['cocaine/middle']);
    expect(overlappingRows(windowsOf(['2010-01-01', '2012-01-01'], ['2012-01-01', '2013-12-31']))).toHaveLength(ROW_KEYS.length);
  });

  it('group rows that share windows, and give cocaine import the cocaine middle market’s', () => {
    expect(windowGroups(mixed).map((g) => g.rows.length)).toEqual([5, 1]);
    expect(windowGroups(mixed)[1].rows).toEqual(['cocaine/middle']);
    expect(rowWindows(mixed, 'cocaine', 'import')).toBe(mixed['cocaine/middle']);
    expect(rowWindows(mixed, 'cannabis', 'retail')).toBe(mixed['cannabis/retail']);
  });
});

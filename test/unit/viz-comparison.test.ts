import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparisonData, comparisonSource, newEvents, relativeEffects, verdictRules } from '../../viz/comparisonData';
import { loadDistrictMap } from '../../viz/geo';
import type { ComparisonRecord, EffectRecord } from '../../viz/inputs';

// A comparison's report data from comparison.json: relative effects for the quadrant, the
// difference map's symmetric domain, the events the scenario adds, the verdicts side by side.

const MAP = loadDistrictMap(path.resolve(__dirname, '../../sim/world/data'));
const scenario = (policies: ComparisonRecord['baseline']['scenario']['policies']) => ({ name: 'x', description: 'd', start: '2010-01-01', end: '2013-12-31', policies, analysis: {} });
const effect = (area: string, baseline: number, scenarioValue: number, market = 'cannabis', echelon = 'retail'): EffectRecord => ({
  market,
  echelon,
  area,
  baseline,
  scenario: scenarioValue,
  effect: scenarioValue - baseline,
  effect_ci: [scenarioValue - baseline - 1, scenarioValue - baseline + 1],
  significant: Math.abs(scenarioValue - baseline) > 1,
});
const verdict = (v: string) => ({ market: 'cannabis', echelon: 'retail', verdict: v, agreement: 1, displacementRatio: 1, deltaBE: 0, deltaNL: 0, deltaBE_ci: [0, 0] as [number, number], deltaNL_ci: [0, 0] as [number, number], beBefore: 0, replicates: 2, before: ['a', 'b'] as [string, string], after: ['c', 'd'] as [string, string] });

const shared = { type: 'capacity', start: '2010-01-01', districts: ['be-antwerpen'] };
const added = { type: 'i-criterion', label: 'I-criterion', start: '2011-01-01', districts: ['nl-limburg'] };
const record: ComparisonRecord = {
  tool: { name: 'waterbed', version: '1.2.3' },
  gitCommit: null,
  seed: 4,
  reps: 5,
  precision: null,
  baseline: { name: 'base', scenarioHash: 'h', scenario: scenario([shared]) },
  scenarios: [
    {
      name: 'ic',
      description: 'with the I-criterion',
      scenarioHash: 'h2',
      scenario: scenario([shared, added]),
      targetedDistricts: ['nl-limburg'],
      areas: { treatment: ['nl-limburg'], buffer: ['be-limburg'], control: ['be-antwerpen'] },
      windowsFrom: 'command line',
      windows: { 'cannabis/retail': { before: ['2010-01-01', '2010-12-31'], after: ['2012-01-01', '2013-12-31'] } },
      effects: [effect('BE', 30, 40), effect('NL', 70, 60)],
      districtEffects: [effect('be-limburg', 10, 22), effect('nl-limburg', 50, 38), effect('be-antwerpen', 5, 4)],
      wdq: [
        {
          market: 'cannabis',
          echelon: 'retail',
          actedOn: true,
          treatmentEffect: { effect: -12.34567, effect_ci: [-20, -4.5], significant: true },
          successMeasure: -0.2,
          bufferMeasure: 0.1,
          wdq: -0.5,
          reason: null,
        },
      ],
      pairsNeeded: [],
      baselineVerdicts: [verdict('none')],
      verdicts: [
        {
          ...verdict('shift'),
          dutchLinkBE: [0.4, 0.6] as [number, number],
          verdictRule: 'actors' as const,
          marketVolume: { verdict: 'expansion', agreement: 0.5 },
          carriers: { gain: { moved: 2, extended: 1, newBelgian: 0, other: 0 }, movedShare: 2 / 3, movedDutchFall: 2.5, loss: 0, movedOut: 0, movedOutShare: null },
        },
      ],
    },
  ],
};

describe('relativeEffects', () => {
  it('gives ΔBE and ΔNL in % of the baseline BE + NL total, intervals alike', () => {
    const be = { baseline: 30, scenario: 40, effect: 10, ci: [9, 11] as [number, number], significant: true };
    const nl = { baseline: 70, scenario: 60, effect: -10, ci: [-11, -9] as [number, number], significant: true };
    expect(relativeEffects(be, nl)).toEqual({ BE: 10, NL: -10, BE_ci: [9, 11], NL_ci: [-11, -9] });
    expect(relativeEffects({ ...be, baseline: 0 }, { ...nl, baseline: 0 })).toBeNull();
    expect(relativeEffects(be, null)).toBeNull();
  });
});

describe('newEvents', () => {
  it('keeps the events the baseline lacks, whatever the key order', () => {
    const reordered = { districts: ['be-antwerpen'], start: '2010-01-01', type: 'capacity' };
    expect(newEvents([reordered, added], [shared])).toEqual([added]);
    expect(newEvents([{ ...shared, end: '2012-01-01' }], [shared])).toHaveLength(1);
  });
});

describe('comparisonData', () => {
  const data = comparisonData(record, MAP, new Date('2026-01-01T00:00:00Z'));
  const sc = data.scenarios[0];
  const idx = (id: string) => data.districts.findIndex((d) => d.id === id);

  it('describes the comparison', () => {
    expect(data.meta.source).toBe('Source: waterbed 1.2.3, comparison with baseline “base”, seed 4, 5 replicate pairs.');
    expect(comparisonSource({ ...record, gitCommit: 'abcdef0123', reps: 1 })).toContain('(commit abcdef0), comparison with baseline “base”, seed 4, 1 replicate pair.');
    expect(sc.newEvents).toEqual([{ label: 'I-criterion', type: 'i-criterion', start: '2011-01-01', end: null, where: 'Limburg (NL)' }]);
  });

  it('pairs the verdicts and prepares the quadrant, the difference map and the WDQ per row', () => {
    expect(sc.rows).toHaveLength(1);
    const r = sc.rows[0];
    expect(r.label).toBe('Cannabis retail');
    expect(r.verdict).toEqual({ baseline: 'none', scenario: 'shift' });
    // the baseline's summary row predates the actors' rule: its verdict is by market volume
    expect(r.rules).toEqual({
      baseline: { rule: 'market-volume', marketVolume: 'none', movedShare: null },
      scenario: { rule: 'actors', marketVolume: 'expansion', movedShare: 0.6667 },
    });
    // the after-window Dutch link; the baseline's summary row predates the field
    expect(r.dutchLinkAfter).toEqual({ baseline: null, scenario: 0.6 });
    expect(r.windows).toEqual({ before: ['2010-01-01', '2010-12-31'], after: ['2012-01-01', '2013-12-31'] });
    expect(sc.windowsFrom).toBe('command line');
    expect(r.relative).toEqual({ BE: 10, NL: -10, BE_ci: [9, 11], NL_ci: [-11, -9] });
    expect(r.top).toBe(20); // |−12| and 12 → a round symmetric top
    expect(r.districts[idx('be-limburg')]).toEqual({ baseline: 10, scenario: 22, effect: 12, ci: [11, 13], significant: true });
    expect(r.districts[idx('be-antwerpen')]).toEqual({ baseline: 5, scenario: 4, effect: -1, ci: [-2, 0], significant: false });
    expect(r.districts[idx('be-eupen')]).toBeNull();
    expect(r.wdq).toEqual({ actedOn: true, treatment: { effect: -12.35, ci: [-20, -4.5], significant: true }, successMeasure: -0.2, bufferMeasure: 0.1, wdq: -0.5, reason: null });
  });

  it('takes the baseline’s verdicts measured on the scenario’s windows, and refuses files that lack them', () => {
    const other = { ...record, scenarios: [{ ...record.scenarios[0], baselineVerdicts: [verdict('expansion')] }] };
    expect(comparisonData(other, MAP, new Date()).scenarios[0].rows[0].verdict.baseline).toBe('expansion');
    const { baselineVerdicts: _dropped, ...older } = record.scenarios[0];
    expect(() => comparisonData({ ...record, scenarios: [older as typeof record.scenarios[0]] }, MAP, new Date())).toThrow(/older waterbed.*run `waterbed compare` again/);
  });
});

describe('verdictRules', () => {
  const row = { ...verdict('expansion'), verdictRule: 'actors' as const, marketVolume: { verdict: 'shift', agreement: 1 } };
  const carriers = (movedShare: number | null) => ({ gain: { moved: 1, extended: 4, newBelgian: 0, other: 0 }, movedShare, movedDutchFall: 1, loss: 0, movedOut: 0, movedOutShare: null });

  it('gives the rule, the market-volume verdict and the moved share of the gain to 4 digits', () => {
    expect(verdictRules({ ...row, carriers: carriers(0.123456) })).toEqual({ rule: 'actors', marketVolume: 'shift', movedShare: 0.1235 });
  });

  it('has no moved share without gain or carriers, and no rules without a row', () => {
    expect(verdictRules({ ...row, carriers: carriers(null) })!.movedShare).toBeNull();
    expect(verdictRules({ ...row, verdictRule: 'market-volume', marketVolume: { verdict: 'expansion', agreement: 1 }, carriers: null })).toEqual({ rule: 'market-volume', marketVolume: 'expansion', movedShare: null });
    expect(verdictRules(undefined)).toBeNull();
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowLines } from '../../viz/flowsCsv';
import { loadDistrictMap } from '../../viz/geo';
import { jsonForScript } from '../../viz/html';
import type { ManifestRecord, SummaryRecord } from '../../viz/inputs';
import { decodeMonthly } from '../../viz/mapCodec';
import { MAP_METRICS } from '../../viz/mapData';
import { METRIC_LABELS } from '../../viz/metrics';
import { carrierBar, runData, seriesStep, sourceLine, verdictData } from '../../viz/runData';
import { monthRange } from '../../viz/months';
import { SeriesTotals } from '../../viz/totals';

// The data a run's report draws, from a small hand-made results folder's contents.

const MAP = loadDistrictMap(path.resolve(__dirname, '../../sim/world/data'));

const manifest: ManifestRecord = {
  tool: { name: 'waterbed', version: '9.9.9' },
  gitCommit: '0123456789abcdef',
  node: 'v20.0.0',
  scenarioHash: 'abc',
  seed: 7,
  reps: 3,
  workers: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  scenario: {
    name: 'tiny',
    description: 'a test',
    start: '2010-01-01',
    end: '2010-04-30',
    policies: [{ type: 'short-blows', start: '2010-03-01', districts: ['be-limburg'] }],
    analysis: {},
    reference: 'dismark-2018',
  },
};

const row = { deltaBE: 1, deltaNL: -1, deltaBE_ci: [0, 2] as [number, number], deltaNL_ci: [-2, 0] as [number, number], beBefore: 10, replicates: 3, before: ['2010-01-01', '2010-01-31'] as [string, string], after: ['2010-03-01', '2010-04-30'] as [string, string] };
const summary: SummaryRecord = {
  rule: { metric: 'volume_kg', minEffect: 0.05, shiftRatio: 0.5, confidence: 0.95 },
  verdictClasses: { shift: 'moved', none: 'nothing' },
  rows: [
    { market: 'cannabis', echelon: 'production', verdict: 'shift', agreement: 1, displacementRatio: 1, ...row },
    { market: 'cocaine', echelon: 'retail', verdict: 'none', agreement: 0.5, displacementRatio: null, ...row },
  ],
  reference: { id: 'dismark-2018', source: 'the study', rows: [{ market: 'cannabis', echelon: 'production', verdict: 'expansion', inShort: 'spread' }] },
};

function totals(): SeriesTotals {
  const t = new SeriesTotals('2010-01');
  const add = (district: string, metric: string, values: number[]) =>
    values.forEach((value, m) => t.add({ date: monthRange('2010-01', '2010-04')[m], district, country: district.slice(0, 2).toUpperCase(), market: 'cannabis', echelon: 'production', metric, value, lo: value / 2, hi: value * 2 }));
  add('be-antwerpen', 'volume_kg', [10, 20, 30, 40]);
  add('nl-limburg', 'volume_kg', [0, 0, 0, 0]); // present but zero throughout
  add('nl-limburg', 'dismantled_sites', [1, 1, 2, 2]);
  add('be-antwerpen', 'revenue_eur', [1, 2, 3, 4]); // on the time charts, not on the map
  add('be-antwerpen', 'relocations_out', [5, 5, 0, 0]);
  add('be-limburg', 'relocations_in', [5, 5, 0, 0]);
  // Belgium's total: be-antwerpen's alone, with the narrower interval of a country total
  monthRange('2010-01', '2010-04').forEach((date, m) =>
    t.add({ date, district: '', country: 'BE', market: 'cannabis', echelon: 'production', metric: 'volume_kg', value: 10 * (m + 1), lo: 9 * (m + 1), hi: 11 * (m + 1) }),
  );
  return t;
}

describe('runData', () => {
  const data = runData(manifest, summary, totals(), MAP, new Date('2026-02-02T00:00:00Z'));
  const idx = (id: string) => data.districts.findIndex((d) => d.id === id);

  it('describes the run and its source', () => {
    expect(data.meta.source).toBe('Source: waterbed 9.9.9 (commit 0123456), scenario “tiny”, seed 7, 3 replicates.');
    expect(data.meta.generatedAt).toBe('2026-02-02T00:00:00.000Z');
    expect(data.months).toEqual(['2010-01', '2010-02', '2010-03', '2010-04']);
    expect(data.districts).toHaveLength(22);
    expect(data.geojson.features.map((f) => f.properties.id)).toEqual(data.districts.map((d) => d.id));
  });

  it('lists rows and metrics that have data, with labels and monthly units', () => {
    expect(data.rows).toEqual([{ key: 'cannabis/production', label: 'Cannabis production', metrics: ['volume_kg', 'revenue_eur', 'relocations_in', 'relocations_out', 'dismantled_sites'] }]);
    expect(data.metrics.volume_kg).toEqual({ label: 'Volume', unit: 'kg per month', kind: 'flow', observed: false });
    expect(data.metrics.dismantled_sites.observed).toBe(true);
  });

  it('gives country totals with bands for the time charts', () => {
    expect(data.multiples['cannabis/production'].volume_kg.BE).toEqual({ value: [10, 20, 30, 40], lo: [9, 18, 27, 36], hi: [11, 22, 33, 44] });
    expect(data.multiples['cannabis/production'].volume_kg.NL.value).toEqual([0, 0, 0, 0]);
    expect(data.periods.quarter.map((p) => p.label)).toEqual(['2010 Q1', '2010 Q2']);
    expect(data.seriesStep).toBe('month');
  });

  it('gives the map its metrics per district and month, encoded, a fixed colour top, and 0 for districts without activity', () => {
    expect(data.map.step).toBe('month');
    expect(data.map.periods.map((p) => p.label)).toEqual(['2010-01', '2010-02', '2010-03', '2010-04']);
    const v = data.map.values['cannabis/production'].volume_kg;
    expect(v.top).toBe(50);
    expect(v.ticks).toEqual([0, 3.1, 13, 28, 50]);
    const antwerpen = decodeMonthly(v.byDistrict[idx('be-antwerpen')], 4);
    [10, 20, 30, 40].forEach((x, i) => expect(Math.abs(antwerpen[i] - x) / x).toBeLessThan(0.001));
    expect(v.byDistrict[idx('nl-limburg')]).toBe(0);
    expect(v.byDistrict[idx('be-eupen')]).toBe(0);
    // only the metrics the map offers
    expect(Object.keys(data.map.values['cannabis/production']).sort()).toEqual(['dismantled_sites', 'volume_kg']);
  });

  it('estimates the arrows from moves in and out when the folder has no flows.csv', () => {
    expect(data.flows.source).toBe('estimate');
    const f = data.flows.values['cannabis/production'];
    expect(data.flows.periods.map((p) => p.label)).toEqual(['2010']);
    expect(f.byPeriod).toEqual([{ moved: 10, pairs: null, beToNl: null, nlToBe: null, net: 10, arrows: [[idx('be-antwerpen'), idx('be-limburg'), 10, null, null]] }]);
    expect(f.top).toBe(10);
  });

  it('draws the true flows of flows.csv when the folder has it', () => {
    const flows = parseFlowLines(['year,market,echelon,from,to,from_country,to_country,value,lo,hi', '2010,cannabis,production,be-antwerpen,nl-limburg,BE,NL,3,1,5']);
    const withFlows = runData(manifest, summary, totals(), MAP, new Date('2026-02-02T00:00:00Z'), flows);
    expect(withFlows.flows.source).toBe('flows.csv');
    expect(withFlows.flows.values['cannabis/production'].byPeriod[0].arrows).toEqual([[idx('be-antwerpen'), idx('nl-limburg'), 3, 1, 5]]);
  });

  it('marks the policies', () => {
    expect(data.events).toMatchObject([{ n: 1, label: 'short-blows', from: 2, to: null, where: 'Limburg (BE)' }]);
  });
});

describe('verdictData', () => {
  it('sets the study’s verdict beside the model’s where the reference has the row', () => {
    const v = verdictData(summary);
    expect(v.reference).toEqual({ id: 'dismark-2018', source: 'the study' });
    expect(v.rows.map((r) => [r.label, r.verdict, r.study, r.studyInShort])).toEqual([
      ['Cannabis production', 'shift', 'expansion', 'spread'],
      ['Cocaine retail', 'none', null, null],
    ]);
    expect(verdictData({ ...summary, reference: null }).rows.every((r) => r.study === null)).toBe(true);
  });
});

describe('carrierBar', () => {
  const carriers = { gain: { moved: 30, extended: 10, newBelgian: 0, other: 20 }, movedShare: 0.5, movedDutchFall: 45, loss: 8, movedOut: 6, movedOutShare: 0.75 };
  const withCarriers = { ...summary.rows[0], verdictRule: 'actors' as const, marketVolume: { verdict: 'expansion', agreement: 2 / 3 }, carriers };

  it('stacks Belgium’s gain by who carried it, in the documented order, when ΔBE ≥ 0', () => {
    expect(carrierBar(withCarriers, 0.5)).toEqual({
      side: 'gain',
      total: 60,
      parts: [
        { part: 'moved', value: 30, from: 0 },
        { part: 'extended', value: 10, from: 30 },
        { part: 'newBelgian', value: 0, from: 40 },
        { part: 'other', value: 20, from: 40 },
      ],
      share: 0.5,
      threshold: 0.5,
    });
    expect(carrierBar({ ...withCarriers, deltaBE: 0 }, 0.4)?.side).toBe('gain');
  });

  it('shows the loss and the part moved to NL when Belgium lost', () => {
    expect(carrierBar({ ...withCarriers, deltaBE: -2 }, 0.5)).toEqual({
      side: 'loss',
      total: 8,
      parts: [
        { part: 'movedOut', value: 6, from: 0 },
        { part: 'notMoved', value: 2, from: 6 },
      ],
      share: 0.75,
      threshold: 0.5,
    });
  });

  it('has no share without a gain, and no bar without carriers', () => {
    const none = { ...carriers, gain: { moved: 0, extended: 0, newBelgian: 0, other: 0 }, movedShare: null };
    expect(carrierBar({ ...withCarriers, carriers: none }, 0.5)).toMatchObject({ side: 'gain', total: 0, share: null });
    expect(carrierBar({ ...withCarriers, carriers: null }, 0.5)).toBeNull();
    expect(carrierBar(summary.rows[0], 0.5)).toBeNull();
  });

  it('sets the rules and bars on the verdict rows, and reads results written before the actors’ rule as the market-volume rule’s', () => {
    const v = verdictData({ ...summary, rows: [withCarriers, summary.rows[1]] });
    expect(v.carrierParts.gain.map((p) => p.part)).toEqual(['moved', 'extended', 'newBelgian', 'other']);
    expect(v.carrierParts.loss.map((p) => p.part)).toEqual(['movedOut', 'notMoved']);
    const [actors, older] = v.rows;
    expect([actors.verdictRule, actors.marketVolume, actors.carrierBar?.total]).toEqual(['actors', { verdict: 'expansion', agreement: 2 / 3 }, 60]);
    expect([older.verdictRule, older.marketVolume, older.carriers, older.carrierBar]).toEqual(['market-volume', { verdict: 'none', agreement: 0.5 }, null, null]);
  });
});

describe('sourceLine and seriesStep', () => {
  it('leave out an unknown commit and smooth long runs by quarter', () => {
    expect(sourceLine({ ...manifest, gitCommit: null, reps: 1 })).toBe('Source: waterbed 9.9.9, scenario “tiny”, seed 7, 1 replicate.');
    expect(seriesStep(monthRange('2010-01', '2019-12'))).toBe('month');
    expect(seriesStep(monthRange('1995-01', '2025-12'))).toBe('quarter');
  });
});

describe('the default job', () => {
  // 1995–2025 (372 months), 22 districts, the 7 market × echelon rows with every metric non-zero
  // everywhere: more than the real run has. The data must step by month and leave room in 5 MB for
  // d3 (~280 KB), the page code and the district shapes.
  it('animates the map month by month and keeps the report’s data small', () => {
    const months = monthRange('1995-01', '2025-12');
    const t = new SeriesTotals('1995-01');
    const rows = [['cannabis', 'production'], ['cannabis', 'retail'], ['synthetic', 'production'], ['synthetic', 'retail'], ['cocaine', 'import'], ['cocaine', 'middle'], ['cocaine', 'retail']];
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const [market, echelon] of rows)
      for (const d of MAP.districts)
        for (const { name } of METRIC_LABELS)
          months.forEach((date) => {
            const value = random() * 1e4;
            t.add({ date, district: d.id, country: d.country, market, echelon, metric: name, value, lo: value * 0.9, hi: value * 1.1 });
          });
    const data = runData({ ...manifest, scenario: { ...manifest.scenario, start: '1995-01-01', end: '2025-12-31' } }, summary, t, MAP, new Date());
    expect(data.map.step).toBe('month');
    expect(data.map.periods).toHaveLength(372);
    // of the 13 metrics, only the map's 6 travel for the map (the time charts have them all)
    expect(Object.keys(data.map.values['synthetic/production']).sort()).toEqual([...MAP_METRICS.true, ...MAP_METRICS.observed].sort());
    const mapBytes = jsonForScript(data.map).length;
    const allBytes = jsonForScript(data).length;
    expect(mapBytes).toBeLessThan(800_000);
    expect(allBytes).toBeLessThan(4_000_000);
  });
});

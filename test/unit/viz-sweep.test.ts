import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST, discover } from '../../sim/sweep/discovery/analyse';
import { discoveryView, type DiscoveryRecord } from '../../viz/discoveryData';
import { binOf, binTable, factorAxis, parseCsv, tornadoData } from '../../viz/sweepData';

// The sweep part's data: table.csv binned into heatmap grids, sensitivity.json sorted for a tornado,
// discovery.json made ready for the page.

const TABLE = [
  'point,scenario,replicate,seed,a,b,status,error,verdict_cannabis_retail,delta_be_cannabis_retail',
  'p1,s,0,1,0,10,ok,,shift,1',
  'p1,s,1,2,0,10,ok,,none,3',
  'p2,s,0,3,1,10,ok,,shift,5',
  'p3,s,0,4,1,20,ok,,shift,',
  'p4,s,0,5,0,20,failed,"boom, ""quoted""",,',
  '',
].join('\n');

describe('sweep report data', () => {
  it('parses RFC 4180 quoting', () => {
    const rows = parseCsv(TABLE);
    expect(rows[5][7]).toBe('boom, "quoted"');
    expect(rows).toHaveLength(6);
  });

  it('bins a factor with few values by value, else into equal-width bins', () => {
    expect(factorAxis('a', ['0', '1', '0']).bins).toEqual(['0', '1']);
    const axis = factorAxis('c', Array.from({ length: 17 }, (_, i) => String(i)), 8);
    expect(axis.kind).toBe('range');
    expect(axis.edges).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16]);
    expect(binOf(axis, '0')).toBe(0);
    expect(binOf(axis, '1.99')).toBe(0);
    expect(binOf(axis, '2')).toBe(1);
    expect(binOf(axis, '16')).toBe(7);
    expect(binOf(axis, '17')).toBe(-1);
  });

  it('means the numeric outputs of ok runs per cell, with counts', () => {
    const t = binTable(parseCsv(TABLE));
    expect(t.factors.map((f) => f.name)).toEqual(['a', 'b']);
    expect(t.outputs).toEqual(['delta_be_cannabis_retail']);
    expect(t.runs).toEqual({ total: 5, ok: 4, failed: 1 });
    expect(t.pairs).toEqual([[0, 1]]);
    const g = t.grids[0][0][0];
    // rows: b = 10, 20; columns: a = 0, 1
    expect(g.mean).toEqual([
      [2, 5],
      [null, null],
    ]);
    expect(g.count).toEqual([
      [2, 1],
      [0, 0],
    ]);
  });

  it('sorts the indices for a tornado, largest first', () => {
    const iv = (value: number | null, lo: number | null = null, hi: number | null = null) => ({ value, lo, hi });
    const t = tornadoData({
      method: 'sobol',
      confidence: 0.95,
      resamples: 100,
      indices: ['S1', 'ST'],
      outputs: [
        {
          scenario: 's',
          output: 'o',
          n: 4,
          noiseShare: null,
          note: null,
          factors: [
            { factor: 'a', indices: { S1: iv(0.1), ST: iv(0.2, 0.1, 0.3) } },
            { factor: 'b', indices: { S1: iv(null), ST: iv(null) } },
            { factor: 'c', indices: { S1: iv(0.5), ST: iv(0.7, 0.5, 0.9) } },
          ],
        },
      ],
    });
    expect(t.main).toBe('ST');
    expect(t.second).toBe('S1');
    expect(t.outputs[0].bars.map((b) => b.factor)).toEqual(['c', 'a', 'b']);
    expect(t.outputs[0].bars[0].main).toEqual({ value: 0.7, lo: 0.5, hi: 0.9 });
  });
});

describe('sweep report data: the scenario discovery', () => {
  // discovery.json made by the real analysis on a small table, then read as the report reads it
  const table = parseCsv(
    [
      'point,scenario,replicate,seed,a,b,status,error,verdict_cannabis_retail',
      ...Array.from({ length: 40 }, (_, i) => `p${i},s,0,${i},${i / 40},${(i * 7) % 40},ok,,${i >= 20 ? 'expansion' : 'none'}`),
    ].join('\n'),
  );
  const source = { name: 'demo', factors: [{ name: 'a' }, { name: 'b' }], scenarios: ['s'], outputs: [{ name: 'verdict_cannabis_retail', type: 'text' as const }] };
  const file = JSON.parse(JSON.stringify(discover(source, table, { ...DEFAULT_REQUEST, output: 'verdict_cannabis_retail', where: 'expansion' }))) as DiscoveryRecord;

  it('keeps the trajectory, the box and the tree, with numbers rounded for the page', () => {
    const v = discoveryView(file)!;
    expect(v.trajectory.map((b) => b.box)).toEqual(file.trajectory.map((b) => b.box));
    expect(v.box.limits.find((l) => l.factor === 'a')!.lower).toBe(Number(file.box.limits.find((l) => l.factor === 'a')!.lower!.toPrecision(4)));
    expect(v.box).toMatchObject({ runs: 20, cases: 20, coverage: 1, density: 1 });
    expect(v.cart.tree).toMatchObject({ runs: 40, cases: 20, split: { factor: 'a', value: 0.4875 } });
    expect(JSON.stringify(v).length).toBeLessThan(JSON.stringify(file).length + 10);
  });

  it('is null for a file that is not a discovery', () => {
    expect(discoveryView(null)).toBeNull();
    expect(discoveryView({ outputs: [] } as unknown as DiscoveryRecord)).toBeNull();
  });
});

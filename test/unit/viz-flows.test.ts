import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { netFlows } from '../../viz/flowEstimate';
import { largestPairs, trueFlowData } from '../../viz/flows';
import { parseFlowLines, readFlowsCsv } from '../../viz/flowsCsv';
import { loadDistrictMap } from '../../viz/geo';
import { monthRange } from '../../viz/months';

// Relocation arrows: the true flows of flows.csv, and the estimate from each district's moves in and
// out for results folders without it.

const DISTRICTS = loadDistrictMap(path.resolve(__dirname, '../../sim/world/data')).districts;
const idx = (id: string) => DISTRICTS.findIndex((d) => d.id === id);

// A small flows.csv as the simulator writes it (docs/OUTPUTS.md): two years, two rows, one cross-border pair each way.
const FLOWS_CSV = [
  'year,market,echelon,from,to,from_country,to_country,value,lo,hi',
  '2010,cannabis,production,be-antwerpen,be-limburg,BE,BE,4,0.305913,7.69409',
  '2010,cannabis,production,be-antwerpen,nl-zeeland-west-brabant,BE,NL,10,6,14',
  '2010,cannabis,production,nl-zeeland-west-brabant,be-antwerpen,NL,BE,2,-1.2,5.2',
  '2010,cannabis,production,be-limburg,nl-limburg,BE,NL,0.5,-0.6,1.6',
  '2011,cannabis,production,be-limburg,be-antwerpen,BE,BE,20,18,22',
  '2011,cocaine,retail,be-brussel,be-leuven,BE,BE,1.5,0,3.23',
  '',
].join('\n');

describe('flows.csv', () => {
  it('reads its rows, numbers as series.csv writes them', () => {
    const rows = parseFlowLines(FLOWS_CSV.split('\n'));
    expect(rows).toHaveLength(6);
    expect(rows[2]).toEqual({ year: '2010', market: 'cannabis', echelon: 'production', from: 'nl-zeeland-west-brabant', to: 'be-antwerpen', fromCountry: 'NL', toCountry: 'BE', value: 2, lo: -1.2, hi: 5.2 });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-flows-')), 'flows.csv');
    fs.writeFileSync(file, FLOWS_CSV);
    expect(readFlowsCsv(file)).toEqual(rows);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('refuses a file that is not flows.csv', () => {
    expect(() => parseFlowLines(['date,district,country'])).toThrow(/unexpected header/);
    expect(() => parseFlowLines([''])).toThrow(/empty/);
  });
});

describe('trueFlowData', () => {
  const data = trueFlowData(parseFlowLines(FLOWS_CSV.split('\n')), DISTRICTS, monthRange('2010-01', '2011-12'));

  it('gives per market × echelon and year the arrows from origin to destination, largest first', () => {
    expect(data.source).toBe('flows.csv');
    expect(data.periods.map((p) => p.label)).toEqual(['2010', '2011']);
    const cp = data.values['cannabis/production'];
    expect(cp.top).toBe(20);
    expect(cp.byPeriod[0]).toEqual({
      moved: 16.5,
      pairs: 4,
      beToNl: 10.5,
      nlToBe: 2,
      net: null,
      // 0.5 is under 10% of the run's widest arrow (20): left out; a lower end below 0 is shown as 0
      arrows: [
        [idx('be-antwerpen'), idx('nl-zeeland-west-brabant'), 10, 6, 14],
        [idx('be-antwerpen'), idx('be-limburg'), 4, 0.306, 7.69],
        [idx('nl-zeeland-west-brabant'), idx('be-antwerpen'), 2, 0, 5.2],
      ],
    });
    expect(cp.byPeriod[1].arrows).toEqual([[idx('be-limburg'), idx('be-antwerpen'), 20, 18, 22]]);
    expect(data.values['cocaine/retail']).toEqual({
      top: 1.5,
      byPeriod: [
        { moved: 0, pairs: 0, beToNl: 0, nlToBe: 0, net: null, arrows: [] },
        { moved: 1.5, pairs: 1, beToNl: 0, nlToBe: 0, net: null, arrows: [[idx('be-brussel'), idx('be-leuven'), 1.5, 0, 3.23]] },
      ],
    });
    expect(data.values['synthetic/retail']).toBeUndefined();
  });

  it('counts moves of unknown districts and years outside the run in no arrow', () => {
    const rows = parseFlowLines([
      'year,market,echelon,from,to,from_country,to_country,value,lo,hi',
      '2010,cannabis,production,xx-nowhere,be-limburg,BE,BE,3,3,3',
      '2009,cannabis,production,be-antwerpen,be-limburg,BE,BE,9,9,9',
      '2010,cannabis,production,be-antwerpen,be-limburg,BE,BE,1,1,1',
    ]);
    const f = trueFlowData(rows, DISTRICTS, monthRange('2010-01', '2010-12'));
    expect(f.values['cannabis/production'].byPeriod).toEqual([{ moved: 4, pairs: 2, beToNl: 0, nlToBe: 0, net: null, arrows: [[idx('be-antwerpen'), idx('be-limburg'), 1, 1, 1]] }]);
  });

  it('keeps at most the largest few arrows a year', () => {
    const lines = ['year,market,echelon,from,to,from_country,to_country,value,lo,hi'];
    for (let i = 1; i <= 12; i++) lines.push(`2010,cannabis,retail,be-antwerpen,${DISTRICTS[i].id},BE,${DISTRICTS[i].country},${i},${i},${i}`);
    const f = trueFlowData(parseFlowLines(lines), DISTRICTS, monthRange('2010-01', '2010-12'), 5, 0);
    expect(f.values['cannabis/retail'].byPeriod[0].arrows.map((a) => a[2])).toEqual([12, 11, 10, 9, 8]);
    expect(f.values['cannabis/retail'].byPeriod[0].moved).toBe(78);
  });
});

describe('largestPairs', () => {
  const pairs = (...values: number[]) => values.map((value, i) => ({ i, value }));

  it('keeps the largest, at least the minimum, and leaves out a tie at the cut as a whole', () => {
    expect(largestPairs(pairs(1, 5, 3, 4), 3, 0).map((p) => p.value)).toEqual([5, 4, 3]);
    expect(largestPairs(pairs(1, 5, 3, 4), 9, 3).map((p) => p.value)).toEqual([5, 4, 3]);
    expect(largestPairs(pairs(5, 2, 2, 2, 1), 3, 0).map((p) => p.value)).toEqual([5]);
    expect(largestPairs(pairs(2, 2, 2, 2), 3, 0)).toEqual([]);
    expect(largestPairs(pairs(0, 0), 3, 0)).toEqual([]);
  });

  it('keeps the given order among equal flows', () => {
    expect(largestPairs(pairs(2, 3, 2), 5, 0).map((p) => p.i)).toEqual([1, 0, 2]);
  });
});

const map = (o: Record<string, number>) => new Map(Object.entries(o));

describe('netFlows (the estimate without flows.csv)', () => {
  it('sends net losses to net gains in proportion', () => {
    const f = netFlows(map({ a: 0, b: 30, c: 10, d: 5 }), map({ a: 40, b: 0, c: 0, d: 5 }));
    expect(f.gross).toBe(45);
    expect(f.net).toBe(40);
    expect(f.flows).toEqual([
      { from: 'a', to: 'b', sites: 30 },
      { from: 'a', to: 'c', sites: 10 },
    ]);
  });

  it('splits each loss over the gainers and keeps the margins', () => {
    const f = netFlows(map({ a: 0, b: 0, c: 6, d: 2 }), map({ a: 4, b: 4, c: 0, d: 0 }));
    expect(f.flows).toEqual([
      { from: 'a', to: 'c', sites: 3 },
      { from: 'b', to: 'c', sites: 3 },
      { from: 'a', to: 'd', sites: 1 },
      { from: 'b', to: 'd', sites: 1 },
    ]);
    const out = (d: string) => f.flows.filter((x) => x.from === d).reduce((s, x) => s + x.sites, 0);
    const into = (d: string) => f.flows.filter((x) => x.to === d).reduce((s, x) => s + x.sites, 0);
    expect([out('a'), out('b'), into('c'), into('d')]).toEqual([4, 4, 6, 2]);
  });

  it('uses the smaller of losses and gains when rounding leaves them apart', () => {
    const f = netFlows(map({ a: 0, b: 9 }), map({ a: 10, b: 0 }));
    expect(f.net).toBe(9);
    expect(f.flows).toEqual([{ from: 'a', to: 'b', sites: 9 }]);
  });

  it('leaves out hair-thin arrows and keeps at most the largest few', () => {
    const f = netFlows(map({ b: 99, c: 1 }), map({ a: 100 }), 0.02);
    expect(f.flows.map((x) => x.to)).toEqual(['b']);
    const into: Record<string, number> = {};
    for (let i = 0; i < 30; i++) into[`g${String(i).padStart(2, '0')}`] = 1;
    expect(netFlows(map(into), map({ a: 30 }), 0, 5).flows).toHaveLength(5);
  });

  it('has no arrows when nothing moved on balance', () => {
    expect(netFlows(map({ a: 3, b: 3 }), map({ a: 3, b: 3 }))).toEqual({ gross: 6, net: 0, flows: [] });
    expect(netFlows(new Map(), new Map())).toEqual({ gross: 0, net: 0, flows: [] });
  });
});

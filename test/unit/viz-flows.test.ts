import { describe, expect, it } from 'vitest';
import { netFlows } from '../../viz/flows';

// Estimated relocation arrows from each district's moves in and out.

const map = (o: Record<string, number>) => new Map(Object.entries(o));

describe('netFlows', () => {
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

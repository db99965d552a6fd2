import { describe, expect, it } from 'vitest';
import { Calendar } from '../../sim/core';
import { Recorder } from '../../sim/metrics/recorder';
import { buildWorld, type DistrictRow } from '../../sim/world';

// The recorder registers only the keys the model can make non-zero; a cell it was told cannot
// happen points to a sink that must stay 0.

const row = (id: string, country: 'BE' | 'NL'): DistrictRow => ({
  id,
  name: id,
  country,
  seatLat: 51,
  seatLon: country === 'BE' ? 4 : 5,
  population: 100,
  areaKm2: 1,
  hasMajorSeaport: false,
  otherPorts: [],
  neighbours: [],
});
const world = buildWorld([row('be-a', 'BE'), row('nl-b', 'NL')]);
const calendar = new Calendar('2020-01-01', '2020-03-01');

describe('Recorder', () => {
  it('registers only possible cells, keeps ids in registration order, and records into them', () => {
    const r = new Recorder(world, calendar);
    const total = r.table('cannabis', 'retail', 'volume_kg');
    // Dutch buyers only in the Dutch district
    const byBuyer = r.table('cannabis', 'retail', 'volume_kg', { by: 'buyer', labels: ['BE', 'NL'] }, (k, b) => b === 0 || k === 1);
    r.open();
    expect(r.keys.map((k) => `${k.district} ${k.buyer}`)).toEqual(['be-a ', 'nl-b ', 'be-a BE', 'nl-b BE', 'nl-b NL']);
    // ids are key offsets into the key-major buckets: key × months
    const M = calendar.months.length;
    expect(Array.from(total)).toEqual([0, 1 * M]);
    // be-a BE, be-a NL (no key: the sink, just after the keys), nl-b BE, nl-b NL
    expect(Array.from(byBuyer)).toEqual([2 * M, r.keys.length * M, 3 * M, 4 * M]);
    r.startTick(0);
    r.flow(byBuyer[1 * 2 + 1], 7);
    r.startTick(calendar.ticks - 1);
    r.flow(total[0], 2);
    const out = r.result();
    expect(out.values).toHaveLength(r.keys.length * out.months.length);
    expect(out.values[4 * M]).toBe(7);
    expect(out.values[0 * M + M - 1]).toBe(2);
  });

  it('fails at the end when a cell registered as impossible got a value', () => {
    const r = new Recorder(world, calendar);
    const byBuyer = r.table('cannabis', 'retail', 'volume_kg', { by: 'buyer', labels: ['BE', 'NL'] }, (k, b) => b === 0 || k === 1);
    r.open();
    r.startTick(0);
    r.flow(byBuyer[0 * 2 + 1], 1); // a Dutch buyer in the Belgian district
    expect(() => r.result()).toThrow(/month 2020-01 has a value for a key registered as impossible/);
  });
});

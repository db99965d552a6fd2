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
    // ids are the keys' indices, in this month's buckets
    expect(Array.from(total)).toEqual([0, 1]);
    // be-a BE, be-a NL (no key: the sink, just after the keys), nl-b BE, nl-b NL
    expect(Array.from(byBuyer)).toEqual([2, r.keys.length, 3, 4]);
    r.startTick(0);
    r.flow(byBuyer[1 * 2 + 1], 7);
    r.flow(byBuyer[1 * 2 + 1], 0.5);
    r.startTick(1);
    r.flow(byBuyer[1 * 2 + 1], 0.25);
    r.startTick(calendar.ticks - 1);
    r.flow(total[0], 2);
    const out = r.result();
    // the result is key-major: a key's months side by side
    const M = calendar.months.length;
    expect(out.values).toHaveLength(r.keys.length * M);
    expect(out.values[4 * M]).toBe(7.75);
    expect(out.values[0 * M + M - 1]).toBe(2);
    expect(Array.from(out.values).filter((v) => v !== 0)).toHaveLength(2);
  });

  it('sums each month on its own: weeks of one month into its bucket, the next month from 0', () => {
    // (more months than the recorder buffers at once, and a last part-filled buffer)
    const calendar = new Calendar('2019-01-01', '2020-10-31');
    const r = new Recorder(world, calendar);
    const total = r.table('cannabis', 'retail', 'volume_kg');
    r.open();
    const M = calendar.months.length;
    const expected = new Float64Array(M);
    for (let t = 0; t < calendar.ticks; t++) {
      r.startTick(t);
      r.flow(total[1], t + 1);
      expected[calendar.monthOfTick[t]] += t + 1;
    }
    const out = r.result();
    expect(Array.from(out.values.subarray(1 * M, 2 * M))).toEqual(Array.from(expected));
    expect(Array.from(r.result().values)).toEqual(Array.from(out.values));
    expect(Array.from(out.values.subarray(0, M))).toEqual(new Array(M).fill(0));
    expect(new Set(calendar.monthOfTick).size).toBe(M);
    expect(M).toBe(22);
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

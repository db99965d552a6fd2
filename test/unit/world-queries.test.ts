import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../sim/io/worldData';
import { BE, buildWorld, mainSeaport, nearestAcrossBorder, nearestPort, neighbours, NL, type DistrictRow } from '../../sim/world';

// The questions actor kinds ask of the map, on the project's 22 districts and on a small made-up map.

const world = loadWorld();
const K = world.size;
const id = (k: number) => world.ids[k];

describe('world queries on the project map', () => {
  it('neighbours: exactly the adjacent districts, in district order, both ways', () => {
    const near = neighbours(world);
    for (let k = 0; k < K; k++) {
      expect(near[k]).toEqual(world.ids.map((_, j) => j).filter((j) => world.adjacent[k * K + j]));
      for (const j of near[k]) expect(near[j]).toContain(k);
    }
    expect(near[world.index('nl-limburg')].map(id)).toContain('be-limburg');
  });

  it('nearestAcrossBorder: the closest seat in the other country', () => {
    const across = nearestAcrossBorder(world);
    for (let k = 0; k < K; k++) {
      const j = across[k];
      expect(world.country[j]).not.toBe(world.country[k]);
      expect(world.distanceKm[k * K + j]).toBeCloseTo(world.kmToOtherCountry[k], 9);
    }
    expect(id(across[world.index('be-antwerpen')])).toBe('nl-zeeland-west-brabant');
  });

  it('nearestPort: a district with a port is its own, others the closest with one', () => {
    const port = nearestPort(world);
    for (let k = 0; k < K; k++) {
      const hasPort = world.majorSeaport[k] > 0 || world.minorPorts[k] > 0;
      if (hasPort) expect(port[k]).toBe(k);
      const j = port[k];
      expect(world.majorSeaport[j] + world.minorPorts[j]).toBeGreaterThan(0);
      for (let other = 0; other < K; other++) {
        if (world.majorSeaport[other] + world.minorPorts[other] > 0) expect(world.distanceKm[k * K + j]).toBeLessThanOrEqual(world.distanceKm[k * K + other]);
      }
    }
  });

  it('mainSeaport: Antwerp and Rotterdam', () => {
    expect(id(mainSeaport(world, BE))).toBe('be-antwerpen');
    expect(id(mainSeaport(world, NL))).toBe('nl-rotterdam');
  });
});

describe('mainSeaport on a made-up map', () => {
  const row = (over: Partial<DistrictRow> & { id: string }): DistrictRow => ({
    name: over.id,
    country: 'BE',
    seatLat: 51,
    seatLon: 4,
    population: 100,
    areaKm2: 1,
    hasMajorSeaport: false,
    otherPorts: [],
    neighbours: [],
    ...over,
  });

  it('takes the most populous of several major seaports, and answers -1 for a country without one', () => {
    const map = buildWorld([
      row({ id: 'a', hasMajorSeaport: true, population: 10 }),
      row({ id: 'b', population: 1000 }),
      row({ id: 'c', hasMajorSeaport: true, population: 20 }),
      row({ id: 'd', country: 'NL', seatLon: 5, otherPorts: ['marina'] }),
    ]);
    expect(mainSeaport(map, BE)).toBe(2);
    expect(mainSeaport(map, NL)).toBe(-1);
  });
});

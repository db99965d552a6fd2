// The map the actors live on: 22 districts, their distances, borders and ports.
// Built from plain rows (read from data/districts.csv by sim/io), so the engine itself does no I/O.

import { cos, sin } from '../core/math';

export const COUNTRIES = ['BE', 'NL'] as const;
export type Country = (typeof COUNTRIES)[number];
export const BE = 0;
export const NL = 1;

export interface DistrictRow {
  id: string;
  name: string;
  country: Country;
  seatLat: number;
  seatLon: number;
  population: number;
  areaKm2: number;
  hasMajorSeaport: boolean;
  otherPorts: string[];
  neighbours: string[];
}

export interface World {
  readonly size: number;
  readonly ids: readonly string[];
  readonly rows: readonly DistrictRow[];
  /** 0 = BE, 1 = NL, per district */
  readonly country: Uint8Array;
  readonly population: Float64Array;
  readonly areaKm2: Float64Array;
  /** km between seats, size × size */
  readonly distanceKm: Float64Array;
  /** 1 where two districts share a land border, size × size */
  readonly adjacent: Uint8Array;
  /** 1 where the district borders the other country */
  readonly bordersOtherCountry: Uint8Array;
  /** km from the seat to the nearest seat of a district across the border (0 not used) */
  readonly kmToOtherCountry: Float64Array;
  /** 1 for Antwerp and Rotterdam */
  readonly majorSeaport: Uint8Array;
  /** number of minor ports (marinas, secondary seaports) */
  readonly minorPorts: Uint8Array;
  index(id: string): number;
}

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  // Products rather than ** (sim/core/math.ts: the same bits on every JavaScript engine).
  const sLat = sin(dLat / 2);
  const sLon = sin(dLon / 2);
  const a = sLat * sLat + cos(lat1 * rad) * cos(lat2 * rad) * (sLon * sLon);
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

export function buildWorld(rows: readonly DistrictRow[]): World {
  const n = rows.length;
  const ids = rows.map((r) => r.id);
  const byId = new Map(ids.map((id, i) => [id, i]));
  const country = new Uint8Array(n);
  const population = new Float64Array(n);
  const areaKm2 = new Float64Array(n);
  const distanceKm = new Float64Array(n * n);
  const adjacent = new Uint8Array(n * n);
  const bordersOtherCountry = new Uint8Array(n);
  const kmToOtherCountry = new Float64Array(n);
  const majorSeaport = new Uint8Array(n);
  const minorPorts = new Uint8Array(n);

  rows.forEach((r, i) => {
    country[i] = r.country === 'BE' ? BE : NL;
    population[i] = r.population;
    areaKm2[i] = r.areaKm2;
    majorSeaport[i] = r.hasMajorSeaport ? 1 : 0;
    minorPorts[i] = r.otherPorts.length;
    for (const nb of r.neighbours) {
      const j = byId.get(nb);
      if (j === undefined) throw new Error(`district ${r.id} names unknown neighbour ${nb}`);
      adjacent[i * n + j] = 1;
      adjacent[j * n + i] = 1;
    }
  });
  for (let i = 0; i < n; i++) {
    let nearestAcross = Infinity;
    for (let j = 0; j < n; j++) {
      const d = haversineKm(rows[i].seatLat, rows[i].seatLon, rows[j].seatLat, rows[j].seatLon);
      distanceKm[i * n + j] = d;
      if (country[j] !== country[i]) nearestAcross = Math.min(nearestAcross, d);
      if (adjacent[i * n + j] && country[j] !== country[i]) bordersOtherCountry[i] = 1;
    }
    kmToOtherCountry[i] = nearestAcross;
  }

  return {
    size: n,
    ids,
    rows,
    country,
    population,
    areaKm2,
    distanceKm,
    adjacent,
    bordersOtherCountry,
    kmToOtherCountry,
    majorSeaport,
    minorPorts,
    index(id: string): number {
      const i = byId.get(id);
      if (i === undefined) throw new Error(`unknown district ${id}`);
      return i;
    },
  };
}

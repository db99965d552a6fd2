import type { DistrictRow } from './world';

// The rows of sim/world/data/districts.csv (its sources and licences: sim/world/data/README.md).

export const DISTRICTS_CSV = 'sim/world/data/districts.csv';

export function parseDistrictsCsv(text: string): DistrictRow[] {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${DISTRICTS_CSV}: missing column ${name}`);
    return i;
  };
  const list = (s: string) => (s ? s.split(';') : []);
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    return {
      id: f[col('id')],
      name: f[col('name')],
      country: f[col('country')] as 'BE' | 'NL',
      seatLat: Number(f[col('seat_lat')]),
      seatLon: Number(f[col('seat_lon')]),
      population: Number(f[col('population')]),
      areaKm2: Number(f[col('area_km2')]),
      hasMajorSeaport: f[col('has_major_seaport')] === 'true',
      otherPorts: list(f[col('other_ports')]),
      neighbours: list(f[col('neighbours')]),
    };
  });
}


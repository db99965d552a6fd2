import fs from 'node:fs';
import path from 'node:path';
import { splitCsvLine } from './csvFields';
import type { DistrictMap } from './districtMap';

// Reads the district map (districtMap.ts) from the project's data folder.

export { MAP_CREDIT, type DistrictMap, type DistrictRecord } from './districtMap';

export function loadDistrictMap(dataDir: string): DistrictMap {
  const geojson = JSON.parse(fs.readFileSync(path.join(dataDir, 'geo', 'districts.geojson'), 'utf8')) as DistrictMap['geojson'];
  const [header, ...lines] = fs.readFileSync(path.join(dataDir, 'districts.csv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = splitCsvLine(header);
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`districts.csv: no column ${name}`);
    return i;
  };
  const seats = new Map(lines.map((l) => splitCsvLine(l)).map((f) => [f[col('id')], { seat: f[col('seat')], lat: Number(f[col('seat_lat')]), lon: Number(f[col('seat_lon')]) }]));
  const districts = geojson.features.map((f) => {
    const seat = seats.get(f.properties.id);
    if (!seat) throw new Error(`districts.csv: no seat for ${f.properties.id}`);
    return { id: f.properties.id, name: f.properties.name, country: f.properties.country, ...seat };
  });
  // Only the properties the page uses travel into the report.
  const features = geojson.features.map((f) => ({ type: f.type, properties: { id: f.properties.id, name: f.properties.name, country: f.properties.country }, geometry: f.geometry }));
  return { geojson: { type: 'FeatureCollection', features }, districts };
}

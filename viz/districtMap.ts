// The district map as the report and the explorer draw it: shapes from the project's geo data
// (sim/world/data/geo, provenance there) and each district's seat, where relocation arrows start and
// end (a seat always lies inside its district, a shape's centroid need not). geo.ts reads it from disk.

export const MAP_CREDIT = 'Boundaries: © Statbel (via BNOSAC BelgiumMaps.StatBel), © CBS (via cartomap/nl); simplified and merged; CC BY 4.0.';

export interface DistrictRecord {
  id: string;
  name: string;
  country: string;
  seat: string;
  lon: number;
  lat: number;
}

export interface DistrictMap {
  /** GeoJSON FeatureCollection, rings wound for d3-geo (see PROVENANCE.md: do not rewind) */
  geojson: { type: 'FeatureCollection'; features: { type: 'Feature'; properties: { id: string; name: string; country: string }; geometry: unknown }[] };
  /** in the GeoJSON's feature order */
  districts: DistrictRecord[];
}

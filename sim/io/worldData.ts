import fs from 'node:fs';
import { buildWorld, type World } from '../world';
import { DISTRICTS_CSV, parseDistrictsCsv } from '../world/districtsCsv';
import { projectPath } from './project';

// Reads sim/world/data/districts.csv (its sources and licences: sim/world/data/README.md); the
// parsing is sim/world/districtsCsv.ts's, which the explorer shares.

export { DISTRICTS_CSV, parseDistrictsCsv };

let cached: World | undefined;

export function loadWorld(): World {
  cached ??= buildWorld(parseDistrictsCsv(fs.readFileSync(projectPath(DISTRICTS_CSV), 'utf8')));
  return cached;
}

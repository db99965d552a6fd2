import { parseCatalog, PARAMETERS_YAML } from '../sim/params/catalog';
import { policyRegistry } from '../sim/policies';
import type { ScenarioContext } from '../sim/scenario/context';
import { buildWorld, type DistrictRow } from '../sim/world';
import type { DistrictMap } from '../viz/districtMap';

// What the explorer's page holds inlined (viz/explorerPage.ts writes it): the same data the CLI
// reads from the project's files, already parsed where parsing needs the file system. The page and
// its workers build the catalogue, the world and the scenario library from it with the CLI's code.

export interface LibraryFile {
  /** the file's path from the project root, e.g. scenarios/dismark-history.yaml */
  path: string;
  text: string;
}

export interface ExplorerData {
  version: string;
  /** sim/params/parameters.yaml as parsed YAML (parseCatalog turns it into the catalogue) */
  catalog: unknown;
  /** sim/world/data/districts.csv as parsed rows (buildWorld turns them into the world) */
  districts: DistrictRow[];
  /** the district shapes and seats the report draws */
  map: DistrictMap;
  /** the scenario library: every scenario file of scenarios/ */
  library: LibraryFile[];
}

export function scenarioContextOf(data: Pick<ExplorerData, 'catalog' | 'districts'>): ScenarioContext {
  return { catalog: parseCatalog(data.catalog, PARAMETERS_YAML), world: buildWorld(data.districts), policies: policyRegistry };
}

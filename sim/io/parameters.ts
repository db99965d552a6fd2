import fs from 'node:fs';
import YAML from 'yaml';
import { parseCatalog, PARAMETERS_YAML, type Catalog } from '../params/catalog';
import { projectPath } from './project';

export { PARAMETERS_YAML };

let cached: Catalog | undefined;

export function loadCatalog(): Catalog {
  cached ??= parseCatalog(YAML.parse(fs.readFileSync(projectPath(PARAMETERS_YAML), 'utf8')), PARAMETERS_YAML);
  return cached;
}

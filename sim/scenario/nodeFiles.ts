import fs from 'node:fs';
import path from 'node:path';
import { displayPath } from './displayPath';
import type { ScenarioFiles } from './files';
import { readYamlSource, yamlFilesBeside } from './yamlSource';

/** Scenario files on disk, for the CLI. */
export const nodeFiles: ScenarioFiles = {
  read: (file) => readYamlSource(file),
  resolve: (name, from) => path.resolve(path.dirname(from), name),
  exists: (file) => fs.existsSync(file),
  beside: yamlFilesBeside,
  display: displayPath,
};

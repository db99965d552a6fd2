import fs from 'node:fs';
import path from 'node:path';
import { ScenarioError } from './errors';
import { displayPath } from './displayPath';
import { didYouMean } from './suggest';
import { parseYamlBytes, type YamlSource } from './yamlText';

// Scenario, sweep and calibration files read from disk; the parsing itself is yamlText.ts's.

export { formatKeyPath, YamlSource, type At, type PathItem } from './yamlText';

/**
 * Reads and parses a YAML file. `what` names what the file should be in messages, e.g. "a scenario
 * file". A file that cannot be read, is not text or is not valid YAML ends the reading: nothing
 * after it can be checked.
 */
export function readYamlSource(file: string, what = 'a scenario file'): YamlSource {
  const absolute = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch (err) {
    throw unreadableFile(absolute, err as NodeJS.ErrnoException, what);
  }
  return parseYamlBytes(absolute, displayPath(absolute), bytes, what);
}

function unreadableFile(absolute: string, err: NodeJS.ErrnoException, what: string): ScenarioError {
  const file = displayPath(absolute);
  if (err.code === 'ENOENT') {
    return new ScenarioError({
      file,
      problem: 'file not found',
      expected: `${what} that exists`,
      suggestion: didYouMean(path.basename(absolute), yamlFilesBeside(absolute)),
    });
  }
  if (err.code === 'EISDIR') {
    return new ScenarioError({ file, problem: 'is a directory', expected: `${what} (*.yaml)` });
  }
  return new ScenarioError({ file, problem: `cannot be read (${err.code ?? err.message})`, expected: `${what} that can be read` });
}

export function yamlFilesBeside(file: string): string[] {
  try {
    return fs.readdirSync(path.dirname(file)).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return [];
  }
}

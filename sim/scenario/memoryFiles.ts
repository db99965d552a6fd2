import { ScenarioError } from './errors';
import { baseName, folderOf, type ScenarioFiles } from './files';
import { didYouMean } from './suggest';
import { parseYamlBytes } from './yamlText';

// Scenario files held in memory, by `/`-separated path (e.g. `scenarios/dismark-history.yaml`):
// the explorer's copy of the scenario library and the scenario being edited in the page. Messages
// name a file by its path, as the CLI does when run from the project folder.

/** `a/b/../c.yaml` → `a/c.yaml`; a path that climbs above its root keeps its leading `..`. */
export function normalisePath(name: string): string {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function memoryFiles(texts: ReadonlyMap<string, string>): ScenarioFiles {
  const encoder = new TextEncoder();
  const files: ScenarioFiles = {
    read(file) {
      const text = texts.get(file);
      if (text === undefined) {
        throw new ScenarioError({ file, problem: 'file not found', expected: 'a scenario file that exists', suggestion: didYouMean(baseName(file), files.beside(file)) });
      }
      return parseYamlBytes(file, file, encoder.encode(text));
    },
    resolve: (name, from) => normalisePath(folderOf(from) + name),
    exists: (file) => texts.has(file),
    beside(file) {
      const folder = folderOf(file);
      return [...texts.keys()].filter((f) => folderOf(f) === folder && /\.ya?ml$/.test(f)).map(baseName);
    },
    display: (file) => file,
  };
  return files;
}

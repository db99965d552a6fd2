import type { YamlSource } from './yamlText';

// Where the files of a scenario and the parents it extends come from: the disk for the CLI
// (nodeFiles.ts), the scenario library held in memory for the explorer (memoryFiles.ts). Reading,
// checking and merging are the same code for both, so both give the same scenario and messages.

export interface ScenarioFiles {
  /** Reads and parses a file; one that cannot be read throws its ScenarioError. */
  read(file: string): YamlSource;
  /** The file that `name`, as written in `extends:` (relative to its file), names from `from`. */
  resolve(name: string, from: string): string;
  exists(file: string): boolean;
  /** The names of the scenario files in the folder of `file`, for suggestions. */
  beside(file: string): string[];
  /** How messages name the file. */
  display(file: string): string;
}

/** The part of a `/`-separated path after its last `/`. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** The folder part of a `/`-separated path, with its trailing `/` ('' for a bare name). */
export function folderOf(name: string): string {
  return name.slice(0, name.lastIndexOf('/') + 1);
}

import type { ResolvedScenario } from '../core';
import type { ScenarioContext } from './context';
import { nodeFiles } from './nodeFiles';
import { scenarioContext } from './projectContext';
import { resolveScenario } from './resolve';

// Loading a scenario file from disk, checked against the project's catalogue, world and policies
// unless told otherwise (resolve.ts does the work).

export interface LoadOptions {
  /** `path=value` strings from the CLI's --set, applied after the scenario's own overrides. */
  sets?: readonly string[];
  /** Catalogue, world and policy registry to check against; the project's own by default. */
  context?: Partial<ScenarioContext>;
}

export function loadScenario(file: string, options: LoadOptions = {}): ResolvedScenario {
  return resolveScenario(nodeFiles, file, { sets: options.sets, context: scenarioContext(options.context) });
}

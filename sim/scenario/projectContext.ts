import { loadCatalog } from '../io/parameters';
import { loadWorld } from '../io/worldData';
import { policyRegistry } from '../policies';
import type { ScenarioContext } from './context';

// The project's own catalogue, world and policy registry, read from its files: what the CLI checks against.

export function scenarioContext(overrides: Partial<ScenarioContext> = {}): ScenarioContext {
  return {
    catalog: overrides.catalog ?? loadCatalog(),
    world: overrides.world ?? loadWorld(),
    policies: overrides.policies ?? policyRegistry,
  };
}


import type { Catalog } from '../params/catalog';
import type { PolicyModule } from '../policies';
import type { World } from '../world';

// What a scenario is checked against. Tests pass their own pieces; the CLI uses the project's
// (projectContext.ts), the explorer the same catalogue and world inlined in its page.

export interface ScenarioContext {
  catalog: Catalog;
  world: World;
  policies: ReadonlyMap<string, PolicyModule>;
}

export function districtsOf(world: World, country: 'BE' | 'NL'): string[] {
  const code = country === 'BE' ? 0 : 1;
  return world.ids.filter((_, i) => world.country[i] === code);
}

export function countryOf(world: World, district: string): 'BE' | 'NL' {
  return world.country[world.ids.indexOf(district)] === 0 ? 'BE' : 'NL';
}

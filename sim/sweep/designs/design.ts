import type { Domain } from '../domains';
import type { Random } from '../random';
import type { DesignSpec, DesignType } from '../spec';

// What an experiment design is: rows of unit coordinates (one column per factor, in [0, 1], mapped
// to values by each factor's domain), the groups of rows that belong together, and what the
// sensitivity analysis needs to know about the rows' structure. Adding a design = one module here
// plus one line in the registry.

export type DesignStructure =
  | { kind: 'plain' }
  /** rows t·(k+1) … t·(k+1)+k are trajectory t; each step moves one factor by ±delta */
  | { kind: 'morris'; trajectories: number; levels: number; delta: number }
  /** rows j (A), n + j (B) and (2 + i)·n + j (A with column i from B) */
  | { kind: 'sobol'; n: number };

export interface Design {
  type: DesignType;
  /** design rows × factors, unit coordinates in [0, 1] */
  unit: number[][];
  /** rows that belong together (a Sobol row j, a Morris trajectory): the unit of interleaving */
  groups: number[][];
  structure: DesignStructure;
}

export interface DesignModule {
  type: DesignType;
  description: string;
  /** what the sweep file's `samples` counts for this design, or null when it takes none (grid) */
  samples: { meaning: string; minimum: number } | null;
  build(domains: readonly Domain[], spec: DesignSpec, random: Random): Design;
}

/** One group per row, for designs whose rows stand alone. */
export function singleRowGroups(rows: number): number[][] {
  return Array.from({ length: rows }, (_, i) => [i]);
}

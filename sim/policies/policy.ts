import { MARKETS, type Market } from '../core/types';
import type { World } from '../world/world';
import type { Levers } from './levers';

// What a policy module is: a type name, its parameters (with the same documentation as model
// parameters), and `apply`, which moves levers for the districts the event targets while it is active.

export interface PolicyParameterSpec {
  /** 'market': one of the markets; 'markets': a market or 'all' */
  kind: 'number' | 'boolean' | 'market' | 'markets';
  default: number | boolean | string;
  unit?: string;
  range?: [number, number];
  description: string;
}

export interface ActiveEvent {
  /** indices of targeted districts */
  districts: Int32Array;
  parameters: Record<string, number | boolean | string>;
}

export interface PolicyModule {
  type: string;
  description: string;
  /** Which districts an event may target; 'any' allows both countries. */
  appliesTo: 'any' | 'BE' | 'NL';
  parameters: Record<string, PolicyParameterSpec>;
  apply(levers: Levers, event: ActiveEvent, world: World): void;
}

export function marketIndex(name: Market | string): number {
  return (MARKETS as readonly string[]).indexOf(name);
}

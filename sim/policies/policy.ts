import { ECHELONS, MARKETS, type Echelon, type Market } from '../core/types';
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
  /** years since the event started (0 in its first week), held at its end while it fades: for a policy whose strength changes over time */
  yearsActive: number;
  /** years since the event ended while it fades out (see PolicyModule.fadeYears), 0 while it runs */
  yearsAfterEnd: number;
}

export interface PolicyModule {
  type: string;
  description: string;
  /** Which districts an event may target; 'any' allows both countries. */
  appliesTo: 'any' | 'BE' | 'NL';
  parameters: Record<string, PolicyParameterSpec>;
  /**
   * The markets and echelons an event with these parameters acts on directly, through the levers it
   * moves (not through what the model then does with them). `waterbed compare` gives a displacement
   * quotient only for these rows; test/unit/policies.test.ts holds it against the levers moved.
   */
  actsOn(parameters: Record<string, number | boolean | string>): PolicyReach;
  apply(levers: Levers, event: ActiveEvent, world: World): void;
  /**
   * Years an event with these parameters keeps acting after its end, fading out (a police
   * practice does not end on the day a plan does); absent or 0: it stops at its end.
   */
  fadeYears?(parameters: Record<string, number | boolean | string>): number;
}

export interface PolicyReach {
  markets: readonly Market[];
  echelons: readonly Echelon[];
}

/** Police effort is shared by every echelon of a market: a lever on effort reaches them all. */
export const ALL_ECHELONS: readonly Echelon[] = ECHELONS;

/** The markets a `market` or `markets` parameter names ('all': every market). */
export function marketsOf(value: number | boolean | string): readonly Market[] {
  return value === 'all' ? MARKETS : MARKETS.filter((m) => m === value);
}

export function marketIndex(name: Market | string): number {
  return (MARKETS as readonly string[]).indexOf(name);
}

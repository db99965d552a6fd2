import type { Echelon } from '../core/types';
import type { ParameterReader } from '../params/read';
import type { Context } from './context';
import type { SiteKind } from './siteKind';

// What an actor kind is to the engine: a name, where in the supply chain it acts, the parameters it
// reads, and a step for each phase of the week it takes part in. The scheduler calls the steps;
// everything else a kind needs (the sellers its buyers buy from, the importers whose stock its
// brokers sell) it is given when it is built.

/** The phases of a week in which actor kinds act (sim/engine/scheduler.ts runs them in this order). */
export const ACTOR_PHASES = ['retail', 'production', 'trade', 'entry'] as const;
export type ActorPhase = (typeof ACTOR_PHASES)[number];

export interface ActorKind {
  readonly name: string;
  /**
   * Where the kind acts in the supply chain. Within a phase, kinds take their turn down the chain
   * (production, import, middle market, retail), so goods move from one echelon to the next in the
   * same week; kinds of one echelon go in the registry's order.
   */
  readonly echelon: Echelon;
  /** the prefix of its parameters in sim/params/parameters.yaml, e.g. 'growers' */
  readonly prefix: string;
  /** its step in each phase it takes part in */
  readonly steps: Partial<Record<ActorPhase, (ctx: Context) => void>>;
  /** agents alive now */
  readonly agents: number;
  /** the supply-side logic it shares with other kinds (absent for consumer cohorts) */
  readonly site?: SiteKind;
  /**
   * What actor (slot) i produces, ships or sells in a year at its current size and place and this
   * week's rates, kg, for all the real-world actors the agent stands for (site kinds, for the actor
   * census: sim/agents/census.ts). Read between the trade and entry phases; it changes nothing.
   */
  volumeKgPerYear?(i: number): number;
}

/** The kinds built so far, for a kind that needs a peer (built earlier in the registry's order). */
export class BuiltKinds {
  private readonly kinds: ActorKind[] = [];

  add(kind: ActorKind): void {
    this.kinds.push(kind);
  }

  /** Every built kind of one class, in the order built. */
  all<T extends ActorKind>(of: abstract new (...args: never[]) => T): T[] {
    return this.kinds.filter((k): k is T => k instanceof of);
  }

  /** The one built kind of a class; an error if there is none (a peer listed after its user in the registry). */
  one<T extends ActorKind>(of: abstract new (...args: never[]) => T): T {
    const found = this.all(of);
    if (found.length !== 1) throw new Error(`actor kinds: expected one ${of.name} built before this kind, found ${found.length}`);
    return found[0];
  }

  list(): readonly ActorKind[] {
    return this.kinds;
  }
}

/** How the registry builds one kind for a replicate. */
export type BuildKind = (ctx: Context, p: ParameterReader, built: BuiltKinds) => ActorKind;

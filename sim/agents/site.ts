import type { RiskView } from '../behaviour/location';
import type { ChoiceDraw } from '../behaviour/choice';
import { weekKey, type KeyedStream } from '../core/keyed';
import { MARKETS, type Echelon, type Market } from '../core/types';
import type { ParameterReader } from '../params/read';
import type { Levers } from '../policies/levers';
import type { World } from '../world/world';
import type { Context } from './context';
import { Organisations } from './organisations';
import { Population } from './population';

// What a supply-side actor kind is before it acts: its agents and their organisations, what one
// agent stands for, the per-class numbers police and risk work with, and its keyed random numbers. The
// parts of its week (counting, moving, entering and leaving, raids) each take this as their input.

export interface SiteKindConfig {
  name: string;
  market: Market;
  echelon: Echelon;
  /** labels of the `kind` field (size classes, channels, routes) */
  classes: readonly string[];
  /** parameter prefix, e.g. 'growers' */
  prefix: string;
  /**
   * Classes that serve the buyers of the district they are in (dealers, couriers): after a raid
   * they carry on where their customers are, or quit, instead of choosing a new district.
   */
  localClasses?: readonly string[];
  /** what draws actors to a district in the location choice, per district (the same for both origins); 0 where absent */
  attractiveness?: ArrayLike<number>;
  /**
   * How many places an actor could settle in, per district (any unit: only ratios count). A district
   * is many alike places taken together, so the location choice adds location.sizeWeight × ln of it
   * (McFadden 1978): without it a small district would draw as many actors as a province.
   */
  places?: ArrayLike<number>;
  /**
   * Whether each class is a trade of its own that hears its own news (dealers, couriers and mail
   * vendors are found by different police work: street policing, call-centre investigations, customs
   * checks of the post); otherwise the classes (plantation sizes, lab kinds) read one topic, the kind's.
   */
  newsPerClass?: boolean;
  /**
   * Whether its classes are sizes: then the sites police dismantle are recorded by size too (the
   * record counts Belgian plantations found by size class: Senate question 5-4458)
   */
  classesAreSizes?: boolean;
  /** whether its Dutch actors carry know-how to Belgians nearby (producers; ODD 7.14) */
  spreadsKnowhow?: boolean;
  /**
   * For actors that buy supplies (growth material, precursors) in BE or NL each cycle
   * (LINK_SUPPLY_FROM_NL): the country whose sites' supply origin is recorded, the one the study asks
   * about (Belgian plantations' growth material, Dutch labs' precursors)
   */
  suppliesRecordedIn?: number;
  /**
   * A policy lever on how often police find actors of class `cls` in district k, besides the
   * market's detection (mail vendors: customs checks of outgoing post); 1 everywhere if absent
   */
  detectionLever?: (levers: Levers, cls: number, k: number) => number;
  /** whether actors of an origin can ever be active in district k (both anywhere, if absent): keys that cannot are not recorded */
  possibleOrigin?: (k: number, origin: number) => boolean;
}

/** the week the initial actors enter in, for their ids: before the first week of the run */
export const INITIAL_WEEK = -1;

/** room in an actor id for entry cells and for newcomers per cell and week (ids stay below 2^53 for 2^23 weeks) */
const ENTRY_CELLS = 1024;
const ENTRANTS_PER_CELL = 1 << 20;

export class Site {
  /** index of the market in MARKETS */
  readonly market: number;
  readonly world: World;
  readonly pop: Population;
  readonly orgs: Organisations;
  /** real-world actors one agent stands for */
  readonly weight: number;
  /** per class: how easily police find it, what it stands to lose, how much it is the bottom of a chain, persons per arrest */
  readonly visibility: Float64Array;
  readonly stake: Float64Array;
  readonly bottomOfChain: Float64Array;
  readonly personsPerArrest: Float64Array;
  /** per class: where its news is in the signal (sim/behaviour/publicSignal.ts: operations like its own) */
  readonly newsOffset: Int32Array;
  /** per class: how its actors see risk: the news of their kind and class, belief bias */
  private readonly views: RiskView[];
  /** the kind's keyed draws, by actor id (or entry cell), week and purpose (sim/agents/draws.ts) */
  readonly random: KeyedStream;
  /**
   * Drugs actor i holds now, kg (what a raid seizes): the stock array, unless the kind works it out
   * from what it keeps anyway (a plantation's weeks into its cycle, a seller's share of demand), which
   * spares a store per actor and week.
   */
  heldKg: (i: number) => number = (i) => this.pop.stockKg[i];
  /** scratch for choiceDraw */
  private readonly choice: ChoiceDraw;

  /**
   * `sharedOrganisations`: the organisations of another kind that this kind's actors belong to (mail
   * vendors work for the labs' organisations), so raids and takedowns reach across both.
   */
  constructor(readonly config: SiteKindConfig, ctx: Context, p: ParameterReader, initialAgents: number, sharedOrganisations?: Organisations) {
    const { world, streams } = ctx;
    const K = world.size;
    const pre = config.prefix;
    const keep = p.num('risk.memoryKeepPerWeek');
    this.world = world;
    this.market = MARKETS.indexOf(config.market);
    this.pop = new Population(initialAgents, K, keep, config.classes.length);
    this.orgs = sharedOrganisations ?? new Organisations(Math.ceil(initialAgents / 2), K, keep);
    this.weight = 1 / (p.num(`${pre}.agentsPerActor`) * p.num('population.scale'));
    this.visibility = p.list(`${pre}.visibility`, config.classes);
    this.stake = p.list(`${pre}.stake`, config.classes);
    this.bottomOfChain = p.list(`${pre}.bottomOfChain`, config.classes);
    this.personsPerArrest = p.list(`${pre}.personsPerArrest`, config.classes);
    const kindTopic = config.newsPerClass ? -1 : ctx.signal.addTopic();
    this.newsOffset = Int32Array.from(config.classes, () => (config.newsPerClass ? ctx.signal.addTopic() : kindTopic));
    this.views = Array.from(this.newsOffset, (offset) => ({ publicRisk: ctx.signal.perceived, publicOffset: offset, bias: ctx.bias }));
    this.random = streams.get(config.name);
    this.choice = { key: 0, tick: 0, purpose: 0 };
  }

  /** How actors of class cls see risk. */
  view(cls: number): RiskView {
    return this.views[cls];
  }

  /** The keyed draw of a choice among options (sim/behaviour/choice.ts) this week, for an actor's or a newcomer's draw key. */
  choiceDraw(ctx: Context, key: number, purpose: number): ChoiceDraw {
    const d = this.choice;
    d.key = key;
    d.tick = ctx.tick;
    d.purpose = purpose;
    return d;
  }

  /** Actor i's uniform for `purpose` this week. */
  draw(ctx: Context, i: number, purpose: number): number {
    return this.random.at(this.pop.drawKey[i], ctx.tick, purpose);
  }

  /** Actor i's week key this week (weekKey): for an actor that draws several times in the week, its key and the week hashed once (happensIn, weekUniform). */
  weekOf(ctx: Context, i: number): number {
    return weekKey(this.pop.drawKey[i], ctx.tick);
  }

  /** Whether an event of `chance` happens to actor i this week: its uniform for `purpose` is below the chance. */
  happens(ctx: Context, i: number, purpose: number, chance: number): boolean {
    return this.random.happens(chance, this.pop.drawKey[i], ctx.tick, purpose);
  }

  /**
   * The id of the `a`-th newcomer of week `tick` in entry cell `cell` (a kind's own numbering of where
   * newcomers come from: an origin, a class × district, …; kinds that share organisations number their
   * cells apart). The initial actors enter in week −1. Two runs give a newcomer the same id whenever
   * they have it enter at the same time and place, so it draws the same numbers in both.
   */
  newId(tick: number, cell: number, a: number): number {
    if (cell < 0 || cell >= ENTRY_CELLS || a < 0 || a >= ENTRANTS_PER_CELL) throw new Error(`${this.config.name}: entry cell ${cell} or newcomer ${a} out of range`);
    return ((tick + 1) * ENTRY_CELLS + cell) * ENTRANTS_PER_CELL + a;
  }

  /** The week an actor with this id (newId) entered in: INITIAL_WEEK for the initial actors. */
  static entryWeek(id: number): number {
    return Math.floor(id / (ENTRY_CELLS * ENTRANTS_PER_CELL)) - 1;
  }
}

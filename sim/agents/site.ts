import type { RiskView } from '../behaviour/location';
import type { RandomStream } from '../core/rng';
import { MARKETS, type Echelon, type Market } from '../core/types';
import type { ParameterReader } from '../params/read';
import type { World } from '../world/world';
import type { Context } from './context';
import { Organisations } from './organisations';
import { Population } from './population';

// What a supply-side actor kind is before it acts: its agents and their organisations, what one
// agent stands for, the per-class numbers police and risk work with, and its random streams. The
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
  /** whether its Dutch actors carry know-how to Belgians nearby (producers; ODD 7.14) */
  spreadsKnowhow?: boolean;
  /** whether actors of an origin can ever be active in district k (both anywhere, if absent): keys that cannot are not recorded */
  possibleOrigin?: (k: number, origin: number) => boolean;
}

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
  /** how the kind sees risk: news of its market, belief bias */
  readonly view: RiskView;
  /** raids and quitting; choices (where to go, whether to give up); who enters */
  readonly events: RandomStream;
  readonly choices: RandomStream;
  readonly entryStream: RandomStream;

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
    this.pop = new Population(initialAgents, K, keep);
    this.orgs = sharedOrganisations ?? new Organisations(Math.ceil(initialAgents / 2), K, keep);
    this.weight = 1 / (p.num(`${pre}.agentsPerActor`) * p.num('population.scale'));
    this.visibility = p.list(`${pre}.visibility`, config.classes);
    this.stake = p.list(`${pre}.stake`, config.classes);
    this.bottomOfChain = p.list(`${pre}.bottomOfChain`, config.classes);
    this.personsPerArrest = p.list(`${pre}.personsPerArrest`, config.classes);
    this.view = { publicRisk: ctx.signal.perceived, publicOffset: this.market * K, bias: ctx.bias };
    this.events = streams.get(`${config.name}.events`);
    this.choices = streams.get(`${config.name}.choices`);
    this.entryStream = streams.get(`${config.name}.entry`);
  }
}

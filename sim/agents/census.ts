import type { Calendar } from '../core/calendar';
import type { Echelon, Market } from '../core/types';
import type { World } from '../world/world';
import type { Context } from './context';
import type { ActorKind } from './kind';
import { LINK_SOLD_IN_NL, LINK_SUPPLY_FROM_NL } from './population';
import { INITIAL_WEEK, Site } from './site';

// The actor census: on chosen weeks, one record per supply-side actor alive (its id, organisation,
// origin, district, class, the parts of its Dutch link, age and volume), so that a researcher can
// cross-tabulate what the series do not break down (agents.parquet, docs/OUTPUTS.md). It is taken
// between the trade and entry phases of the week (sim/engine/scheduler.ts), after the kinds have
// counted their active sites and before the week's newcomers, who start the week after, enter: the
// actors it finds that operated this week are exactly those of that week's active_sites; the others
// were raided this week and carry on. Taking it reads and changes nothing else, so a run gives the same
// series with or without it, and a run that does not ask for it pays one check a week.
//
// Consumer cohorts are left out: they are fixed groups of a district's users of one drug, never
// entering, leaving or belonging to an organisation, and what they buy through each channel is in the
// series already.

/** How often to take the census: `--agents` of `waterbed run`. */
export const CENSUS_SCHEDULES = ['none', 'yearly', 'monthly'] as const;
export type CensusSchedule = (typeof CENSUS_SCHEDULES)[number];

/**
 * The weeks of a census: the last week of each calendar year (`yearly`) or month (`monthly`) of the
 * run, so the run's last week closes its last, perhaps partial, year or month.
 */
export function censusWeeks(calendar: Calendar, schedule: CensusSchedule): number[] {
  if (schedule === 'none') return [];
  const period = (t: number) => {
    const month = calendar.months[calendar.monthOfTick[t]];
    return schedule === 'yearly' ? month.slice(0, 4) : month;
  };
  const weeks: number[] = [];
  for (let t = 0; t < calendar.ticks; t++) if (t === calendar.ticks - 1 || period(t + 1) !== period(t)) weeks.push(t);
  return weeks;
}

/** What the census records of a kind once, for all its rows. */
export interface CensusKind {
  name: string;
  market: Market;
  echelon: Echelon;
  /** labels of the class column (size classes, lab kinds, channels, 'importer', 'broker') */
  classes: readonly string[];
  /** real-world actors one agent stands for */
  weight: number;
  /** producers buy supplies and sell their output each cycle (LINK_SUPPLY_FROM_NL, LINK_SOLD_IN_NL); other kinds never set those bits */
  producer: boolean;
}

/** A replicate's census: one row per actor and census week, ordered by week, kind (registry order) and id. */
export interface ActorCensus {
  /** per census week: the date of its first day, YYYY-MM-DD */
  dates: string[];
  kinds: CensusKind[];
  /** the world's district ids, and each one's country (0 = BE, 1 = NL) */
  districts: string[];
  districtCountry: number[];
  rows: number;
  /** index into dates */
  week: Uint16Array;
  /** index into kinds */
  kind: Uint8Array;
  /** Population.id: where and when the actor entered, unique in its kind and never reused */
  id: Float64Array;
  /** the organisation's id (its founder's actor id, or 2^52 + n for one regrouped after a takedown), unique among the kinds that share the organisations */
  organisation: Float64Array;
  /** 0 = BE, 1 = NL */
  origin: Uint8Array;
  organisationOrigin: Uint8Array;
  /** index into the world's districts */
  district: Uint8Array;
  /** index into the kind's classes */
  cls: Uint8Array;
  /** the LINK_* bits */
  flags: Uint8Array;
  /** 1 if it operated this week (counted in active_sites), 0 if it was raided this week and carries on */
  operating: Uint8Array;
  /** weeks operated up to and including the census week (for the initial actors, since the run's start) */
  ageWeeks: Int32Array;
  /** whether the actor is one of the run's initial actors (its real age is longer than ageWeeks) */
  initial: Uint8Array;
  /** ActorKind.volumeKgPerYear */
  volumeKgPerYear: Float32Array;
}

/** The columns of ActorCensus that have one value per row, with their array types. */
const ROW_COLUMNS = {
  week: Uint16Array,
  kind: Uint8Array,
  id: Float64Array,
  organisation: Float64Array,
  origin: Uint8Array,
  organisationOrigin: Uint8Array,
  district: Uint8Array,
  cls: Uint8Array,
  flags: Uint8Array,
  operating: Uint8Array,
  ageWeeks: Int32Array,
  initial: Uint8Array,
  volumeKgPerYear: Float32Array,
} as const;
type RowColumn = keyof typeof ROW_COLUMNS;
type RowArrays = { [C in RowColumn]: InstanceType<(typeof ROW_COLUMNS)[C]> };

/** Rows from … to−1 of a census, as views of its arrays. */
export function censusRows(census: ActorCensus, from: number, to: number): ActorCensus {
  const part = { ...census, rows: to - from };
  for (const c of Object.keys(ROW_COLUMNS) as RowColumn[]) (part as Record<RowColumn, unknown>)[c] = census[c].subarray(from, to);
  return part;
}

/** The buffers of a census, to transfer from a worker thread rather than copy. */
export function censusBuffers(census: ActorCensus): ArrayBuffer[] {
  return (Object.keys(ROW_COLUMNS) as RowColumn[]).map((c) => census[c].buffer as ArrayBuffer);
}

/** Takes a replicate's census on its weeks (see CENSUS_SCHEDULES). */
export class CensusTaker {
  private readonly weeks: number[];
  /** the next census week's place in `weeks` */
  private next = 0;
  private readonly kinds: ActorKind[];
  private readonly dates: string[] = [];
  private rows = 0;
  private columns: RowArrays;

  constructor(kinds: readonly ActorKind[], private readonly world: World, calendar: Calendar, schedule: CensusSchedule) {
    this.weeks = censusWeeks(calendar, schedule);
    if (this.weeks.length > 0xffff) throw new Error(`actor census: ${this.weeks.length} census weeks, more than a week column holds`);
    this.kinds = kinds.filter((k) => k.site);
    for (const k of this.kinds) if (!k.volumeKgPerYear) throw new Error(`actor census: actor kind ${k.name} has no volumeKgPerYear`);
    this.columns = allocate(1024);
  }

  /** Takes the census if this week is one of its weeks (called every week, between trade and entry). */
  take(ctx: Context): void {
    if (ctx.tick !== this.weeks[this.next]) return;
    this.next++;
    const week = this.dates.push(ctx.calendar.dateOfTick(ctx.tick)) - 1;
    this.kinds.forEach((kind, k) => this.count(kind, k, week, ctx.tick));
  }

  private count(kind: ActorKind, k: number, week: number, tick: number): void {
    const site = kind.site!;
    const { pop, orgs } = site;
    const producer = isProducer(kind);
    // The kind's actors in id order: slots are reused, ids never are.
    const slots: number[] = [];
    for (let i = 0; i < pop.highWater; i++) if (pop.isAlive[i]) slots.push(i);
    slots.sort((a, b) => pop.id[a] - pop.id[b]);
    const operating = new Uint8Array(pop.highWater);
    for (let j = 0; j < site.operating; j++) operating[site.active[j]] = 1;
    this.reserve(slots.length);
    const c = this.columns;
    for (const i of slots) {
      const row = this.rows++;
      const entered = Site.entryWeek(pop.id[i]);
      if (!producer && pop.flags[i] & (LINK_SUPPLY_FROM_NL | LINK_SOLD_IN_NL)) throw new Error(`actor census: a ${kind.name} actor has a producer's Dutch link`);
      c.week[row] = week;
      c.kind[row] = k;
      c.id[row] = pop.id[i];
      c.organisation[row] = orgs.id[pop.organisation[i]];
      c.origin[row] = pop.origin[i];
      c.organisationOrigin[row] = orgs.origin[pop.organisation[i]];
      c.district[row] = pop.district[i];
      c.cls[row] = pop.kind[i];
      c.flags[row] = pop.flags[i];
      c.operating[row] = operating[i];
      c.ageWeeks[row] = tick - entered;
      c.initial[row] = entered === INITIAL_WEEK ? 1 : 0;
      c.volumeKgPerYear[row] = kind.volumeKgPerYear!(i);
    }
  }

  /** Room for n more rows. */
  private reserve(n: number): void {
    const capacity = this.columns.week.length;
    if (this.rows + n <= capacity) return;
    const wider = allocate(Math.max(2 * capacity, this.rows + n));
    for (const c of Object.keys(ROW_COLUMNS) as RowColumn[]) (wider[c] as { set(a: ArrayLike<number>): void }).set(this.columns[c].subarray(0, this.rows));
    this.columns = wider;
  }

  result(): ActorCensus {
    const rows = this.rows;
    const exact = {} as RowArrays;
    for (const c of Object.keys(ROW_COLUMNS) as RowColumn[]) (exact as Record<RowColumn, unknown>)[c] = this.columns[c].slice(0, rows);
    return {
      dates: this.dates.slice(),
      kinds: this.kinds.map((kind) => {
        const { config, weight } = kind.site!;
        return { name: kind.name, market: config.market, echelon: config.echelon, classes: config.classes, weight, producer: isProducer(kind) };
      }),
      districts: this.world.ids.slice(),
      districtCountry: Array.from(this.world.country),
      rows,
      ...exact,
    };
  }
}

/** Whether a kind buys supplies and sells its output each cycle: the kinds whose supplies' origin the series record. */
function isProducer(kind: ActorKind): boolean {
  return kind.site!.config.suppliesRecordedIn !== undefined;
}

function allocate(n: number): RowArrays {
  const arrays = {} as Record<RowColumn, unknown>;
  for (const [c, Typed] of Object.entries(ROW_COLUMNS)) arrays[c as RowColumn] = new Typed(n);
  return arrays as RowArrays;
}

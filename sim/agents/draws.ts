import { GeometricTable, weekUniform } from '../core/keyed';

// What each keyed draw of the model is for: the `purpose` of KeyedStream.at (sim/core/keyed.ts). Every
// decision has its own number, so an actor that makes one decision more or less in a week in one run
// than in another draws alike for all its other decisions. A purpose is used at most once per actor
// and week (those that take two uniforms use the next number too).

export const DRAW = {
  // an actor's life: entering, quitting, raids
  home: 1,
  actorClass: 2,
  joinOrganisation: 3,
  /** the point on the contact circle (ContactBook) */
  contact: 4,
  /** where the contact is: a district and origin (Turnover.contactBook) */
  contactPlace: 6,
  contactRank: 5,
  settle: 12,
  cyclePhase: 13,
  retire: 14,
  /** the raid coin (Raids.sweep): its value in a week it is looked at, in any other week, and the gap to the next such week */
  raid: 15,
  raidOther: 16,
  raidCheck: 22,
  exitAfterArrest: 17,
  lead: 18,
  leadPriority: 23,
  exitAfterSeizure: 19,
  /** whether a survivor of its organisation's takedown carries on in the regrouped one */
  regroup: 24,
  reconsider: 20,
  move: 21,
  // producers
  supplyFromNL: 30,
  soldInNL: 31,
  scaleUp: 32,
  dump: 33,
  dumpAway: 34,
  dumpWhere: 35,
  dumpFound: 36,
  /** which conversion lab a production lab buying in Belgium gets its precursors from */
  precursorSupplier: 37,
  // sellers
  excessQuit: 40,
  dutchRun: 41,
  origin: 42,
  // importers
  ship: 50,
  route: 51,
  intercept: 52,
  /** newcomers in an entry cell this week (the id is the cell); uses entrants and entrants + 1 */
  entrants: 60,
  // consumer cohorts (the id is the cohort)
  review: 71,
  channel: 72,
  // organisations (the id is the organisation's)
  crossBorderTakedown: 80,
} as const;

/**
 * the chance per week below which an actor's raid coin is looked at only in its check weeks (Raids.sweep): a speed
 * setting (the coin's law does not depend on it; which values it takes for a seed does)
 */
export const CHECK_BOUND = 0.02;

/**
 * An actor's raid coin for a week (Raids.sweep), from its week key (weekKey of its draw key and the
 * week): uniform over all weeks, below CHECK_BOUND exactly in its check weeks.
 */
export function raidCoin(week: number, checkWeek: boolean): number {
  return checkWeek ? CHECK_BOUND * weekUniform(week, DRAW.raid) : CHECK_BOUND + (1 - CHECK_BOUND) * weekUniform(week, DRAW.raidOther);
}

/** the gaps between check weeks, as trialsFrom draws them at CHECK_BOUND (its counts stay far below the table's largest) */
const CHECK_GAPS = GeometricTable.of(Math.log(1 - CHECK_BOUND)) as GeometricTable;

/** The actor's next check week after week `tick`, from its week key then (a geometric gap at CHECK_BOUND a week, as KeyedStream.trialsUntil draws it). */
export function nextRaidCheck(week: number, tick: number): number {
  return Math.min(0x7fffffff, tick + CHECK_GAPS.trials(weekUniform(week, DRAW.raidCheck)));
}

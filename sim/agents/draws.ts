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
  contactRank: 5,
  settle: 12,
  cyclePhase: 13,
  retire: 14,
  raidClock: 15,
  regularRaid: 16,
  exitAfterArrest: 17,
  lead: 18,
  exitAfterSeizure: 19,
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

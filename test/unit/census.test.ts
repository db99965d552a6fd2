import { describe, expect, it } from 'vitest';
import { censusWeeks, type ActorCensus } from '../../sim/agents/census';
import { INITIAL_WEEK, Site } from '../../sim/agents/site';
import { Calendar } from '../../sim/core';
import { simulateReplicate } from '../../sim/engine';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';

// The actor census (sim/agents/census.ts): when it is taken, what an actor's id says about its entry,
// and that taking it leaves the replicate as it was.

describe('censusWeeks', () => {
  const calendar = new Calendar('2010-01-01', '2012-01-13');
  const dates = (weeks: number[]) => weeks.map((t) => calendar.dateOfTick(t));

  it('takes a yearly census in the last week of each year, the run’s last week closing its last', () => {
    expect(dates(censusWeeks(calendar, 'yearly'))).toEqual(['2010-12-31', '2011-12-30', '2012-01-06']);
  });

  it('takes a monthly census in the last week of each month', () => {
    const weeks = censusWeeks(calendar, 'monthly');
    expect(weeks).toHaveLength(calendar.months.length);
    expect(dates(weeks).slice(0, 3)).toEqual(['2010-01-29', '2010-02-26', '2010-03-26']);
    // each is its month's last week: the next week starts in the next month
    for (const t of weeks.slice(0, -1)) expect(calendar.monthOfTick[t + 1]).toBe(calendar.monthOfTick[t] + 1);
    expect(weeks.at(-1)).toBe(calendar.ticks - 1);
  });

  it('takes none when not asked', () => {
    expect(censusWeeks(calendar, 'none')).toEqual([]);
  });
});

describe('Site.entryWeek', () => {
  it('reads back the week an id was given in', () => {
    const newId = (tick: number, cell: number, a: number) => Site.prototype.newId.call({ config: { name: 'test' } } as Site, tick, cell, a);
    for (const [tick, cell, a] of [[INITIAL_WEEK, 0, 0], [INITIAL_WEEK, 1, 5], [0, 3, 17], [1613, 1023, (1 << 20) - 1]]) {
      expect(Site.entryWeek(newId(tick, cell, a)), `${tick}/${cell}/${a}`).toBe(tick);
    }
  });
});

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('the census of a replicate', () => {
  const scenario = loadScenario('test/fixtures/scenarios/short-census.yaml');
  const world = loadWorld();
  const plain = simulateReplicate(scenario, world, 4, 0);
  const withCensus = simulateReplicate(scenario, world, 4, 0, undefined, [], 'yearly');
  const census = withCensus.census!;

  it('changes nothing the replicate records', () => {
    expect(plain.census).toBeUndefined();
    expect(withCensus.series.keys).toEqual(plain.series.keys);
    expect(bytes(withCensus.series.values).equals(bytes(plain.series.values))).toBe(true);
    expect(bytes(withCensus.series.flows.values).equals(bytes(plain.series.flows.values))).toBe(true);
  });

  it('lists the supply-side kinds, not the consumer cohorts', () => {
    expect(census.kinds.map((k) => k.name)).toEqual(['growers', 'labs', 'sellers-cannabis', 'sellers-synthetic', 'sellers-cocaine', 'importers', 'brokers']);
    expect(census.kinds.filter((k) => k.producer).map((k) => k.name)).toEqual(['growers', 'labs']);
    expect(census.dates).toEqual(['2010-12-31', '2011-12-30', '2012-01-06']);
  });

  it('orders its rows by week, kind and id, each actor once a week', () => {
    expect(census.rows).toBeGreaterThan(1000);
    for (let row = 1; row < census.rows; row++) {
      const order = census.week[row] - census.week[row - 1] || census.kind[row] - census.kind[row - 1] || census.id[row] - census.id[row - 1];
      expect(order, `row ${row}`).toBeGreaterThan(0);
    }
  });

  it('ages an actor by the weeks between two censuses, from its entry', () => {
    const weekOf = census.dates.map((d) => (Date.parse(d) - Date.parse(scenario.start)) / (7 * 86_400_000));
    const seen = new Map<string, number>();
    let followed = 0;
    for (let row = 0; row < census.rows; row++) {
      const tick = weekOf[census.week[row]];
      const entered = Site.entryWeek(census.id[row]);
      expect(census.ageWeeks[row]).toBe(tick - entered);
      expect(census.ageWeeks[row]).toBeGreaterThan(0);
      expect(census.initial[row]).toBe(entered === INITIAL_WEEK ? 1 : 0);
      const actor = `${census.kind[row]}/${census.id[row]}`;
      const before = seen.get(actor);
      if (before !== undefined) {
        expect(census.ageWeeks[row] - census.ageWeeks[before]).toBe(tick - weekOf[census.week[before]]);
        followed++;
      }
      seen.set(actor, row);
    }
    expect(followed).toBeGreaterThan(100);
  });

  it('gives an organisation one origin across its members, and a Dutch organiser link to its Belgian members exactly when it is Dutch', () => {
    const originOf = new Map<string, number>();
    // labs and synthetic sellers share their organisations (kinds 1 and 3)
    const set = (c: ActorCensus, row: number) => (c.kinds[c.kind[row]].name === 'sellers-synthetic' ? 'labs' : c.kinds[c.kind[row]].name);
    for (let row = 0; row < census.rows; row++) {
      const key = `${census.week[row]}/${set(census, row)}/${census.organisation[row]}`;
      const origin = originOf.get(key);
      if (origin !== undefined) expect(census.organisationOrigin[row], key).toBe(origin);
      originOf.set(key, census.organisationOrigin[row]);
      const dutchOrganiser = (census.flags[row] & 1) !== 0;
      expect(dutchOrganiser, `row ${row}`).toBe(census.origin[row] === 1 || census.organisationOrigin[row] === 1);
    }
  });

  it('finds a few actors raided in the census week among the living, not among the operating', () => {
    let raided = 0;
    for (let row = 0; row < census.rows; row++) if (!census.operating[row]) raided++;
    expect(raided).toBeGreaterThan(0);
    expect(raided).toBeLessThan(census.rows / 20);
  });
});

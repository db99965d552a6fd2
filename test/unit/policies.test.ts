import { describe, expect, it } from 'vitest';
import { Calendar, ECHELONS, MARKETS, type PolicyEvent } from '../../sim/core';
import { loadWorld } from '../../sim/io/worldData';
import { capacity } from '../../sim/policies/capacity';
import { detectionPriority } from '../../sim/policies/detectionPriority';
import { postChecks } from '../../sim/policies/postChecks';
import { registration } from '../../sim/policies/registration';
import { iCriterion } from '../../sim/policies/iCriterion';
import { Levers } from '../../sim/policies/levers';
import { rowsActedOn } from '../../sim/policies/reach';
import { policyRegistry } from '../../sim/policies/registry';
import { PolicySchedule } from '../../sim/policies/schedule';
import { shortBlows } from '../../sim/policies/shortBlows';

// Policy modules move levers for the districts they target and nothing else; the schedule applies
// each event only while it is active, in start order, on levers reset every tick.

const world = loadWorld();
const K = world.size;
const M = MARKETS.length;
const nlIds = world.ids.filter((_, k) => world.country[k] === 1);
const beIds = world.ids.filter((_, k) => world.country[k] === 0);
const indices = (ids: readonly string[]) => Int32Array.from(ids, (id) => world.index(id));

/** Every lever array by name, copied. */
function snapshot(l: Levers): Record<string, number[]> {
  return {
    capacity: Array.from(l.capacity),
    detection: Array.from(l.detection),
    shortBlows: Array.from(l.shortBlows),
    investigations: Array.from(l.investigations),
    administrative: Array.from(l.administrative),
    coffeeShopAccess: Array.from(l.coffeeShopAccess),
    portInspection: Array.from(l.portInspection),
    postInspection: Array.from(l.postInspection),
    growShopAccess: Array.from(l.growShopAccess),
    precursorRisk: Array.from(l.precursorRisk),
    registered: Array.from(l.registered),
    crossBorderCooperation: [l.crossBorderCooperation],
  };
}

/** The names and indices of lever entries that differ between two snapshots. */
function changed(a: Record<string, number[]>, b: Record<string, number[]>): string[] {
  const out: string[] = [];
  for (const name of Object.keys(a)) a[name].forEach((v, i) => v !== b[name][i] && out.push(`${name}[${i}]`));
  return out;
}

describe('Levers', () => {
  it('start neutral and reset to neutral', () => {
    const l = new Levers(K);
    const neutral = snapshot(l);
    expect(neutral.capacity.every((v) => v === 1)).toBe(true);
    expect(neutral.coffeeShopAccess.every((v) => v === 1)).toBe(true);
    expect(neutral.shortBlows.every((v) => v === 0)).toBe(true);
    expect(neutral.shortBlows.length).toBe(M * K);
    l.capacity[3] = 7;
    l.coffeeShopAccess[20] = 0;
    l.shortBlows[5] = 2;
    l.crossBorderCooperation = 0.5;
    l.reset();
    expect(snapshot(l)).toEqual(neutral);
  });
});

describe('policy modules move their levers for their districts only', () => {
  it('the registry maps each type to its module', () => {
    expect(policyRegistry.get('capacity')).toBe(capacity);
    expect(policyRegistry.get('short-blows')).toBe(shortBlows);
    expect(policyRegistry.get('i-criterion')).toBe(iCriterion);
  });

  it('capacity multiplies police capacity of the targeted districts', () => {
    const l = new Levers(K);
    const before = snapshot(l);
    const targets = indices(['be-antwerpen', 'be-limburg']);
    capacity.apply(l, { districts: targets, parameters: { factor: 1.5 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
    const diff = changed(before, snapshot(l));
    expect(diff.sort()).toEqual(Array.from(targets, (k) => `capacity[${k}]`).sort());
    for (const k of targets) expect(l.capacity[k]).toBe(1.5);
    // a second event multiplies again
    capacity.apply(l, { districts: indices(['be-antwerpen']), parameters: { factor: 2 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
    expect(l.capacity[world.index('be-antwerpen')]).toBe(3);
    expect(l.capacity[world.index('be-limburg')]).toBe(1.5);
  });

  it('short-blows adds intensity for its market in the targeted districts only', () => {
    for (const market of MARKETS) {
      const m = MARKETS.indexOf(market);
      const l = new Levers(K);
      const before = snapshot(l);
      const targets = indices(['nl-limburg', 'be-limburg']);
      shortBlows.apply(l, { districts: targets, parameters: { market, intensity: 0.75 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
      const diff = changed(before, snapshot(l));
      expect(diff.sort(), market).toEqual(Array.from(targets, (k) => `shortBlows[${m * K + k}]`).sort());
      for (const k of targets) expect(l.shortBlows[m * K + k]).toBe(0.75);
      shortBlows.apply(l, { districts: targets, parameters: { market, intensity: 0.5 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
      for (const k of targets) expect(l.shortBlows[m * K + k]).toBe(1.25);
    }
  });

  it('detection-priority multiplies detection of its market in the targeted districts only', () => {
    expect(policyRegistry.get('detection-priority')).toBe(detectionPriority);
    for (const market of MARKETS) {
      const m = MARKETS.indexOf(market);
      const l = new Levers(K);
      const before = snapshot(l);
      const targets = indices(['be-antwerpen', 'be-limburg']);
      detectionPriority.apply(l, { districts: targets, parameters: { market, factor: 0.25, changePerYear: 0 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
      expect(changed(before, snapshot(l)).sort(), market).toEqual(Array.from(targets, (k) => `detection[${m * K + k}]`).sort());
      for (const k of targets) expect(l.detection[m * K + k]).toBe(0.25);
    }
  });

  it('detection-priority fades (or grows) by changePerYear, compounded over the years the event has run', () => {
    const targets = indices(['nl-limburg']);
    const at = (yearsActive: number) => {
      const l = new Levers(K);
      detectionPriority.apply(l, { districts: targets, parameters: { market: 'cannabis', factor: 1, changePerYear: -0.2 }, yearsActive, yearsAfterEnd: 0 }, world);
      return l.detection[targets[0]];
    };
    expect(at(0)).toBe(1);
    expect(at(1)).toBeCloseTo(0.8, 12);
    expect(at(2.5)).toBeCloseTo(0.8 ** 2.5, 12);
  });

  it('detection-priority stops changing after changeYears and stays where it got', () => {
    const targets = indices(['nl-limburg']);
    const at = (yearsActive: number, changeYears: number) => {
      const l = new Levers(K);
      detectionPriority.apply(l, { districts: targets, parameters: { market: 'synthetic', factor: 1, changePerYear: 0.5, changeYears }, yearsActive, yearsAfterEnd: 0 }, world);
      return l.detection[MARKETS.indexOf('synthetic') * K + targets[0]];
    };
    expect(at(2.5, 4)).toBeCloseTo(1.5 ** 2.5, 12);
    expect(at(4, 4)).toBeCloseTo(1.5 ** 4, 12);
    expect(at(9.3, 4)).toBeCloseTo(1.5 ** 4, 12);
    // 0: as long as the event runs
    expect(at(9.3, 0)).toBeCloseTo(1.5 ** 9.3, 12);
  });

  it('post-checks multiplies the checks of outgoing post in the targeted districts only, growing by changePerYear', () => {
    expect(policyRegistry.get('post-checks')).toBe(postChecks);
    const targets = indices(['nl-limburg', 'nl-amsterdam']);
    const l = new Levers(K);
    const before = snapshot(l);
    postChecks.apply(l, { districts: targets, parameters: { factor: 2.6, changePerYear: 0.2 }, yearsActive: 2, yearsAfterEnd: 0 }, world);
    expect(changed(before, snapshot(l)).sort()).toEqual(Array.from(targets, (k) => `postInspection[${k}]`).sort());
    for (const k of targets) expect(l.postInspection[k]).toBeCloseTo(2.6 * 1.2 ** 2, 12);
  });

  it('registration multiplies the recorded share of dismantled sites of its market in the targeted districts only', () => {
    expect(policyRegistry.get('registration')).toBe(registration);
    const targets = indices(['be-limburg', 'be-antwerpen']);
    const l = new Levers(K);
    const before = snapshot(l);
    registration.apply(l, { districts: targets, parameters: { market: 'cannabis', share: 0.4 }, yearsActive: 3, yearsAfterEnd: 0 }, world);
    const m = MARKETS.indexOf('cannabis');
    expect(changed(before, snapshot(l)).sort()).toEqual(Array.from(targets, (k) => `registered[${m * K + k}]`).sort());
    for (const k of targets) expect(l.registered[m * K + k]).toBeCloseTo(0.4, 12);
  });

  it('i-criterion closes a share of the coffee shops of the targeted districts to non-residents', () => {
    const l = new Levers(K);
    const before = snapshot(l);
    const targets = indices(['nl-limburg', 'nl-zeeland-west-brabant']);
    iCriterion.apply(l, { districts: targets, parameters: { share: 0.8 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
    const diff = changed(before, snapshot(l));
    expect(diff.sort()).toEqual(Array.from(targets, (k) => `coffeeShopAccess[${k}]`).sort());
    for (const k of targets) expect(l.coffeeShopAccess[k]).toBeCloseTo(0.2, 12);
    // a later event sets (does not compound) the share
    iCriterion.apply(l, { districts: targets, parameters: { share: 0 }, yearsActive: 0, yearsAfterEnd: 0 }, world);
    for (const k of targets) expect(l.coffeeShopAccess[k]).toBe(1);
  });
});

// What each lever reaches in the model (sim/agents): police capacity and cooperation every market;
// the per-market effort levers every echelon of their market (effort is shared by a market's
// echelons); the rest one market's one echelon.
const LEVER_REACH: Record<string, (index: number) => string[]> = {
  capacity: () => MARKETS.flatMap((m) => ECHELONS.map((e) => `${m}/${e}`)),
  crossBorderCooperation: () => MARKETS.flatMap((m) => ECHELONS.map((e) => `${m}/${e}`)),
  detection: (i) => ECHELONS.map((e) => `${MARKETS[Math.floor(i / K)]}/${e}`),
  shortBlows: (i) => ECHELONS.map((e) => `${MARKETS[Math.floor(i / K)]}/${e}`),
  investigations: (i) => ECHELONS.map((e) => `${MARKETS[Math.floor(i / K)]}/${e}`),
  administrative: (i) => ECHELONS.map((e) => `${MARKETS[Math.floor(i / K)]}/${e}`),
  coffeeShopAccess: () => ['cannabis/retail'],
  portInspection: () => ['cocaine/import'],
  postInspection: () => ['synthetic/retail'],
  growShopAccess: () => ['cannabis/production'],
  precursorRisk: () => ['synthetic/production'],
  // (what police statistics record of every echelon of the market)
  registered: (i) => ECHELONS.map((e) => `${MARKETS[Math.floor(i / K)]}/${e}`),
};

describe('what each policy declares it acts on', () => {
  /** Parameter sets to try: the defaults, and each value of a market parameter. */
  const variants = (type: string) => {
    const module = policyRegistry.get(type)!;
    const defaults = Object.fromEntries(Object.entries(module.parameters).map(([k, v]) => [k, v.default]));
    const market = Object.entries(module.parameters).find(([, v]) => v.kind === 'market' || v.kind === 'markets');
    if (!market) return [defaults];
    const values = market[1].kind === 'markets' ? [...MARKETS, 'all'] : [...MARKETS];
    return values.map((v) => ({ ...defaults, [market[0]]: v }));
  };

  it('every registered policy declares markets and echelons, exactly those its levers reach', () => {
    expect(policyRegistry.size).toBeGreaterThanOrEqual(10);
    for (const [type, module] of policyRegistry) {
      expect(typeof module.actsOn, type).toBe('function');
      const target = indices([module.appliesTo === 'NL' ? 'nl-limburg' : 'be-limburg']);
      for (const parameters of variants(type)) {
        const l = new Levers(K);
        const before = snapshot(l);
        module.apply(l, { districts: target, parameters, yearsActive: 0, yearsAfterEnd: 0 }, world);
        const moved = changed(before, snapshot(l)).flatMap((entry) => {
          const [, name, i] = /^(\w+)\[(\d+)\]$/.exec(entry)!;
          return LEVER_REACH[name](Number(i));
        });
        const { markets, echelons } = module.actsOn(parameters);
        const declared = markets.flatMap((m) => echelons.map((e) => `${m}/${e}`));
        expect(declared.length, `${type} ${JSON.stringify(parameters)}`).toBeGreaterThan(0);
        expect(new Set(declared), `${type} ${JSON.stringify(parameters)}`).toEqual(new Set(moved));
      }
    }
  });

  it('rowsActedOn joins the rows of several events, for their parameters', () => {
    const e = (type: string, parameters: PolicyEvent['parameters']): PolicyEvent => ({ type, start: '2011-01-01', districts: ['be-limburg'], parameters });
    expect([...rowsActedOn([e('short-blows', { market: 'cocaine', intensity: 1 })])].sort()).toEqual(ECHELONS.map((x) => `cocaine/${x}`).sort());
    expect([...rowsActedOn([e('i-criterion', { share: 1 }), e('grow-shop-rules', { strictness: 0.5 })])].sort()).toEqual(['cannabis/production', 'cannabis/retail']);
    expect(rowsActedOn([]).size).toBe(0);
    expect(() => rowsActedOn([e('curfew', {})])).toThrow(/curfew/);
  });
});

describe('PolicySchedule', () => {
  const calendar = new Calendar('2010-01-01', '2013-12-31');
  const event = (e: Partial<PolicyEvent> & Pick<PolicyEvent, 'type' | 'start' | 'districts'>): PolicyEvent => ({ parameters: {}, ...e });

  /** Levers at every tick of the calendar. */
  function trace(events: PolicyEvent[]): Levers[] {
    const schedule = new PolicySchedule(events, calendar, world);
    return Array.from({ length: calendar.ticks }, (_, t) => {
      const l = new Levers(K);
      schedule.apply(l, t, world);
      return l;
    });
  }

  it('applies an event only from its start to its end', () => {
    const antwerp = world.index('be-antwerpen');
    const levers = trace([event({ type: 'capacity', start: '2011-03-01', end: '2012-06-15', districts: ['be-antwerpen'], parameters: { factor: 2 } })]);
    const startTick = calendar.tickOf('2011-03-01');
    const endTick = calendar.tickOf('2012-06-15');
    expect(startTick).toBeGreaterThan(0);
    expect(endTick).toBeLessThan(calendar.ticks);
    levers.forEach((l, t) => {
      const active = t >= startTick && t < endTick;
      expect(l.capacity[antwerp], `tick ${t} (${calendar.dateOfTick(t)})`).toBe(active ? 2 : 1);
      // no tick whose week starts on or after the end date, none before the start date
      if (active) {
        expect(calendar.dateOfTick(t) >= '2011-03-01').toBe(true);
        expect(calendar.dateOfTick(t) < '2012-06-15').toBe(true);
      }
      for (let k = 0; k < K; k++) if (k !== antwerp) expect(l.capacity[k]).toBe(1);
    });
    expect(levers.filter((l) => l.capacity[antwerp] === 2).length).toBe(endTick - startTick);
  });

  it('an event without an end lasts to the end of the run; parameter defaults are filled in', () => {
    const levers = trace([event({ type: 'short-blows', start: '2012-01-01', districts: ['nl-limburg'] })]);
    const k = world.index('nl-limburg');
    const m = MARKETS.indexOf(shortBlows.parameters.market.default as (typeof MARKETS)[number]);
    const startTick = calendar.tickOf('2012-01-01');
    levers.forEach((l, t) => expect(l.shortBlows[m * K + k]).toBe(t >= startTick ? shortBlows.parameters.intensity.default : 0));
  });

  it('a detection priority fading out after its end and another building up from it pass from one level to the next without a step', () => {
    // the history's Belgian cultivation: found at a quarter of the rate until a plan, four times it
    // once the plan is in force, over the plan's years in between
    const levers = trace([
      event({ type: 'detection-priority', start: '2010-01-01', end: '2011-01-01', districts: ['be-limburg'], parameters: { market: 'cannabis', factor: 0.25, fadeYears: 2 } }),
      event({ type: 'detection-priority', start: '2011-01-01', districts: ['be-limburg'], parameters: { market: 'cannabis', factor: 4, rampYears: 2 } }),
    ]);
    const k = world.index('be-limburg');
    const plan = calendar.tickOf('2011-01-01');
    // (years counted between the weeks' dates, as the schedule counts them)
    const yearsIn = (t: number) => calendar.yearOfTick(t) - calendar.yearOfTick(plan);
    levers.forEach((l, t) => {
      const expected = t < plan ? 0.25 : yearsIn(t) >= 2 ? 4 : 0.25 * 16 ** (yearsIn(t) / 2);
      expect(l.detection[k], calendar.dateOfTick(t)).toBeCloseTo(expected, 9);
    });
    // log-linear: halfway through the plan's years, the geometric mean of the two levels
    expect(levers[calendar.tickOf('2012-01-01')].detection[k]).toBeCloseTo(1, 1);
    const steps = levers.slice(1).map((l, t) => Math.abs(Math.log(l.detection[k] / levers[t].detection[k])));
    expect(Math.max(...steps)).toBeLessThan(0.03);
    // nothing is left of the fading event once its years are over
    const alone = trace([event({ type: 'detection-priority', start: '2010-01-01', end: '2011-01-01', districts: ['be-limburg'], parameters: { market: 'cannabis', factor: 0.25, fadeYears: 2 } })]);
    alone.forEach((l, t) => expect(l.detection[k] === 1, calendar.dateOfTick(t)).toBe(t >= plan && yearsIn(t) >= 2));
  });

  it('levers are reset every tick, so effects do not accumulate over ticks', () => {
    const schedule = new PolicySchedule([event({ type: 'capacity', start: '2010-01-01', districts: ['be-oost-vlaanderen'], parameters: { factor: 1.1 } })], calendar, world);
    const l = new Levers(K);
    for (let t = 0; t < 20; t++) schedule.apply(l, t, world);
    expect(l.capacity[world.index('be-oost-vlaanderen')]).toBeCloseTo(1.1, 12);
  });

  it('a later i-criterion event with share 0 on the same districts lifts it', () => {
    const levers = trace([
      event({ type: 'i-criterion', start: '2011-01-01', districts: nlIds, parameters: { share: 1 } }),
      event({ type: 'i-criterion', start: '2012-07-01', districts: nlIds, parameters: { share: 0 } }),
    ]);
    const on = calendar.tickOf('2011-01-01');
    const off = calendar.tickOf('2012-07-01');
    levers.forEach((l, t) => {
      const closed = t >= on && t < off;
      for (const id of nlIds) expect(l.coffeeShopAccess[world.index(id)], `${id} at ${calendar.dateOfTick(t)}`).toBe(closed ? 0 : 1);
      for (const id of beIds) expect(l.coffeeShopAccess[world.index(id)]).toBe(1);
    });
  });

  it('a partial lifting on some districts leaves the others closed', () => {
    const lifted = ['nl-limburg', 'nl-amsterdam'];
    const levers = trace([
      event({ type: 'i-criterion', start: '2011-01-01', districts: nlIds, parameters: { share: 1 } }),
      event({ type: 'i-criterion', start: '2012-01-01', districts: lifted, parameters: { share: 0.25 } }),
    ]);
    const last = levers[levers.length - 1];
    for (const id of nlIds) expect(last.coffeeShopAccess[world.index(id)], id).toBeCloseTo(lifted.includes(id) ? 0.75 : 0, 12);
  });

  it('rejects an unknown policy type', () => {
    expect(() => new PolicySchedule([event({ type: 'curfew', start: '2011-01-01', districts: ['be-oost-vlaanderen'] })], calendar, world)).toThrow(/curfew/);
  });
});

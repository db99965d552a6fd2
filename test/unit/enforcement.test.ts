import { describe, expect, it } from 'vitest';
import { Enforcement } from '../../sim/agents/enforcement';
import { Investigations } from '../../sim/agents/investigations';
import { Organisations } from '../../sim/agents/organisations';
import { CANNABIS, COCAINE, SYNTHETIC } from '../../sim/core';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import { defaultParameters } from '../../sim/params/catalog';
import { ParameterReader } from '../../sim/params/read';
import { Levers } from '../../sim/policies/levers';

const world = loadWorld();
const K = world.size;
const limburg = world.index('be-limburg');

function enforcement(overrides: Record<string, number | number[]> = {}): Enforcement {
  const params = { ...defaultParameters(loadCatalog(), world.ids), ...overrides };
  return new Enforcement(world, new ParameterReader(params));
}

describe('enforcement', () => {
  it('gives each site a smaller hazard when more sites share the same capacity (saturation)', () => {
    const e = enforcement();
    const levers = new Levers(K);
    e.loadNext[CANNABIS * K + limburg] = 500;
    e.update(levers);
    const few = e.ratePerVisibility[CANNABIS * K + limburg];
    e.loadNext[CANNABIS * K + limburg] = 5000;
    e.update(levers);
    const many = e.ratePerVisibility[CANNABIS * K + limburg];
    expect(many).toBeLessThan(few);
    // more sites are still found in total, but fewer than ten times as many
    expect(many * 5000).toBeGreaterThan(few * 500);
    expect(many * 5000).toBeLessThan(few * 500 * 10);
  });

  it('divides one capacity among markets by priority', () => {
    const base = enforcement();
    const levers = new Levers(K);
    base.update(levers);
    const priority = defaultParameters(loadCatalog(), world.ids)['enforcement.priority.cannabis'] as number[];
    const raised = enforcement({ 'enforcement.priority.cannabis': priority.map((v) => v * 2) });
    raised.update(levers);
    const i = (m: number) => m * K + limburg;
    expect(raised.effort[i(CANNABIS)]).toBeGreaterThan(base.effort[i(CANNABIS)]);
    expect(raised.effort[i(SYNTHETIC)]).toBeLessThan(base.effort[i(SYNTHETIC)]);
    expect(raised.effort[i(COCAINE)]).toBeLessThan(base.effort[i(COCAINE)]);
  });

  it('lets short blows take capacity from regular detection and investigations', () => {
    const e = enforcement();
    const levers = new Levers(K);
    e.update(levers);
    const i = CANNABIS * K + limburg;
    const before = { effort: e.effort[i], slots: e.investigationSlots[i], quick: e.shortBlowRate[i] };
    levers.shortBlows[i] = 0.5;
    e.update(levers);
    expect(before.quick).toBe(0);
    expect(e.shortBlowRate[i]).toBeGreaterThan(0);
    expect(e.effort[i]).toBeLessThan(before.effort);
    expect(e.investigationSlots[i]).toBeLessThan(before.slots);
    // other districts are untouched
    expect(e.shortBlowRate[CANNABIS * K + world.index('be-liege')]).toBe(0);
  });

  it('opens in-depth investigations only while slots are free', () => {
    const e = enforcement();
    e.update(new Levers(K));
    const i = CANNABIS * K + limburg;
    const slots = e.investigationSlots[i];
    let opened = 0;
    while (e.tryOpenInvestigation(CANNABIS, limburg)) opened++;
    expect(opened).toBe(Math.ceil(slots));
    e.closeInvestigation(CANNABIS, limburg);
    expect(e.tryOpenInvestigation(CANNABIS, limburg)).toBe(true);
  });
});

describe('leads', () => {
  const lead = (orgs: Organisations, organisation: number, priority: number) => ({
    orgs, organisation, id: orgs.id[organisation], market: CANNABIS, district: limburg, country: 0, endTick: 10, priority,
  });

  it('open investigations at the week end in the order of their priorities, one per organisation, while slots last', () => {
    const e = enforcement({ 'enforcement.investigationSlotsPer100k.cannabis': 1e-6 });
    e.update(new Levers(K));
    // a fraction of a slot: the district runs one case when none is open (slots are fractional)
    const orgs = new Organisations(8, K, 0.9);
    const a = orgs.create(1, 0, limburg);
    const b = orgs.create(2, 0, limburg);
    orgs.join(a);
    orgs.join(b);
    const inv = new Investigations();
    inv.lead(lead(orgs, a, 0.7));
    inv.lead(lead(orgs, b, 0.2));
    inv.lead(lead(orgs, b, 0.5));
    inv.openLeads(e);
    expect([orgs.investigated[a], orgs.investigated[b]]).toEqual([0, 1]);
    expect(inv.count).toBe(1);
  });

  it('drop a lead whose organisation lost its last member that week, so its freed slot is never marked', () => {
    const e = enforcement();
    e.update(new Levers(K));
    const orgs = new Organisations(8, K, 0.9);
    const a = orgs.create(1, 0, limburg);
    orgs.join(a);
    const inv = new Investigations();
    inv.lead(lead(orgs, a, 0.1));
    orgs.leave(a); // the raided actor quits after the raid: the organisation is released
    inv.openLeads(e);
    expect(orgs.investigated[a]).toBe(0);
    expect(inv.count).toBe(0);
    const reused = orgs.create(9, 0, limburg);
    expect(reused).toBe(a); // the slot goes to a new organisation, not under investigation
    expect(orgs.investigated[reused]).toBe(0);
  });
});

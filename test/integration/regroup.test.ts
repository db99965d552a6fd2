import { describe, expect, it } from 'vitest';
import { buildModel } from '../../sim/engine/model';
import { step } from '../../sim/engine/scheduler';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';

// A takedown ends an organisation (Raids.takenDown): members out of the police's reach (across the
// border, without cooperation on the case) regroup in a new organisation with an id of its own, or
// give up (organisations.regroupAfterTakedown). No organisation id is ever used twice.

const world = loadWorld();
const base = loadScenario('test/fixtures/scenarios/short.yaml');
const REGROUPED = 2 ** 52;

/** Live organisations of growers and labs after the short run: how many in all, and how many regrouped after a takedown. */
function organisations(regroup: number): { live: number; regrouped: number; ids: string[] } {
  // many investigations, so that organisations are taken down in four years
  const parameters = { ...base.parameters, 'organisations.regroupAfterTakedown': regroup, 'enforcement.investigationSlotsPer100k.cannabis': 0.5, 'enforcement.investigationSlotsPer100k.synthetic': 0.5 };
  const model = buildModel({ ...base, parameters }, world, 3, 0);
  for (let t = 0; t < model.ctx.calendar.ticks; t++) step(model);
  let live = 0;
  let regrouped = 0;
  const ids: string[] = [];
  for (const name of ['growers', 'labs']) {
    const { orgs } = model.kinds.find((k) => k.name === name)!.site!;
    for (let o = 0; o < orgs.count; o++) {
      if (orgs.members[o] === 0) continue;
      live++;
      ids.push(`${name} ${orgs.id[o]}`);
      if (orgs.id[o] >= REGROUPED) regrouped++;
    }
  }
  return { live, regrouped, ids };
}

describe('takedowns and regrouping', () => {
  it('survivors of a takedown carry on in new organisations, each with an id never used before', () => {
    const { live, regrouped, ids } = organisations(1);
    expect(live).toBeGreaterThan(100);
    expect(regrouped).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('where most survivors give up, fewer organisations are regrouped', () => {
    expect(organisations(0.3).regrouped).toBeLessThan(organisations(1).regrouped);
  });
});

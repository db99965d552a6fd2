import { describe, expect, it } from 'vitest';
import { BE, NL } from '../../sim/world/world';
import { buildModel } from '../../sim/engine/model';
import { step } from '../../sim/engine/scheduler';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';

// Newcomers are recruited by people near their home, most often of their own origin (Turnover.enter):
// Belgian growers far from the border sit in Belgian organisations, and Dutch organisations take
// Belgian members near the border. With contacts anywhere and of either origin alike, membership is
// a random draw again, as it was before (the audit's "40% of Belgian-origin growers sit in Dutch
// organisations by that draw alone").

const world = loadWorld();
const base = loadScenario('test/fixtures/scenarios/short.yaml');

/** Share of Belgian-origin growers in Dutch organisations, among those in districts at least `minKm` from NL (or at most, with `near`). */
function belgiansInDutchOrganisations(parameters: Record<string, number>, minKm: number, near = false): number {
  const model = buildModel({ ...base, parameters: { ...base.parameters, ...parameters } }, world, 1, 0);
  for (let t = 0; t < model.ctx.calendar.ticks; t++) step(model);
  const growers = model.kinds.find((k) => k.name === 'growers')!.site!;
  const { pop, orgs } = growers;
  let belgians = 0;
  let inDutch = 0;
  for (let i = 0; i < pop.highWater; i++) {
    if (!pop.isAlive[i] || pop.origin[i] !== BE) continue;
    const km = world.kmToOtherCountry[pop.district[i]];
    if (world.country[pop.district[i]] !== BE || (near ? km > minKm : km < minKm)) continue;
    belgians++;
    if (orgs.origin[pop.organisation[i]] === NL) inDutch++;
  }
  expect(belgians).toBeGreaterThan(20);
  return inDutch / belgians;
}

describe('recruitment through contacts near home', () => {
  it('puts fewer Belgian growers far from the border in Dutch organisations than a random draw, and almost none when only their own origin recruits them', () => {
    const local = belgiansInDutchOrganisations({}, 60);
    const anywhere = belgiansInDutchOrganisations({ 'organisations.contactRangeKm': 500, 'organisations.otherOriginContactWeight': 1 }, 60);
    const ownOnly = belgiansInDutchOrganisations({ 'organisations.otherOriginContactWeight': 0 }, 60);
    // (far from the border a Belgian still meets Dutch growers who settled in Belgium: hence not 0)
    expect(anywhere).toBeGreaterThan(1.3 * local);
    expect(ownOnly).toBeLessThan(0.5 * local);
  });

  it('lets Dutch organisations take Belgian members near the border, and fewer when other origins count less', () => {
    const mixed = belgiansInDutchOrganisations({}, 50, true);
    const apart = belgiansInDutchOrganisations({ 'organisations.otherOriginContactWeight': 0 }, 50, true);
    expect(mixed).toBeGreaterThan(apart);
  });
});

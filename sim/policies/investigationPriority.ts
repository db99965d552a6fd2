import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// More capacity for in-depth investigations into the organisations of one market (district
// priorities, national security plans): more cases can run at once, so more organisations are taken
// down, while each raid's chance of giving a lead stays the same.
export const investigationPriority: PolicyModule = {
  type: 'investigation-priority',
  description: 'Multiplies the in-depth investigation slots for `market` in the targeted districts by `factor`.',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market investigated: cannabis, synthetic or cocaine' },
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [0, 10], description: 'investigation slots multiplier' },
  },
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    const factor = event.parameters.factor as number;
    for (const k of event.districts) levers.investigations[m * levers.districts + k] *= factor;
  },
};

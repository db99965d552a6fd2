import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// A market made a police priority (a national security plan's priorities): police look for its
// sites more, so each is found `factor` times as often, without taking capacity from the others
// (a plan adds people and attention as well as moving them).
export const detectionPriority: PolicyModule = {
  type: 'detection-priority',
  description: 'Multiplies how often police find the sites of `market` in the targeted districts by `factor` (a priority of a national security plan).',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market made a priority: cannabis, synthetic or cocaine' },
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [0, 10], description: 'detection multiplier' },
  },
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    const factor = event.parameters.factor as number;
    for (const k of event.districts) levers.detection[m * levers.districts + k] *= factor;
  },
};

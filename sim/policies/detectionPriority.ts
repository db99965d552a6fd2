import { pow } from '../core/math';
import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// A market made a police priority (a national security plan's priorities): police look for its
// sites more, so each is found `factor` times as often, without taking capacity from the others
// (a plan adds people and attention as well as moving them). A priority can also fade or grow:
// `changePerYear` compounds the factor with the years the event has run (a force that moves its
// people to other work finds fewer sites each year).
export const detectionPriority: PolicyModule = {
  type: 'detection-priority',
  description: 'Multiplies how often police find the sites of `market` in the targeted districts by `factor` × (1 + `changePerYear`)^(years since the start) (a priority of a national security plan, or one that fades).',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market made a priority: cannabis, synthetic or cocaine' },
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [0, 10], description: 'detection multiplier in the first year' },
    changePerYear: { kind: 'number', default: 0, unit: 'share per year', range: [-0.5, 1], description: 'yearly change of the multiplier, compounded (negative: a fading priority)' },
  },
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    const factor = (event.parameters.factor as number) * pow(1 + (event.parameters.changePerYear as number), event.yearsActive);
    for (const k of event.districts) levers.detection[m * levers.districts + k] *= factor;
  },
};

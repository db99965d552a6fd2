import { pow } from '../core/math';
import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// A market made a police priority (a national security plan's priorities): police look for its
// sites more, so each is found `factor` times as often, without taking capacity from the others
// (a plan adds people and attention as well as moving them). A priority can also fade or grow:
// `changePerYear` compounds the factor with the years the event has run (a force that moves its
// people to other work finds fewer sites each year), for `changeYears` years if set: a move of
// capacity ends, and the priority then stays where it got.
export const detectionPriority: PolicyModule = {
  type: 'detection-priority',
  description: 'Multiplies how often police find the sites of `market` in the targeted districts by `factor` × (1 + `changePerYear`)^(years since the start, at most `changeYears` when set) (a priority of a national security plan, or one that fades).',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market made a priority: cannabis, synthetic or cocaine' },
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [0, 10], description: 'detection multiplier in the first year' },
    changePerYear: { kind: 'number', default: 0, unit: 'share per year', range: [-0.5, 1], description: 'yearly change of the multiplier, compounded (negative: a fading priority)' },
    changeYears: { kind: 'number', default: 0, unit: 'years', range: [0, 100], description: 'years the yearly change lasts, after which the multiplier stays where it got (0: as long as the event runs)' },
  },
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    const changeYears = event.parameters.changeYears as number;
    const years = changeYears > 0 ? Math.min(event.yearsActive, changeYears) : event.yearsActive;
    const factor = (event.parameters.factor as number) * pow(1 + (event.parameters.changePerYear as number), years);
    for (const k of event.districts) levers.detection[m * levers.districts + k] *= factor;
  },
};

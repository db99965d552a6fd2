import { pow } from '../core/math';
import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// A market made a police priority (a national security plan's priorities): police look for its
// sites more, so each is found `factor` times as often, without taking capacity from the others
// (a plan adds people and attention as well as moving them). A priority can also fade or grow:
// `changePerYear` compounds the factor with the years the event has run (a force that moves its
// people to other work finds fewer sites each year), for `changeYears` years if set: a move of
// capacity ends, and the priority then stays where it got. A plan takes years to reach its
// strength (people hired and trained, partners signed up, registration changed) and a practice
// outlives its end: `rampYears` builds the multiplier up from 1 after the start and `fadeYears`
// takes it back to 1 after the end, both log-linearly, so that a ramp and a fade over the same
// years pass from one level to the next without a step.
export const detectionPriority: PolicyModule = {
  type: 'detection-priority',
  description: 'Multiplies how often police find the sites of `market` in the targeted districts by `factor` × (1 + `changePerYear`)^(years since the start, at most `changeYears` when set), built up from 1 over `rampYears` after the start and faded back to 1 over `fadeYears` after the end (a priority of a national security plan, or one that fades).',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market made a priority: cannabis, synthetic or cocaine' },
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [0, 10], description: 'detection multiplier in the first year' },
    changePerYear: { kind: 'number', default: 0, unit: 'share per year', range: [-0.5, 1], description: 'yearly change of the multiplier, compounded (negative: a fading priority)' },
    changeYears: { kind: 'number', default: 0, unit: 'years', range: [0, 100], description: 'years the yearly change lasts, after which the multiplier stays where it got (0: as long as the event runs)' },
    rampYears: { kind: 'number', default: 0, unit: 'years', range: [0, 20], description: 'years over which the multiplier builds up from 1 after the start, log-linearly (0: in full from the first week)' },
    fadeYears: { kind: 'number', default: 0, unit: 'years', range: [0, 20], description: 'years over which the multiplier fades back to 1 after the end, log-linearly (0: it stops at the end)' },
  },
  fadeYears: (p) => p.fadeYears as number,
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    const changeYears = event.parameters.changeYears as number;
    const years = changeYears > 0 ? Math.min(event.yearsActive, changeYears) : event.yearsActive;
    const full = (event.parameters.factor as number) * pow(1 + (event.parameters.changePerYear as number), years);
    const rampYears = event.parameters.rampYears as number;
    const built = rampYears > 0 ? Math.min(1, event.yearsActive / rampYears) : 1;
    const left = event.yearsAfterEnd > 0 ? 1 - event.yearsAfterEnd / (event.parameters.fadeYears as number) : 1;
    const factor = built * left === 1 ? full : pow(full, built * left);
    for (const k of event.districts) levers.detection[m * levers.districts + k] *= factor;
  },
};

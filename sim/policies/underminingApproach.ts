import { CANNABIS, SYNTHETIC } from '../core/types';
import { ALL_ECHELONS, type PolicyModule } from './policy';

// The Dutch "undermining" approach (from about 2012 in Brabant, Zeeland and Limburg): integrated
// administrative and criminal pressure on cannabis and synthetic-drug production.
export const underminingApproach: PolicyModule = {
  type: 'undermining-approach',
  description:
    'Adds `administrative` pressure and multiplies detection by `detectionFactor` for cannabis and synthetic drugs in the targeted districts.',
  appliesTo: 'any',
  parameters: {
    administrative: { kind: 'number', default: 0.5, unit: 'added share of effort', range: [0, 5], description: 'administrative pressure (closures, permits) added to police effort' },
    detectionFactor: { kind: 'number', default: 1.3, unit: 'multiplier', range: [1, 5], description: 'criminal-law detection multiplier' },
  },
  actsOn: () => ({ markets: ['cannabis', 'synthetic'], echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const admin = event.parameters.administrative as number;
    const factor = event.parameters.detectionFactor as number;
    for (const m of [CANNABIS, SYNTHETIC]) {
      for (const k of event.districts) {
        const i = m * levers.districts + k;
        levers.administrative[i] += admin;
        levers.detection[i] *= factor;
      }
    }
  },
};

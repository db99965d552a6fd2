import { MARKETS } from '../core/types';
import { ALL_ECHELONS, type PolicyModule } from './policy';

// Police capacity of the targeted districts changes by a factor (shared by all markets).
export const capacity: PolicyModule = {
  type: 'capacity',
  description: 'Police capacity of the targeted districts is multiplied by `factor` while the event lasts.',
  appliesTo: 'any',
  parameters: {
    factor: { kind: 'number', default: 1.2, unit: 'multiplier', range: [0, 10], description: 'capacity multiplier' },
  },
  actsOn: () => ({ markets: MARKETS, echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const factor = event.parameters.factor as number;
    for (const k of event.districts) levers.capacity[k] *= factor;
  },
};

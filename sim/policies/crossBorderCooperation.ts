import { MARKETS } from '../core/types';
import { ALL_ECHELONS, type PolicyModule } from './policy';

// Information exchange and joint investigation teams between Belgium and the Netherlands: actors
// with cross-border links are found more often on both sides, and an investigation's takedown
// reaches members across the border with probability `level`.
export const crossBorderCooperation: PolicyModule = {
  type: 'cross-border-cooperation',
  description:
    'Sets cross-border cooperation to at least `level` (0–1): detection of actors with cross-border links rises and takedowns reach across the border with that probability.',
  appliesTo: 'any',
  parameters: {
    level: { kind: 'number', default: 0.5, unit: 'share', range: [0, 1], description: 'intensity of cooperation' },
  },
  actsOn: () => ({ markets: MARKETS, echelons: ALL_ECHELONS }),
  apply(levers, event) {
    levers.crossBorderCooperation = Math.max(levers.crossBorderCooperation, event.parameters.level as number);
  },
};

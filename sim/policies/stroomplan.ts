import { COCAINE } from '../core/types';
import { ALL_ECHELONS, type PolicyModule } from './policy';

// Antwerp's Stroomplan (from February 2018): more inspections of incoming containers, and customs,
// local and federal police and prosecutors working under one roof against cocaine import (KALI team).
export const stroomplan: PolicyModule = {
  type: 'stroomplan',
  description:
    'Multiplies port inspections of incoming cocaine in the targeted districts by `inspectionFactor`, and cocaine detection and investigation capacity there by `cooperationFactor` (integrated cooperation).',
  appliesTo: 'any',
  parameters: {
    inspectionFactor: { kind: 'number', default: 2, unit: 'multiplier', range: [1, 10], description: 'port inspection multiplier' },
    cooperationFactor: { kind: 'number', default: 1.3, unit: 'multiplier', range: [1, 5], description: 'cocaine detection and investigation multiplier' },
  },
  // Port inspections act on import; the cooperation on detecting and investigating all of cocaine.
  actsOn: () => ({ markets: ['cocaine'], echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const inspection = event.parameters.inspectionFactor as number;
    const cooperation = event.parameters.cooperationFactor as number;
    for (const k of event.districts) {
      const i = COCAINE * levers.districts + k;
      levers.portInspection[k] *= inspection;
      levers.detection[i] *= cooperation;
      levers.investigations[i] *= cooperation;
    }
  },
};

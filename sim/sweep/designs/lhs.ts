import { latinHypercube } from '../../metrics/latinHypercube';
import type { DesignModule } from './design';
import { singleRowGroups } from './design';

// A Latin hypercube sample of the factors (sim/metrics/latinHypercube.ts).

export const lhs: DesignModule = {
  type: 'lhs',
  description: 'Latin hypercube sample of `samples` points',
  samples: { meaning: 'design points', minimum: 1 },
  build(domains, spec, random) {
    const n = spec.samples!;
    return { type: 'lhs', unit: latinHypercube(n, domains.length, random), groups: singleRowGroups(n), structure: { kind: 'plain' } };
  },
};

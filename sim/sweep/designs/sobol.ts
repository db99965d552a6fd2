import type { DesignModule } from './design';
import { latinHypercube } from '../../metrics/latinHypercube';

// Saltelli's sampling for Sobol indices (Saltelli 2002; Saltelli et al. 2010): two independent
// N × k matrices A and B, and for each factor i the matrix AB_i, which is A with column i taken from
// B. Rows: A (N), B (N), AB_1 (N), …, AB_k (N): N·(k + 2) points for first- and total-order indices.
// A and B are the two halves of one Latin hypercube of 2k columns, so each is itself a Latin
// hypercube and the two are independent.

export const sobol: DesignModule = {
  type: 'sobol',
  description: 'Saltelli sampling (A, B and the AB_i matrices) for Sobol first- and total-order indices',
  samples: { meaning: 'base samples N (the sweep runs N × (factors + 2) points)', minimum: 2 },
  build(domains, spec, random) {
    const k = domains.length;
    const n = spec.samples!;
    const base = latinHypercube(n, 2 * k, random);
    const a = base.map((row) => row.slice(0, k));
    const b = base.map((row) => row.slice(k));
    const unit: number[][] = [...a, ...b];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < n; j++) {
        const row = a[j].slice();
        row[i] = b[j][i];
        unit.push(row);
      }
    }
    const groups = Array.from({ length: n }, (_, j) => Array.from({ length: k + 2 }, (_, m) => m * n + j));
    return { type: 'sobol', unit, groups, structure: { kind: 'sobol', n } };
  },
};

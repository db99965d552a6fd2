import type { Random } from '../random';
import type { DesignModule } from './design';
import { singleRowGroups } from './design';

// Latin hypercube (McKay, Beckman & Conover 1979): n rows; in every column each of the n equal
// strata [s/n, (s+1)/n) holds exactly one value, placed at random within its stratum.

export function latinHypercube(n: number, columns: number, random: Random): number[][] {
  const rows = Array.from({ length: n }, () => new Array<number>(columns));
  for (let c = 0; c < columns; c++) {
    const strata = random.permutation(n);
    for (let i = 0; i < n; i++) rows[i][c] = (strata[i] + random.next()) / n;
  }
  return rows;
}

export const lhs: DesignModule = {
  type: 'lhs',
  description: 'Latin hypercube sample of `samples` points',
  samples: { meaning: 'design points', minimum: 1 },
  build(domains, spec, random) {
    const n = spec.samples!;
    return { type: 'lhs', unit: latinHypercube(n, domains.length, random), groups: singleRowGroups(n), structure: { kind: 'plain' } };
  },
};

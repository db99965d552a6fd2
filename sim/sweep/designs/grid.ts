import type { DesignModule } from './design';
import { singleRowGroups } from './design';

// Full factorial: every combination of the factors' levels, the last factor varying fastest. Each
// level is put at the middle of its share of [0, 1], which the levels domain maps back to that level.

export const grid: DesignModule = {
  type: 'grid',
  description: 'every combination of the factors\' levels',
  samples: null,
  build(domains) {
    const counts = domains.map((d) => {
      if (d.kind !== 'levels') throw new Error('grid: every factor needs levels (the schema checks this)');
      return d.levels.length;
    });
    const unit: number[][] = [];
    const index = counts.map(() => 0);
    const total = counts.reduce((a, n) => a * n, 1);
    for (let row = 0; row < total; row++) {
      unit.push(index.map((i, f) => (i + 0.5) / counts[f]));
      for (let f = counts.length - 1; f >= 0; f--) {
        if (++index[f] < counts[f]) break;
        index[f] = 0;
      }
    }
    return { type: 'grid', unit, groups: singleRowGroups(total), structure: { kind: 'plain' } };
  },
};

import type { DesignModule } from './design';

// Morris (1991) elementary effects: `samples` trajectories on a grid of p levels {0, 1/(p−1), …, 1}.
// A trajectory starts at a random grid point and moves each factor once, in random order, by
// Δ = p / (2(p − 1)); with p even every level has exactly one direction that stays in [0, 1], so
// the random start also makes the direction random. k factors give k + 1 rows per trajectory.

export const morris: DesignModule = {
  type: 'morris',
  description: 'Morris elementary-effects trajectories on a p-level grid',
  samples: { meaning: 'trajectories', minimum: 2 },
  build(domains, spec, random) {
    const k = domains.length;
    const r = spec.samples!;
    const p = spec.levels ?? 4;
    const delta = p / (2 * (p - 1));
    const unit: number[][] = [];
    const groups: number[][] = [];
    for (let t = 0; t < r; t++) {
      // Work in level indices so the coordinates are exact grid values; Δ is p/2 levels.
      const level = Array.from({ length: k }, () => random.below(p));
      const group = [unit.length];
      unit.push(level.map((l) => l / (p - 1)));
      for (const f of random.permutation(k)) {
        const up = level[f] + p / 2 <= p - 1;
        level[f] += up ? p / 2 : -p / 2;
        group.push(unit.length);
        unit.push(level.map((l) => l / (p - 1)));
      }
      groups.push(group);
    }
    return { type: 'morris', unit, groups, structure: { kind: 'morris', trajectories: r, levels: p, delta } };
  },
};

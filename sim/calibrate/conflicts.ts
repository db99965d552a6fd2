// When no parameter point survives, which targets cannot be met together? For each pair of targets,
// over the points of a wave: the share where the first is plausible (its own implausibility within
// the cutoff) while the second is not, the reverse, and the share where both are. Two targets that
// are each met somewhere but never together pull the parameters apart; a target met nowhere is out
// of the model's reach on its own.

export interface TargetConflict {
  a: string;
  b: string;
  /** share of points where a is plausible and b is not */
  onlyA: number;
  onlyB: number;
  both: number;
}

export interface Conflicts {
  /** per target, the share of points where it is plausible */
  plausible: { id: string; share: number }[];
  /** targets plausible at no point */
  unreachable: string[];
  /** pairs each plausible somewhere but never together, the strongest first (by the smaller one-sided share) */
  pairs: TargetConflict[];
  /** together[a][b]: share of points where targets a and b are both plausible (the diagonal: a alone) */
  together: number[][];
}

/** `plausible[p][t]`: target t is within the cutoff at point p. */
export function targetConflicts(ids: readonly string[], plausible: readonly (readonly boolean[])[]): Conflicts {
  const n = plausible.length;
  const share = (count: number) => (n > 0 ? count / n : 0);
  const counts = ids.map((_, t) => plausible.reduce((c, row) => c + (row[t] ? 1 : 0), 0));
  const pairs: TargetConflict[] = [];
  const together = ids.map((_, a) => ids.map((__, b) => share(plausible.reduce((c, row) => c + (row[a] && row[b] ? 1 : 0), 0))));
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      if (counts[a] === 0 || counts[b] === 0) continue;
      let onlyA = 0;
      let onlyB = 0;
      let both = 0;
      for (const row of plausible) {
        if (row[a] && row[b]) both++;
        else if (row[a]) onlyA++;
        else if (row[b]) onlyB++;
      }
      if (both === 0) pairs.push({ a: ids[a], b: ids[b], onlyA: share(onlyA), onlyB: share(onlyB), both: 0 });
    }
  }
  pairs.sort((p, q) => Math.min(q.onlyA, q.onlyB) - Math.min(p.onlyA, p.onlyB) || q.onlyA + q.onlyB - (p.onlyA + p.onlyB));
  return {
    plausible: ids.map((id, t) => ({ id, share: share(counts[t]) })),
    unreachable: ids.filter((_, t) => counts[t] === 0),
    pairs,
    together,
  };
}

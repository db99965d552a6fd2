// Rejection ABC (approximate Bayesian computation; Pritchard et al. 1999, Beaumont et al. 2002):
// parameter points drawn from the prior (here: from the prior restricted to the region history
// matching has not ruled out, which holds all but a negligible share of the posterior), each run,
// and kept when its outputs are close enough to the record. The tolerance ε is the `accept`
// quantile of the distances, so a fixed share of the points forms the posterior sample.

export interface AbcAcceptance {
  /** indices of the accepted points, in the order given */
  accepted: number[];
  /** the largest accepted distance (ε) */
  epsilon: number;
}

/**
 * The ⌈accept · n⌉ points with the smallest distances (ties go to the earlier point); points without
 * a finite distance are never accepted.
 */
export function rejectionAbc(distances: readonly number[], accept: number): AbcAcceptance {
  if (!(accept > 0 && accept <= 1)) throw new RangeError(`rejectionAbc: accept ${accept} is not in (0, 1]`);
  const finite = distances.map((d, i) => ({ d, i })).filter((p) => Number.isFinite(p.d));
  finite.sort((a, b) => a.d - b.d || a.i - b.i);
  const keep = Math.min(finite.length, Math.ceil(accept * distances.length));
  const chosen = finite.slice(0, keep);
  return { accepted: chosen.map((p) => p.i).sort((a, b) => a - b), epsilon: keep > 0 ? chosen[keep - 1].d : NaN };
}

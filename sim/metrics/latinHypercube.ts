// Latin hypercube (McKay, Beckman & Conover 1979): n rows; in every column each of the n equal
// strata [s/n, (s+1)/n) holds exactly one value, placed at random within its stratum. Used by the
// sweep's lhs and sobol designs and by check-history's robustness points; each passes its own
// random stream, so the same stream gives the same points in both.

/** A source of uniform random numbers: the engine's RandomStream and the sweep's Random are both one. */
export interface UniformSource {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [0, n) */
  below(n: number): number;
}

/** n points in [0,1)^columns. Per column: a Fisher–Yates shuffle of the strata, then a position in each. */
export function latinHypercube(n: number, columns: number, random: UniformSource): number[][] {
  const rows = Array.from({ length: n }, () => new Array<number>(columns));
  for (let c = 0; c < columns; c++) {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = random.below(i + 1);
      const t = strata[i];
      strata[i] = strata[j];
      strata[j] = t;
    }
    for (let i = 0; i < n; i++) rows[i][c] = (strata[i] + random.next()) / n;
  }
  return rows;
}

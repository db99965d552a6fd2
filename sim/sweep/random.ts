import seedrandom from 'seedrandom';

// The random numbers of designs and bootstrap resamples: one named alea stream per purpose, keyed by
// the sweep seed, so a design and its confidence intervals are reproducible from the sweep file.

export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [0, n) */
  below(n: number): number;
  /** a random permutation of 0..n-1 (Fisher–Yates) */
  permutation(n: number): number[];
}

export function randomStream(seed: number, purpose: string): Random {
  const source = seedrandom.alea(`waterbed-sweep:${seed}:${purpose}`);
  const next = () => source();
  const below = (n: number) => Math.floor(next() * n);
  return {
    next,
    below,
    permutation(n) {
      const p = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = below(i + 1);
        const t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    },
  };
}

import seedrandom from 'seedrandom';

// Named random streams. Each (seed, replicate, name) gets its own generator, so a scenario that
// changes one mechanism leaves the draws of every other stream untouched (common random numbers).
// seedrandom's alea is fast (~9 ns a draw); we fill a block at a time so the hot loop reads a
// typed array instead of calling through seedrandom's wrapper for every draw.

const BLOCK = 1024;

export class RandomStream {
  private readonly source: () => number;
  private readonly block = new Float64Array(BLOCK);
  private index = BLOCK;

  constructor(key: string) {
    this.source = seedrandom.alea(key);
  }

  /** Uniform in [0, 1). */
  next(): number {
    if (this.index === BLOCK) this.refill();
    return this.block[this.index++];
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Poisson draw by inversion (small means) or a rounded normal approximation (large means). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const z = this.normal();
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Standard normal (Box–Muller, one value per two uniforms, for determinism without caching). */
  normal(): number {
    const u1 = this.next() || 1e-12;
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private refill(): void {
    const src = this.source;
    const b = this.block;
    for (let i = 0; i < BLOCK; i++) b[i] = src();
    this.index = 0;
  }
}

export function streamKey(seed: number | string, replicate: number, name: string): string {
  return `waterbed:${seed}:${replicate}:${name}`;
}

/** The streams of one replicate, created on first use by name. */
export class Streams {
  private readonly made = new Map<string, RandomStream>();
  constructor(readonly seed: number | string, readonly replicate: number) {}

  get(name: string): RandomStream {
    let s = this.made.get(name);
    if (!s) {
      s = new RandomStream(streamKey(this.seed, this.replicate, name));
      this.made.set(name, s);
    }
    return s;
  }
}

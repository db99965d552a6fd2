import seedrandom from 'seedrandom';
import { cos } from './math';

// A sequential random stream, for what draws numbers one after another outside the model (the Latin
// hypercubes of robustness checks, the standard benchmark). The model's own draws are keyed instead
// (sim/core/keyed.ts).
// The generator is xoshiro128** (Blackman & Vigna 2018: 128 bits of state, period 2^128 − 1, passes
// BigCrush), seeded from the stream's key by seedrandom's Alea (its Mash hash of the key). It works
// on 32-bit integers, which JavaScript computes fast: about 2 ns a draw against 6–9 ns for Alea, whose
// every step waits on the one before. Draws are made a block at a time into a typed array.

const BLOCK = 1024;

/** 2^-32: a 32-bit draw as a fraction in [0, 1) */
const FRACTION = 2.3283064365386963e-10;

/**
 * Fills `out` with the next draws of xoshiro128** from `state` (four 32-bit words, not all zero),
 * each as a fraction in [0, 1), and advances the state.
 */
export function xoshiro128ss(state: Int32Array, out: Float64Array): void {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let i = 0; i < out.length; i++) {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = (result >>> 0) * FRACTION;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

export class RandomStream {
  private readonly block = new Float64Array(BLOCK);
  private index = BLOCK;
  private readonly state = new Int32Array(4);

  constructor(key: string) {
    const seeder = seedrandom.alea(key);
    for (let i = 0; i < 4; i++) this.state[i] = seeder.int32();
    // The one state xoshiro cannot leave (a chance of 2^-128).
    if (this.state.every((word) => word === 0)) this.state[0] = 1;
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
    return Math.sqrt(-2 * Math.log(u1)) * cos(2 * Math.PI * u2);
  }

  private refill(): void {
    xoshiro128ss(this.state, this.block);
    this.index = 0;
  }
}

export function streamKey(seed: number | string, replicate: number, name: string): string {
  return `waterbed:${seed}:${replicate}:${name}`;
}

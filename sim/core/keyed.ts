import seedrandom from 'seedrandom';
import { streamKey } from './rng';
import { cos, EXP_BRACKET_BOTTOM, expBracket } from './math';

// Keyed random numbers: every draw of the model is a hash of what it is for, never the next number of
// a sequence. The key is (seed, replicate, stream) → two words fixed per stream, plus the actor (or
// organisation, cohort, entry cell), the week and the purpose of the draw (sim/agents/draws.ts). So an
// actor draws the same numbers in two runs unless its own situation differs: a policy in one district
// changes the draws of the actors it reaches and of no one else, which is what makes the difference
// between two runs (a counterfactual) the policy's effect rather than the noise of shifted sequences.
// Counter-based generators (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3") work this
// way; the hash here is Wellons' lowbias32 (hash-prospector; bias 0.107, near the best 32-bit
// two-multiply mixer found) chained over the key's words: an id's key once (keyOf), then the week and
// the purpose per draw, about 3 ns in JavaScript's 32-bit integer arithmetic. A draw has 32 bits, as
// the sequential generator's had.

/** 2^-32: a 32-bit hash as a fraction in [0, 1) */
const FRACTION = 2.3283064365386963e-10;
const TWO_32 = 4294967296;
/** 2^32 / φ: spreads consecutive weeks over the whole 32-bit range before mixing */
const GOLDEN = 0x9e3779b9;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x21f0aaad);
  h ^= h >>> 15;
  h = Math.imul(h, 0x735a2d97);
  h ^= h >>> 15;
  return h;
}

/** An id's key for one week: what the uniforms of its decisions that week are hashed from (see KeyedStream.at). */
export function weekKey(key: number, tick: number): number {
  return mix(key ^ Math.imul(tick + 1, GOLDEN));
}

/** The uniform in [0, 1) of `purpose` for a week key: KeyedStream.at(key, tick, purpose) = weekUniform(weekKey(key, tick), purpose). */
export function weekUniform(week: number, purpose: number): number {
  return (mix(week ^ purpose) >>> 0) * FRACTION;
}

/**
 * Whether an event of `chance` happens, from a week key (weekKey): KeyedStream.happens for an id that
 * draws more than once in a week, which hashes its week once.
 */
export function happensIn(week: number, purpose: number, chance: number): boolean {
  return weekUniform(week, purpose) < chance;
}

/** Trials until the first success, from a uniform `u` and ln(1 − chance) (0 < chance < 1): geometric by inversion, at most the largest int32. */
export function trialsFrom(u: number, logNoSuccess: number): number {
  return Math.min(0x7fffffff, Math.floor(Math.log(1 - u) / logNoSuccess) + 1);
}

/** the parts of [0, 1) a GeometricTable starts its look-up from */
const TABLE_BINS = 4096;
/** the largest count a GeometricTable holds (8 bytes each): a chance whose draws go beyond it keeps the logarithm */
const TABLE_MOST = 1 << 16;
/** tables made, by ln(1 − chance), the most recent last (a run asks for a few chances; a sweep for a few per point) */
const tables = new Map<number, GeometricTable | null>();
const TABLES_KEPT = 16;

/**
 * trialsFrom(u, logNoSuccess) without a logarithm, for the uniforms keyed draws give (x / 2^32, x a
 * 32-bit integer), drawn at every raid check, entry and channel review. trialsFrom rises with u, a
 * staircase: the table holds the foot of each step, the least uniform whose count is g or more, found
 * with trialsFrom itself, so it answers exactly as trialsFrom does. A uniform's count is that of the
 * start of its 1/4096th of [0, 1), stepped up past the feet below u (seldom more than one).
 */
export class GeometricTable {
  /** foot[g]: the least uniform whose count is g or more, for g = 1 … the largest count; ∞ after it */
  private readonly foot: Float64Array;
  /** the count at the start of each part of [0, 1) */
  private readonly atPart: Int32Array;

  /** The table of trialsFrom(·, logNoSuccess), or null when its counts go beyond TABLE_MOST. */
  static of(logNoSuccess: number): GeometricTable | null {
    let table = tables.get(logNoSuccess);
    if (table === undefined) {
      table = trialsFrom(1 - FRACTION, logNoSuccess) > TABLE_MOST ? null : new GeometricTable(logNoSuccess);
      tables.set(logNoSuccess, table);
      if (tables.size > TABLES_KEPT) tables.delete(tables.keys().next().value as number);
    }
    return table;
  }

  private constructor(logNoSuccess: number) {
    const count = (x: number) => trialsFrom(x * FRACTION, logNoSuccess);
    const most = count(TWO_32 - 1);
    this.foot = new Float64Array(most + 2);
    this.foot[most + 1] = Infinity;
    let x = 0;
    for (let g = 1; g <= most; g++) {
      // from the distribution function (P(count < g) = 1 − (1 − chance)^(g − 1)) to the exact foot, a step or two away
      x = Math.max(x, Math.min(TWO_32 - 1, Math.floor(-Math.expm1(logNoSuccess * (g - 1)) * TWO_32)));
      while (x > 0 && count(x - 1) >= g) x--;
      while (count(x) < g) x++;
      this.foot[g] = x * FRACTION;
    }
    this.atPart = new Int32Array(TABLE_BINS);
    for (let b = 0; b < TABLE_BINS; b++) this.atPart[b] = count(b * (TWO_32 / TABLE_BINS));
  }

  /** trialsFrom(u, logNoSuccess), for a keyed uniform u. */
  trials(u: number): number {
    let g = this.atPart[Math.floor(u * TABLE_BINS)];
    while (u >= this.foot[g + 1]) g++;
    return g;
  }
}

export class KeyedStream {
  private readonly k0: number;
  private readonly k1: number;
  /** the last chance trialsUntil was asked about, and ln(1 − it): callers ask about one chance again and again */
  private chance = 0;
  private logNoSuccess = 0;
  private table: GeometricTable | null = null;

  constructor(key: string) {
    const seeder = seedrandom.alea(key);
    this.k0 = seeder.int32();
    this.k1 = seeder.int32();
  }

  /**
   * The 32-bit key of `id` in this stream (a non-negative integer below 2^53: an actor, organisation,
   * cohort or entry cell). Worked out once per actor and kept (Population.drawKey), so that a draw
   * hashes only the week and the purpose.
   */
  keyOf(id: number): number {
    return mix(mix(this.k0 ^ (id >>> 0)) ^ this.k1 ^ Math.floor(id / TWO_32));
  }

  /** Uniform in [0, 1) for key `key` (keyOf), week `tick` (≥ −1) and `purpose` (a small integer naming the decision). */
  at(key: number, tick: number, purpose: number): number {
    return weekUniform(weekKey(key, tick), purpose);
  }

  /**
   * Whether an event of `chance` happens: the uniform of (key, tick, purpose) is below it. (A yes or no
   * rather than the uniform: where V8 does not inline the call, a number returned is a new heap object,
   * and at a few per actor and week those were most of a run's garbage.)
   */
  happens(chance: number, key: number, tick: number, purpose: number): boolean {
    return happensIn(weekKey(key, tick), purpose, chance);
  }

  /** Integer in [0, n). */
  below(n: number, key: number, tick: number, purpose: number): number {
    return Math.floor(this.at(key, tick, purpose) * n);
  }

  /** Trials until the first success at `chance` per trial (1, 2, …; the largest int32 when the chance is 0). */
  trialsUntil(chance: number, key: number, tick: number, purpose: number): number {
    return this.trialsUntilIn(chance, weekKey(key, tick), purpose);
  }

  /** trialsUntil from a week key (weekKey; see happensIn). */
  trialsUntilIn(chance: number, week: number, purpose: number): number {
    if (chance <= 0) return 0x7fffffff;
    if (chance >= 1) return 1;
    if (chance !== this.chance) {
      this.chance = chance;
      this.logNoSuccess = Math.log(1 - chance);
      this.table = GeometricTable.of(this.logNoSuccess);
    }
    const u = weekUniform(week, purpose);
    return this.table ? this.table.trials(u) : trialsFrom(u, this.logNoSuccess);
  }

  /**
   * Poisson draw from one uniform by inverting the distribution function (means up to 30), or from one
   * normal deviate (a rounded normal approximation above). Either way the count rises with the mean
   * for the same key, so two runs whose means differ a little draw the same count most weeks.
   * Uses `purpose` and, above 30, `purpose + 1`.
   */
  poisson(mean: number, key: number, tick: number, purpose: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal(key, tick, purpose)));
    const u = this.at(key, tick, purpose);
    // Most draws are 0 (small means): a u below e^−mean's bracket settles that without Math.exp.
    if (u < expBracket(-mean) * EXP_BRACKET_BOTTOM) return 0;
    let k = 0;
    let p = Math.exp(-mean);
    let cumulative = p;
    while (u >= cumulative && k < 1000) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  /** Standard normal (Box–Muller) from the uniforms of `purpose` and `purpose + 1`. */
  normal(key: number, tick: number, purpose: number): number {
    const u1 = this.at(key, tick, purpose) || 1e-12;
    const u2 = this.at(key, tick, purpose + 1);
    return Math.sqrt(-2 * Math.log(u1)) * cos(2 * Math.PI * u2);
  }
}

/** The keyed streams of one replicate, by name (one per actor kind, and a few for the model's own draws). */
export class KeyedStreams {
  private readonly made = new Map<string, KeyedStream>();
  constructor(
    readonly seed: number | string,
    readonly replicate: number,
  ) {}

  get(name: string): KeyedStream {
    let s = this.made.get(name);
    if (!s) {
      s = new KeyedStream(streamKey(this.seed, this.replicate, name));
      this.made.set(name, s);
    }
    return s;
  }
}

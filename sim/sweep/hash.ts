import { createHash } from 'node:crypto';

// Content-derived identities. A design point's id comes from its factor values and a run's seed from
// (sweep seed, seed key, replicate), never from the order runs are made or executed, so adding a
// factor level or a scenario leaves every other run's id and random numbers as they were.

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Factor values by factor name, in name order, as JSON: the same point gives the same text. */
export function canonicalValues(names: readonly string[], values: readonly number[]): string {
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  return JSON.stringify(order.map((i) => [names[i], values[i]]));
}

/** A design point's id: `p` and 12 hex digits (48 bits) of the hash of its factor values. */
export function pointId(names: readonly string[], values: readonly number[]): string {
  return 'p' + sha256Hex(`waterbed-point:${canonicalValues(names, values)}`).slice(0, 12);
}

/**
 * A run's seed: 48 bits of the hash of (sweep seed, seed key, replicate), a whole number below 2^48,
 * so it is exact as a double and `waterbed run --seed <seed> --reps 1` accepts it.
 */
export function runSeed(sweepSeed: number, seedKey: string, replicate: number): number {
  return parseInt(sha256Hex(`waterbed-run-seed:${sweepSeed}:${seedKey}:${replicate}`).slice(0, 12), 16);
}

import path from 'node:path';
import { UserError } from './userError';

// Checks and defaults of options that several commands share.

const shown = (x: number) => (Number.isNaN(x) ? '(not a number)' : String(x));

export function checkWorkers(workers: number): void {
  if (!Number.isInteger(workers) || workers < 1) throw new UserError(`--workers ${shown(workers)}: expected a whole number of worker threads, 1 or more.`);
}

export function checkCounts(args: { reps: number; seed: number; workers: number }): void {
  if (!Number.isInteger(args.reps) || args.reps < 1) throw new UserError(`--reps ${shown(args.reps)}: expected a whole number of replicates, 1 or more (e.g. --reps 10).`);
  if (!Number.isInteger(args.seed) || args.seed < 0) throw new UserError(`--seed ${shown(args.seed)}: expected a whole number 0 or more (e.g. --seed 42).`);
  checkWorkers(args.workers);
}

/** A results folder name from the scenario's name: letters, digits, dots, dashes and underscores. */
export function defaultOutDir(name: string, seed: number): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return path.join('results', `${safe}-seed${seed}`);
}

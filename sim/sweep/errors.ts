import { UserError } from '../errors';

// Errors a user can cause and fix outside a sweep file: a sweep folder that belongs to another sweep,
// a damaged store, a shard that does not exist. The CLI prints the message alone (exit status 2), so
// it must say what is wrong and what to do. Problems inside a sweep file are ScenarioErrors instead,
// which also carry the file, line and key path.

export class SweepError extends UserError {
  override name = 'SweepError';
}

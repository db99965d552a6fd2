import { ResultsFolderError } from '../io/atomic';
import { ScenarioError } from '../scenario';

// Errors a user can cause and fix: printed as one message, exit status 2, never a stack trace.

export class UserError extends Error {}

export const USER_ERROR_EXIT = 2;

export function isUserError(err: unknown): err is Error {
  return err instanceof UserError || err instanceof ScenarioError || err instanceof ResultsFolderError;
}

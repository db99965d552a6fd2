import { UserError } from '../errors';

// How the command line treats an error the user can fix (sim/errors.ts): one message, this exit status.

export { UserError };

export const USER_ERROR_EXIT = 2;

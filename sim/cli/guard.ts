import { USER_ERROR_EXIT, UserError } from './userError';

// How every command ends: its number as the exit status; an error a user can fix as one message
// and status 2; anything else is a bug and prints its stack.

export const log = (line: string) => process.stdout.write(line + '\n');

// A reader that stops early (`waterbed check-history | head`) closes the pipe: stop quietly with
// the status so far, as Unix tools do, instead of a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});
export const warn = (line: string) => process.stderr.write(line + '\n');

export async function guard(action: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await action();
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    if (err instanceof UserError) {
      warn(`waterbed: ${err.message}`);
      process.exitCode = USER_ERROR_EXIT;
    } else {
      warn(`waterbed: internal error (please report it):\n${err instanceof Error ? err.stack : String(err)}`);
      process.exitCode = 1;
    }
  }
}

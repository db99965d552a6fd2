// An error the user caused and can fix: a mistake in a scenario or sweep file, a wrong option, an
// output folder that may not be replaced. The command line prints its message alone and exits with
// status 2, never with a stack trace, so the message must say where the mistake is, what was
// expected and how to fix it. Every other error is a bug.
//
// A leaf module with a plain class, so that every layer may throw one without importing I/O.

export class UserError extends Error {
  override name = 'UserError';
}

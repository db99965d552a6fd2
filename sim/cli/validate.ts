import { validateFiles } from '../scenario';

// `waterbed validate FILE...`: checks scenario files; status 2 when any is bad.

export function validateCommand(files: string[], log: (line: string) => void, warn: (line: string) => void): number {
  let bad = 0;
  for (const check of validateFiles(files)) {
    if (check.error) {
      bad++;
      warn(check.error.message);
    } else {
      log(`${check.file}: ok`);
    }
  }
  return bad > 0 ? 2 : 0;
}

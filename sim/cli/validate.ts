import { loadScenario, readYamlSource, sweepMarkersIn } from '../scenario';
import { readSweepFile } from '../sweep/schema';
import { USER_ERROR_EXIT, UserError } from './userError';

// `waterbed validate FILE...`: checks scenario and sweep files, each on its own and each with all its
// problems at once. A sweep file is told by its design: and factors: keys and checked with the
// scenarios it names. Status 2 when any file has a problem.

export function validateCommand(files: string[], log: (line: string) => void, warn: (line: string) => void): number {
  let bad = 0;
  for (const file of files) {
    try {
      log(`${file}: ok (${checkFile(file)})`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      bad++;
      warn(err.message);
    }
  }
  return bad > 0 ? USER_ERROR_EXIT : 0;
}

/** Checks one file as the kind of file it is, and names what was checked. */
function checkFile(file: string): string {
  const source = readYamlSource(file, 'a scenario or sweep file');
  if (sweepMarkersIn(source).length === 0) {
    loadScenario(file);
    return 'scenario';
  }
  const { variants } = readSweepFile(file);
  return `sweep file and the ${variants.length === 1 ? 'scenario' : `${variants.length} scenarios`} it names`;
}

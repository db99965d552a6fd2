import { calibrationMarkersIn, loadScenario, readYamlSource, sweepMarkersIn } from '../scenario';
import { readCalibrationFile } from '../calibrate/schema';
import { readSweepFile } from '../sweep/schema';
import { USER_ERROR_EXIT, UserError } from './userError';

// `waterbed validate FILE...`: checks scenario, sweep and calibration files, each on its own and each
// with all its problems at once. A sweep file is told by its design: and factors: keys and checked
// with the scenarios it names; a calibration file by its method: key, and checked with its scenario
// and targets. Status 2 when any file has a problem.

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
  const source = readYamlSource(file, 'a scenario, sweep or calibration file');
  if (calibrationMarkersIn(source).length > 0 && sweepMarkersIn(source).length === 0) {
    const spec = readCalibrationFile(file);
    return `calibration file, its scenario and ${spec.fit.length} fit and ${spec.validation.length} validation targets`;
  }
  if (sweepMarkersIn(source).length === 0) {
    loadScenario(file);
    return 'scenario';
  }
  const { variants } = readSweepFile(file);
  return `sweep file and the ${variants.length === 1 ? 'scenario' : `${variants.length} scenarios`} it names`;
}

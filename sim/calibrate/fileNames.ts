// The names of a calibration folder's files (docs/OUTPUTS.md, "The calibration folder"), apart from
// the code that writes them, so that what only reads a folder (a sweep over its posterior) need not
// import the calibration's machinery.

export const PLAN_FILE = 'plan.json';
export const CALIBRATION_COPY = 'calibration.yaml';
export const TARGETS_COPY = 'targets.csv';
export const SUMMARY_FILE = 'calibration.json';
export const STAGES_CSV = 'waves.csv';
export const IMPLAUSIBILITY_CSV = 'implausibility.csv';
export const POSTERIOR_CSV = 'posterior.csv';
export const POSTERIOR_PARQUET = 'posterior.parquet';
export const CALIBRATION_MANIFEST = 'manifest.json';

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as names from '../../sim/calibrate/fileNames';
import * as files from '../../sim/calibrate/files';
import { ABC_KEYS, CALIBRATION_KEYS, METHOD_KEYS, readCalibrationFile } from '../../sim/calibrate/schema';
import type { CalibrationSummary } from '../../sim/calibrate/summary';
import { TARGET_COLUMNS } from '../../sim/calibrate/targets';

// docs/OUTPUTS.md (the calibration folder), docs/CALIBRATING.md (the calibration file) and
// data/README.md (the targets file) must name everything the code reads and writes.

const ROOT = path.resolve(__dirname, '../..');
const OUTPUTS = fs.readFileSync(path.join(ROOT, 'docs/OUTPUTS.md'), 'utf8');
const SECTION = OUTPUTS.slice(OUTPUTS.indexOf('## The calibration folder'));
const CALIBRATING = fs.readFileSync(path.join(ROOT, 'docs/CALIBRATING.md'), 'utf8');
const DATA = fs.readFileSync(path.join(ROOT, 'data/README.md'), 'utf8');
/** A table row whose first cell names `name` (alone or among others). */
const row = (doc: string, name: string) => doc.split('\n').some((l) => l.startsWith('| ') && l.split('|')[1].includes(`\`${name}\``));

describe('docs/OUTPUTS.md, the calibration folder', () => {
  const spec = readCalibrationFile(path.join(ROOT, 'test/fixtures/calibrations/tiny.yaml'));

  it('documents every file', () => {
    expect(SECTION.length).toBeGreaterThan(1000);
    for (const f of [names.PLAN_FILE, names.CALIBRATION_COPY, names.TARGETS_COPY, names.SUMMARY_FILE, names.STAGES_CSV, names.IMPLAUSIBILITY_CSV, names.POSTERIOR_CSV, names.POSTERIOR_PARQUET, names.CALIBRATION_MANIFEST, 'report.html', 'slurm/']) {
      expect(row(SECTION, f), f).toBe(true);
    }
  });

  it('documents every column of waves.csv and implausibility.csv', () => {
    for (const c of files.STAGE_COLUMNS) expect(row(SECTION, c), c).toBe(true);
    for (const c of [...files.IMPLAUSIBILITY_COLUMNS.first, ...files.IMPLAUSIBILITY_COLUMNS.last]) expect(row(SECTION, c), c).toBe(true);
  });

  it('documents every field of calibration.json', () => {
    const summary: CalibrationSummary = { outcome: 'posterior', stoppedAfter: null, stages: [], posterior: null, best: null, fit: [], conflicts: { stage: 'wave-1', plausible: [], unreachable: [], pairs: [], together: [] } };
    for (const field of Object.keys(files.summaryDocument(spec, summary))) expect(row(SECTION, field), field).toBe(true);
    // plan.json's identity: what a resume is checked against
    expect(Object.keys(files.planDocument(spec).identity)).toEqual(['tool', 'calibration', 'targetsHash', 'scenarioHash']);
    expect(SECTION).toContain('its identity (tool version, sha256 of the calibration file, of the targets file and of the resolved scenario)');
  });
});

describe('docs/CALIBRATING.md and data/README.md', () => {
  it('document every key of a calibration file, of its method and of its abc', () => {
    for (const key of CALIBRATION_KEYS) expect(row(CALIBRATING, key), key).toBe(true);
    for (const key of [...METHOD_KEYS, ...ABC_KEYS]) expect(CALIBRATING, key).toMatch(new RegExp(`\`${key}\``));
  });

  it('lists every calibration file of scenarios/calibrations, each of which reads without a problem', () => {
    const library = path.join(ROOT, 'scenarios/calibrations');
    const names = fs.readdirSync(library).filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(row(CALIBRATING, `scenarios/calibrations/${name}`), name).toBe(true);
      expect(() => readCalibrationFile(path.join(library, name)), name).not.toThrow();
    }
  });

  it('data/README.md documents every column of the targets file', () => {
    for (const c of TARGET_COLUMNS) expect(DATA, c).toMatch(new RegExp(`\`${c}\``));
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../sim/cli/report';
import { UserError } from '../../sim/cli/userError';
import { partsFor, PART_SOURCES } from '../../viz/sections';

// Which parts a folder gets, and the message for a folder that is not a results folder.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-viz-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('report parts', () => {
  it('gives a folder every part whose files it holds', () => {
    const dir = path.join(tmp, 'parts');
    fs.mkdirSync(dir);
    expect(partsFor(dir)).toEqual([]);
    for (const f of ['manifest.json', 'series.parquet', 'summary.json']) fs.writeFileSync(path.join(dir, f), '');
    expect(partsFor(dir).map((p) => p.kind)).toEqual(['run']);
    fs.writeFileSync(path.join(dir, 'comparison.json'), '');
    expect(partsFor(dir).map((p) => p.kind)).toEqual(['run', 'comparison']);
    expect(PART_SOURCES.map((p) => p.kind)).toEqual(['run', 'comparison', 'sweep']);
  });

  it('refuses, as a user error, a folder without results and one that does not exist', async () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    await expect(writeReport(empty)).rejects.toThrow(UserError);
    await expect(writeReport(empty)).rejects.toThrow(/not a results folder \(expected manifest\.json, series\.parquet, summary\.json; or comparison\.json; or design\.json, table\.csv\)/);
    await expect(writeReport(path.join(tmp, 'missing'))).rejects.toThrow(/no such folder/);
    expect(fs.existsSync(path.join(empty, 'report.html'))).toBe(false);
  });

  it('names a broken JSON file', async () => {
    const dir = path.join(tmp, 'broken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'comparison.json'), '{ not json');
    await expect(writeReport(dir)).rejects.toThrow(/comparison\.json: not valid JSON/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../sim/cli/writeReport';
import { UserError } from '../../sim/cli/userError';
import { TABLE_ROWS, type AnalysisWindows, type ResolvedScenario, type RowKey } from '../../sim/core/types';
import { projectPath } from '../../sim/io/project';
import { buildManifest, writeRunResults } from '../../sim/io/results';
import { loadWorld } from '../../sim/io/worldData';
import { MARKET_ECHELONS } from '../../sim/core/types';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';
import { summarise } from '../../sim/metrics/verdict';
import { readFlowsCsv } from '../../viz/flowsCsv';
import { partsFor, PART_SOURCES, RUN_PART } from '../../viz/sections';

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
    expect(PART_SOURCES.map((p) => p.kind)).toEqual(['run', 'comparison', 'sweep', 'calibration']);
    for (const f of ['calibration.json', 'implausibility.csv']) fs.writeFileSync(path.join(dir, f), '');
    expect(partsFor(dir).map((p) => p.kind)).toEqual(['run', 'comparison', 'calibration']);
  });

  it('refuses, as a user error, a folder without results and one that does not exist', async () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    await expect(writeReport(empty)).rejects.toThrow(UserError);
    await expect(writeReport(empty)).rejects.toThrow(/not a results folder \(expected manifest\.json, series\.parquet, summary\.json; or comparison\.json; or design\.json, table\.csv; or calibration\.json, implausibility\.csv\)/);
    await expect(writeReport(path.join(tmp, 'missing'))).rejects.toThrow(/no such folder/);
    expect(fs.existsSync(path.join(empty, 'report.html'))).toBe(false);
  });

  it('says a run folder with series.csv and no series.parquet was written by an older waterbed', async () => {
    const dir = path.join(tmp, 'older');
    fs.mkdirSync(dir);
    for (const f of ['manifest.json', 'series.csv', 'summary.json']) fs.writeFileSync(path.join(dir, f), '');
    await expect(writeReport(dir)).rejects.toThrow(/series\.csv but no series\.parquet: it was written by an older waterbed; run the scenario again/);
  });

  it('names a broken JSON file', async () => {
    const dir = path.join(tmp, 'broken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'comparison.json'), '{ not json');
    await expect(writeReport(dir)).rejects.toThrow(/comparison\.json: not valid JSON/);
  });
});

describe("the run's part", () => {
  it('is the same built from the columns and flows the writer hands over as from series.parquet and flows.csv', async () => {
    const world = loadWorld();
    const months = ['2010-01', '2010-02', '2010-03'];
    const keys: SeriesKey[] = world.ids.map((district, k) => ({
      district, country: world.country[k] === 0 ? 'BE' : 'NL', market: 'cannabis', echelon: 'production', channel: '', buyer: '', origin: '', size: '', metric: 'volume_kg',
    }));
    const replicate = (r: number): ReplicateSeries => ({
      months,
      keys,
      values: Float64Array.from({ length: keys.length * months.length }, (_, i) => ((i * 7 + r * 13) % 11) / 3),
      // Moves between some districts, in thirds: flows.csv holds them rounded to 6 digits.
      flows: { years: ['2010'], districts: [...world.ids], values: Float64Array.from({ length: MARKET_ECHELONS.length * world.size * world.size }, (_, i) => (i % 7 === 0 ? ((i + r) % 5) / 3 : 0)) },
    });
    const replicates = [0, 1, 2].map(replicate);
    const windows: AnalysisWindows = { before: ['2010-01-01', '2010-01-31'], after: ['2010-03-01', '2010-03-31'] };
    const scenario: ResolvedScenario = {
      name: 'handed', description: '', start: '2010-01-01', end: '2010-03-31', parameters: {}, policies: [], reference: null,
      analysis: Object.fromEntries(TABLE_ROWS.map((r) => [`${r.market}/${r.echelon}`, windows])) as Record<RowKey, AnalysisWindows>,
    };
    const dir = path.join(tmp, 'handed');
    fs.mkdirSync(dir);
    const manifest = buildManifest({ scenario, seed: 1, reps: 3, workers: 1, startedAt: '', finishedAt: '' });
    const { series, flows } = await writeRunResults(dir, { manifest, replicates, summary: summarise(replicates, scenario.analysis) });
    const ctx = { dataDir: projectPath('sim', 'world', 'data'), generatedAt: new Date(0) };
    const fromFile = await RUN_PART.build(dir, ctx);
    const handed = await RUN_PART.build(dir, { ...ctx, series, flows });
    expect(handed).toEqual(fromFile);
    expect(JSON.stringify(fromFile.data)).toContain('cannabis/production');
    // The flows handed over are the rows of flows.csv, numbers and all (a third is written 0.333333).
    expect(flows.length).toBeGreaterThan(100);
    expect(flows).toEqual(readFlowsCsv(path.join(dir, 'flows.csv')));
    expect(flows.some((f) => f.value === 0.333333)).toBe(true);
  });
});

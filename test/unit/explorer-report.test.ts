import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReport, summaryJson } from '../../explorer/reportData';
import { simulateReplicate } from '../../sim/engine/simulate';
import { projectPath } from '../../sim/io/project';
import { buildManifest, writeRunResults } from '../../sim/io/results';
import { loadWorld } from '../../sim/io/worldData';
import { summarise } from '../../sim/metrics/verdict';
import { loadScenario } from '../../sim/scenario';
import { loadDistrictMap } from '../../viz/geo';
import { RUN_PART } from '../../viz/sections';

// What the explorer draws (explorer/reportData.ts, in its report worker) against what `waterbed run`
// writes and `waterbed report` draws from the files: the same summary.json, and the same report
// data, but for the lines that say when and where it was made.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-explorer-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the explorer’s report data', () => {
  it('equals the report built from the results folder of the same replicates', async () => {
    const scenario = loadScenario('test/fixtures/scenarios/short.yaml');
    const world = loadWorld();
    const replicates = [0, 1].map((r) => simulateReplicate(scenario, world, 5, r).series);
    const manifest = buildManifest({ scenario, seed: 5, reps: 2, workers: 1, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', gitCommit: null });
    const dir = path.join(tmp, 'run');
    fs.mkdirSync(dir);
    await writeRunResults(dir, { manifest, replicates, summary: summarise(replicates, scenario.analysis) });
    const fromFiles = (await RUN_PART.build(dir, { dataDir: projectPath('sim', 'world', 'data'), generatedAt: new Date() })).data as Record<string, unknown>;

    const input = { scenario, seed: 5, reps: 2, workers: 1, version: manifest.tool.version, startedAt: manifest.startedAt, finishedAt: manifest.finishedAt, scenarioHash: manifest.scenarioHash };
    const page = runReport(input, replicates, loadDistrictMap(projectPath('sim', 'world', 'data')));
    expect(summaryJson(page.summary)).toBe(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
    const { meta: pageMeta, ...pageData } = page.run as unknown as Record<string, unknown>;
    const { meta: fileMeta, ...fileData } = fromFiles;
    expect(pageData).toEqual(fileData);
    // The lines that say what was run are the same too; when and with what differ.
    const same = (m: unknown) => {
      const { generatedAt, node, finishedAt, ...rest } = m as Record<string, unknown>;
      return rest;
    };
    expect(same(pageMeta)).toEqual(same(fileMeta));
  });
});

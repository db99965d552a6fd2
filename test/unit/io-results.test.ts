import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TABLE_ROWS, type AnalysisWindows, type ResolvedScenario, type RowKey } from '../../sim/core';
import { MARKET_ECHELONS, type ReplicateSeries, type SeriesKey } from '../../sim/metrics/series';
import { SERIES_COLUMNS, seriesRows } from '../../sim/metrics/aggregate';
import { csvLine, formatNumber } from '../../sim/io/csv';
import { VERDICT_CLASSES, summarise } from '../../sim/metrics/verdict';
import { writeResultsAtomically } from '../../sim/io/atomic';
import { FLOWS_COLUMNS, buildManifest, canonicalJson, scenarioHash, sortKeysDeep, writeRunResults, writeSeriesCsv } from '../../sim/io/results';

const dirs: string[] = [];
const scratch = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-results-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const WINDOWS: AnalysisWindows = { before: ['2011-01-01', '2011-12-31'], after: ['2013-01-01', '2013-12-31'] };
const SCENARIO: ResolvedScenario = {
  name: 'test',
  description: 'a scenario for the writer tests',
  start: '2011-01-01',
  end: '2014-01-01',
  parameters: { 'enforcement.capacity': [1, 2, 3], 'grower.entryRate': 0.25 },
  policies: [{ type: 'i-criterion', start: '2012-05-01', districts: ['nl-limburg'], parameters: { share: 1 } }],
  analysis: Object.fromEntries(TABLE_ROWS.map((r) => [`${r.market}/${r.echelon}`, WINDOWS])) as Record<RowKey, AnalysisWindows>,
};

const MONTHS = Array.from({ length: 36 }, (_, i) => `${2011 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

function replicate(seed: number): ReplicateSeries {
  const keys: SeriesKey[] = [];
  for (const district of ['be-antwerpen', 'nl-limburg']) {
    const country = district.startsWith('be') ? ('BE' as const) : ('NL' as const);
    for (const { market, echelon } of TABLE_ROWS) {
      keys.push({ district, country, market, echelon, channel: '', buyer: '', origin: '', size: '', metric: 'volume_kg' });
    }
    keys.push({ district, country, market: 'cannabis', echelon: 'retail', channel: 'courier, "online"', buyer: 'BE', origin: 'NL', size: '', metric: 'transactions' });
  }
  const values = new Float64Array(keys.length * MONTHS.length);
  for (let k = 0; k < keys.length; k++) {
    for (let m = 0; m < MONTHS.length; m++) {
      const trend = keys[k].country === 'BE' ? 1 + m / 12 : 3 - m / 48;
      values[k * MONTHS.length + m] = 100 * trend + Math.sin(seed * 7 + k * 3 + m) * 2;
    }
  }
  // Two districts, one move a year from the first to the second for cannabis production.
  const years = [...new Set(MONTHS.map((m) => m.slice(0, 4)))];
  const districts = ['be-antwerpen', 'nl-limburg'];
  const flows = new Float64Array(MARKET_ECHELONS.length * 2 * 2 * years.length);
  years.forEach((_, y) => (flows[(0 * 2 + 0) * 2 * years.length + 1 * years.length + y] = 1 + seed));
  return { months: MONTHS, keys, values, flows: { years, districts, values: flows } };
}

async function run(outDir: string, workers: number, startedAt: string) {
  const replicates = [1, 2, 3].map(replicate);
  const manifest = buildManifest({ scenario: SCENARIO, seed: 42, reps: 3, workers, startedAt, finishedAt: startedAt, gitCommit: 'abc123' });
  await writeResultsAtomically(outDir, (tmp) => writeRunResults(tmp, { manifest, replicates, summary: summarise(replicates, SCENARIO.analysis) }));
}

describe('canonical JSON and scenario hash', () => {
  it('sorts keys at every level and drops undefined, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }], u: undefined })).toBe('{"a":[3,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson(-0)).toBe('0');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
    expect(sortKeysDeep({ b: { z: 1, y: [{ q: 1, p: 2 }] }, a: 0 })).toEqual({ a: 0, b: { y: [{ p: 2, q: 1 }], z: 1 } });
    expect(Object.keys(sortKeysDeep({ b: 1, a: 2 }))).toEqual(['a', 'b']);
  });

  it('hashes the canonical JSON with sha256, independent of key order', () => {
    const expected = createHash('sha256').update(canonicalJson(SCENARIO)).digest('hex');
    expect(scenarioHash(SCENARIO)).toBe(expected);
    expect(scenarioHash(SCENARIO)).toMatch(/^[0-9a-f]{64}$/);
    const reordered = JSON.parse(JSON.stringify(sortKeysDeep(SCENARIO))) as ResolvedScenario;
    expect(scenarioHash(reordered)).toBe(expected);
    expect(scenarioHash({ ...SCENARIO, parameters: { ...SCENARIO.parameters, 'grower.entryRate': 0.3 } })).not.toBe(expected);
  });
});

describe('buildManifest', () => {
  it('records tool, commit, node, scenario and hash, and the run circumstances', () => {
    const m = buildManifest({ scenario: SCENARIO, seed: 7, reps: 10, workers: 4, startedAt: '2024-01-01T00:00:00.000Z', finishedAt: '2024-01-01T00:01:00.000Z' });
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect(m.tool).toEqual({ name: 'waterbed', version: pkg.version });
    expect(m.gitCommit).toBeNull();
    expect(m.node).toBe(process.version);
    expect(m.scenarioHash).toBe(scenarioHash(SCENARIO));
    expect(m.scenario).toEqual(SCENARIO);
    expect(Object.keys(m)).toEqual(['tool', 'gitCommit', 'node', 'scenarioHash', 'seed', 'reps', 'workers', 'startedAt', 'finishedAt', 'scenario']);
    expect(Object.keys(m.scenario)).toEqual([...Object.keys(SCENARIO)].sort());
  });
});

describe('writeRunResults', () => {
  it('writes manifest.json, series.csv and summary.json', async () => {
    const out = path.join(scratch(), 'run');
    await run(out, 2, '2024-05-01T10:00:00.000Z');
    expect(fs.readdirSync(out).sort()).toEqual(['flows.csv', 'manifest.json', 'series.csv', 'summary.json']);
    const flows = fs.readFileSync(path.join(out, 'flows.csv'), 'utf8').trim().split('\n');
    expect(flows[0]).toBe(FLOWS_COLUMNS.join(','));
    expect(flows[1]).toMatch(/^2011,cannabis,production,be-antwerpen,nl-limburg,BE,NL,[0-9.]+,[-0-9.]+,[0-9.]+$/);

    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ gitCommit: 'abc123', seed: 42, reps: 3, workers: 2, scenarioHash: scenarioHash(SCENARIO) });

    const lines = fs.readFileSync(path.join(out, 'series.csv'), 'utf8').split('\n');
    expect(lines[0]).toBe(SERIES_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 14 * 36 + 1);
    expect(lines[1]).toMatch(/^2011-01,be-antwerpen,BE,cannabis,production,,,,,volume_kg,[0-9.]+,[0-9.]+,[0-9.]+$/);
    expect(lines[1 + 6 * 36]).toMatch(/^2011-01,be-antwerpen,BE,cannabis,retail,"courier, ""online""",BE,NL,,transactions,/);

    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.rule).toEqual({ metric: 'volume_kg', minEffect: 0.05, shiftRatio: 0.5, confidence: 0.95 });
    expect(summary.verdictClasses).toEqual(VERDICT_CLASSES);
    expect(summary.rows).toHaveLength(TABLE_ROWS.length);
    // BE gains 200 kg/month, NL loses 50: D = 0.25 → expansion, in every replicate
    expect(summary.rows[0]).toMatchObject({ market: 'cannabis', echelon: 'production', verdict: 'expansion', agreement: 1, replicates: 3 });
    expect(summary.rows[0].displacementRatio).toBeCloseTo(0.25, 2);
  });

  it('streams the same bytes as the generic row path (seriesRows + csvLine)', async () => {
    const replicates = [1, 2, 3].map(replicate);
    const file = path.join(scratch(), 'series.csv');
    await writeSeriesCsv(file, replicates);
    const generic = [SERIES_COLUMNS as readonly string[], ...[...seriesRows(replicates)].map((r) => [
      r.date, r.district, r.country, r.market, r.echelon, r.channel, r.buyer, r.origin, r.size, r.metric,
      formatNumber(r.value), formatNumber(r.lo), formatNumber(r.hi),
    ])].map(csvLine).join('');
    expect(fs.readFileSync(file, 'utf8')).toBe(generic);
  });

  it('gives byte-identical series.csv and summary.json whatever the worker count and clock', async () => {
    const parent = scratch();
    await run(path.join(parent, 'a'), 1, '2024-05-01T10:00:00.000Z');
    await run(path.join(parent, 'b'), 8, '2025-06-02T11:00:00.000Z');
    for (const file of ['series.csv', 'summary.json']) {
      expect(fs.readFileSync(path.join(parent, 'b', file))).toEqual(fs.readFileSync(path.join(parent, 'a', file)));
    }
    expect(fs.readFileSync(path.join(parent, 'b', 'manifest.json'))).not.toEqual(fs.readFileSync(path.join(parent, 'a', 'manifest.json')));
  });

  it('leaves no results folder when the series cannot be written', async () => {
    const parent = scratch();
    const bad = replicate(1);
    const other = { ...replicate(2), months: MONTHS.slice(1) };
    const manifest = buildManifest({ scenario: SCENARIO, seed: 1, reps: 2, workers: 1, startedAt: 'x', finishedAt: 'y' });
    await expect(writeResultsAtomically(path.join(parent, 'run'), (tmp) => writeRunResults(tmp, { manifest, replicates: [bad, other], summary: [] })))
      .rejects.toThrow(/different series layout/);
    expect(fs.readdirSync(parent)).toEqual([]);
  });
});

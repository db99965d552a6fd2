import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TABLE_ROWS, type AnalysisWindows, type ResolvedScenario, type RowKey } from '../../sim/core';
import { MARKET_ECHELONS } from '../../sim/core/types';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { SERIES_COLUMNS, seriesRows, type KeySeries } from '../../sim/metrics/aggregate';
import { csvLine, formatNumber } from '../../sim/io/csv';
import { VERDICT_CLASSES, summarise } from '../../sim/metrics/verdict';
import { writeResultsAtomically } from '../../sim/io/atomic';
import { FLOWS_COLUMNS, buildManifest, canonicalJson, scenarioHash, sortKeysDeep, storedSeries, writeRunResults, writeSeriesCsv } from '../../sim/io/results';
import { SERIES_PARQUET_TYPES, writeSeriesParquet } from '../../sim/io/seriesParquet';

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
  reference: null,
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

async function run(outDir: string, workers: number, startedAt: string, csv = false) {
  const replicates = [1, 2, 3].map(replicate);
  const manifest = buildManifest({ scenario: SCENARIO, seed: 42, reps: 3, workers, startedAt, finishedAt: startedAt, gitCommit: 'abc123' });
  await writeResultsAtomically(outDir, (tmp) => writeRunResults(tmp, { manifest, replicates, summary: summarise(replicates, SCENARIO.analysis) }, { csv }));
}

async function readParquet(file: string) {
  const bytes = fs.readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { metadata: parquetMetadata(buffer), rows: await parquetReadObjects({ file: buffer }) };
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
    expect(Object.keys(m)).toEqual(['tool', 'gitCommit', 'node', 'scenarioHash', 'seed', 'reps', 'workers', 'startedAt', 'finishedAt', 'imposedTrends', 'scenario']);
    expect(Object.keys(m.scenario)).toEqual([...Object.keys(SCENARIO)].sort());
  });
});

describe('writeRunResults', () => {
  it('writes manifest.json, series.parquet, flows.csv and summary.json, and series.csv when asked', async () => {
    const plain = path.join(scratch(), 'plain');
    await run(plain, 2, '2024-05-01T10:00:00.000Z');
    expect(fs.readdirSync(plain).sort()).toEqual(['flows.csv', 'manifest.json', 'series.parquet', 'summary.json']);
    const out = path.join(scratch(), 'run');
    await run(out, 2, '2024-05-01T10:00:00.000Z', true);
    expect(fs.readdirSync(out).sort()).toEqual(['flows.csv', 'manifest.json', 'series.csv', 'series.parquet', 'summary.json']);
    const flows = fs.readFileSync(path.join(out, 'flows.csv'), 'utf8').trim().split('\n');
    expect(flows[0]).toBe(FLOWS_COLUMNS.join(','));
    expect(flows[1]).toMatch(/^2011,cannabis,production,be-antwerpen,nl-limburg,BE,NL,[0-9.]+,[-0-9.]+,[0-9.]+$/);

    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ gitCommit: 'abc123', seed: 42, reps: 3, workers: 2, scenarioHash: scenarioHash(SCENARIO) });

    const lines = fs.readFileSync(path.join(out, 'series.csv'), 'utf8').split('\n');
    expect(lines[0]).toBe(SERIES_COLUMNS.join(','));
    // 14 district keys, then their 14 country totals (each district is its country's only one)
    expect(lines).toHaveLength(1 + 28 * 36 + 1);
    expect(lines[1]).toMatch(/^2011-01,be-antwerpen,BE,cannabis,production,,,,,volume_kg,[0-9.]+,[0-9.]+,[0-9.]+$/);
    expect(lines[1 + 6 * 36]).toMatch(/^2011-01,be-antwerpen,BE,cannabis,retail,"courier, ""online""",BE,NL,,transactions,/);
    expect(lines[1 + 14 * 36]).toBe(lines[1].replace(',be-antwerpen,', ',,'));
    expect(lines[1 + 21 * 36]).toMatch(/^2011-01,,NL,cannabis,production,,,,,volume_kg,/);

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
    await writeSeriesCsv(file, storedSeries(replicates));
    const generic = [SERIES_COLUMNS as readonly string[], ...[...seriesRows(replicates)].map((r) => [
      r.date, r.district, r.country, r.market, r.echelon, r.channel, r.buyer, r.origin, r.size, r.metric,
      formatNumber(r.value), formatNumber(r.lo), formatNumber(r.hi),
    ])].map(csvLine).join('');
    expect(fs.readFileSync(file, 'utf8')).toBe(generic);
  });

  it('gives byte-identical series, flows and summary whatever the worker count and clock', async () => {
    const parent = scratch();
    await run(path.join(parent, 'a'), 1, '2024-05-01T10:00:00.000Z', true);
    await run(path.join(parent, 'b'), 8, '2025-06-02T11:00:00.000Z', true);
    for (const file of ['series.parquet', 'series.csv', 'flows.csv', 'summary.json']) {
      expect(fs.readFileSync(path.join(parent, 'b', file))).toEqual(fs.readFileSync(path.join(parent, 'a', file)));
    }
    expect(fs.readFileSync(path.join(parent, 'b', 'manifest.json'))).not.toEqual(fs.readFileSync(path.join(parent, 'a', 'manifest.json')));
  });

  it('series.parquet: the rows of series.csv, typed, with the same 6 significant digits and the run in its metadata', async () => {
    const out = path.join(scratch(), 'run');
    await run(out, 1, '2024-05-01T10:00:00.000Z', true);
    const { metadata, rows } = await readParquet(path.join(out, 'series.parquet'));
    const columns = metadata.schema.slice(1);
    expect(columns.map((c) => c.name)).toEqual([...SERIES_COLUMNS]);
    expect(columns.map((c) => (c.type === 'BYTE_ARRAY' && c.converted_type === 'UTF8' ? 'STRING' : c.type))).toEqual(SERIES_COLUMNS.map((c) => SERIES_PARQUET_TYPES[c]));
    expect(columns.every((c) => c.repetition_type === 'REQUIRED')).toBe(true);
    expect(metadata.row_groups[0].columns.slice(0, 10).every((c) => c.meta_data!.encodings.includes('RLE_DICTIONARY'))).toBe(true);
    expect(metadata.key_value_metadata).toEqual([
      { key: 'waterbed.version', value: JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version },
      { key: 'waterbed.scenarioHash', value: scenarioHash(SCENARIO) },
      { key: 'waterbed.seed', value: '42' },
      { key: 'waterbed.reps', value: '3' },
    ]);
    const asCsv = [SERIES_COLUMNS as readonly string[], ...rows.map((r) => SERIES_COLUMNS.map((c) => (typeof r[c] === 'number' ? formatNumber(r[c]) : r[c])))].map(csvLine).join('');
    expect(asCsv).toBe(fs.readFileSync(path.join(out, 'series.csv'), 'utf8'));
  });

  it('series.parquet stores doubles when a value is beyond what a 32-bit float holds to 6 digits', async () => {
    const months = ['2011-01', '2011-02'];
    const series = (x: number): KeySeries => ({ key: replicate(1).keys[0], months, value: Float64Array.of(1, x), lo: Float64Array.of(1, x), hi: Float64Array.of(1, x) });
    const dir = scratch();
    for (const [name, x, type] of [['tiny', 1.23457e-41, 'DOUBLE'], ['small', 1.23456e-30, 'FLOAT'], ['huge', 4e38, 'DOUBLE']] as const) {
      const file = path.join(dir, `${name}.parquet`);
      await writeSeriesParquet(file, [series(x)], {});
      const { metadata, rows } = await readParquet(file);
      expect(metadata.schema.find((c) => c.name === 'value')!.type, name).toBe(type);
      // no metadata, no list (an empty one is what the Arrow Rust reader refuses)
      expect(metadata.key_value_metadata, name).toBeUndefined();
      expect(formatNumber(rows[1].value), name).toBe(formatNumber(x));
    }
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

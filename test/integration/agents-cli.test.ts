import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS_COLUMNS, NULLABLE_AGENTS_COLUMNS } from '../../sim/io/agentsParquet';
import { expectStatus, ROOT, type Run, waterbed } from './cliRun';

// `waterbed run --agents`: agents.parquet read back, against the series of the same run. The fixture's
// last month (January 2012) has one week, so the series' monthly means of that month are the week's
// own counts and sales, which the census of that week must add up to exactly.

const SCENARIO = 'test/fixtures/scenarios/short-census.yaml';
const LAST_WEEK = '2012-01-06';
const DOC = fs.readFileSync(path.join(ROOT, 'docs/OUTPUTS.md'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-agents-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Row = Record<string, unknown>;

function buffer(file: string): ArrayBuffer {
  const bytes = fs.readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const read = (file: string): Promise<Row[]> => parquetReadObjects({ file: buffer(file) });

/** Adds `x` at `key`. */
function add(into: Map<string, number>, key: string, x: number): void {
  into.set(key, (into.get(key) ?? 0) + x);
}

/** Every key of `expected` (series) has the value of `found` (census), to the series' 6 significant digits. */
function expectSums(found: Map<string, number>, expected: Map<string, number>): void {
  expect(expected.size).toBeGreaterThan(10);
  const wrong = [...new Set([...found.keys(), ...expected.keys()])].filter((k) => {
    const [a, b] = [found.get(k) ?? 0, expected.get(k) ?? 0];
    return Math.abs(a - b) > 1e-5 * Math.max(Math.abs(b), 1);
  });
  expect(wrong.map((k) => `${k}: census ${found.get(k)}, series ${expected.get(k)}`)).toEqual([]);
}

describe('waterbed run --agents', () => {
  const dirs = { one: path.join(tmp, 'one'), two: path.join(tmp, 'two'), plain: path.join(tmp, 'plain'), monthly: path.join(tmp, 'monthly') };
  const runs: Record<string, Run> = {};
  let agents: Row[];
  let series: Row[];

  beforeAll(async () => {
    runs.one = waterbed('run', SCENARIO, '--reps', '2', '--seed', '5', '--workers', '1', '--agents', 'yearly', '--out', dirs.one);
    runs.two = waterbed('run', SCENARIO, '--reps', '2', '--seed', '5', '--workers', '2', '--agents', 'yearly', '--out', dirs.two);
    runs.plain = waterbed('run', SCENARIO, '--reps', '2', '--seed', '5', '--workers', '2', '--out', dirs.plain);
    runs.monthly = waterbed('run', SCENARIO, '--reps', '1', '--seed', '5', '--workers', '2', '--agents', 'monthly', '--out', dirs.monthly);
    for (const r of Object.values(runs)) expectStatus(r, 0);
    agents = await read(path.join(dirs.one, 'agents.parquet'));
    series = await read(path.join(dirs.one, 'series.parquet'));
  });

  it('writes agents.parquet only when asked, the same bytes whatever the worker count, and the same series as without it', () => {
    expect(fs.readdirSync(dirs.one)).toContain('agents.parquet');
    expect(fs.readdirSync(dirs.plain)).not.toContain('agents.parquet');
    const file = (dir: string, name: string) => fs.readFileSync(path.join(dir, name));
    expect(file(dirs.one, 'agents.parquet').equals(file(dirs.two, 'agents.parquet')), 'agents.parquet with 1 and 2 workers').toBe(true);
    for (const name of ['series.parquet', 'flows.csv', 'summary.json']) expect(file(dirs.one, name).equals(file(dirs.plain, name)), name).toBe(true);
  });

  it('has the documented columns, types and metadata', () => {
    const metadata = parquetMetadata(buffer(path.join(dirs.one, 'agents.parquet')));
    const physical = { STRING: 'BYTE_ARRAY', INT32: 'INT32', INT64: 'INT64', BOOLEAN: 'BOOLEAN', DOUBLE: 'DOUBLE', FLOAT: 'FLOAT' } as const;
    const documentedType = { STRING: 'string', INT32: 'int32', INT64: 'int64', BOOLEAN: 'boolean', DOUBLE: 'double', FLOAT: 'float' } as const;
    const columns = Object.entries(AGENTS_COLUMNS);
    expect(metadata.schema.slice(1).map((e) => [e.name, e.type, e.repetition_type])).toEqual(
      columns.map(([name, type]) => [name, physical[type], NULLABLE_AGENTS_COLUMNS.includes(name as never) ? 'OPTIONAL' : 'REQUIRED']),
    );
    expect(metadata.row_groups).toHaveLength(2); // one per replicate
    const kv = Object.fromEntries((metadata.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv).toMatchObject({ 'waterbed.seed': '5', 'waterbed.reps': '2', 'waterbed.agents': 'yearly' });
    // docs/OUTPUTS.md: every column with its type, in file order, in the agents.parquet section
    const section = DOC.slice(DOC.indexOf('## agents.parquet'));
    const rows = section.split('\n').map((l) => /^\| `([^`]+)` \| ([a-z0-9]+)/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(rows.slice(0, columns.length).map((m) => [m[1], m[2]])).toEqual(columns.map(([name, type]) => [name, documentedType[type]]));
    for (const key of Object.keys(kv)) expect(section).toContain(`\`${key}\``);
  });

  it('orders the rows by replicate, date, kind and actor id, each actor once a census', () => {
    const kinds = ['growers', 'labs', 'sellers-cannabis', 'sellers-synthetic', 'sellers-cocaine', 'importers', 'brokers'];
    expect([...new Set(agents.map((a) => a.kind))]).toEqual(kinds);
    expect([...new Set(agents.map((a) => a.date))]).toEqual(['2010-12-31', '2011-12-30', LAST_WEEK]);
    expect(new Set(agents.map((a) => a.replicate))).toEqual(new Set([0, 1]));
    const problems: string[] = [];
    for (let row = 1; row < agents.length; row++) {
      const [a, b] = [agents[row - 1], agents[row]];
      const order =
        (b.replicate as number) - (a.replicate as number) ||
        (b.date as string).localeCompare(a.date as string) ||
        kinds.indexOf(b.kind as string) - kinds.indexOf(a.kind as string) ||
        Number((b.actor_id as bigint) - (a.actor_id as bigint));
      if (order <= 0) problems.push(`row ${row}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('fills every column with what it documents', () => {
    const problems = new Set<string>();
    const classes: Record<string, string[]> = {
      growers: ['small', 'medium', 'large', 'industrial'],
      labs: ['conversion', 'production'],
      'sellers-cannabis': ['dealer', 'courier'],
      'sellers-synthetic': ['dealer', 'courier', 'mail'],
      'sellers-cocaine': ['dealer', 'courier'],
      importers: ['importer'],
      brokers: ['broker'],
    };
    for (const a of agents) {
      const kind = a.kind as string;
      const producer = kind === 'growers' || kind === 'labs';
      const check = (ok: boolean, what: string) => ok || problems.add(`${kind}: ${what}`);
      check(kind.startsWith('sellers-') ? a.market === kind.slice(8) && a.echelon === 'retail' : true, 'market and echelon of sellers');
      check((a.district as string).slice(0, 2).toUpperCase() === a.country, 'district in its country');
      check(classes[kind].includes(a.class as string), `class ${a.class}`);
      check(a.dutch_organiser === (a.origin === 'NL' || a.organisation_origin === 'NL'), 'dutch_organiser');
      check(producer ? typeof a.supply_from_nl === 'boolean' && typeof a.sold_in_nl === 'boolean' : a.supply_from_nl === null && a.sold_in_nl === null, 'producer links');
      check(a.dutch_link === (a.origin === 'NL' || a.dutch_organiser || a.supply_from_nl === true || a.sold_in_nl === true), 'dutch_link');
      check(Number.isInteger(a.age_weeks) && (a.age_weeks as number) > 0, 'age_weeks');
      check((a.weight as number) > 0 && (a.volume_kg_per_year as number) >= 0, 'weight and volume');
      check(typeof a.actor_id === 'bigint' && typeof a.organisation_id === 'bigint', 'ids');
    }
    expect([...problems]).toEqual([]);
    // every kind and both origins occur, and some Belgian sites have each part of a Dutch link
    const be = agents.filter((a) => a.country === 'BE' && a.origin === 'BE');
    for (const part of ['dutch_organiser', 'supply_from_nl', 'sold_in_nl']) expect(be.some((a) => a[part] === true), part).toBe(true);
    expect(agents.some((a) => a.initial === false) && agents.some((a) => a.initial === true)).toBe(true);
    expect(agents.some((a) => a.operating === false)).toBe(true);
  });

  it("adds up, over the actors operating in a census week, to that week's active sites per district, origin, size and Dutch link", () => {
    const census = new Map<string, number>();
    for (const a of agents) {
      if (a.date !== LAST_WEEK || !a.operating) continue;
      const share = (a.weight as number) / 2; // the series are means over the 2 replicates
      const row = `${a.market}/${a.echelon}/${a.district}`;
      add(census, `${row}/active_sites//`, share);
      add(census, `${row}/active_sites/origin/${a.origin}`, share);
      if (a.kind === 'growers') add(census, `${row}/active_sites/size/${a.class}`, share);
      if (a.dutch_link) add(census, `${row}/dutch_link_sites//`, share);
    }
    const recorded = new Map<string, number>();
    for (const s of series) {
      if (s.date !== LAST_WEEK.slice(0, 7) || s.district === '' || (s.metric !== 'active_sites' && s.metric !== 'dutch_link_sites')) continue;
      const by = s.origin ? `origin/${s.origin}` : s.size ? `size/${s.size}` : '/';
      if ((s.value as number) !== 0) recorded.set(`${s.market}/${s.echelon}/${s.district}/${s.metric}/${by}`, s.value as number);
    }
    expectSums(census, recorded);
  });

  it("gives sellers and brokers their week's sales: over those operating, a 52nd of their volume is the week's volume_kg", () => {
    const census = new Map<string, number>();
    // the replicates in which a channel has sellers in a district: where it has none, its buyers still
    // buy a little (at the availability floor, ODD 7.9) from no agent
    const staffed = new Map<string, Set<unknown>>();
    for (const a of agents) {
      if (a.date !== LAST_WEEK || !a.operating || !(a.echelon === 'retail' || a.echelon === 'middle')) continue;
      const key = `${a.market}/${a.echelon}/${a.district}/${a.echelon === 'retail' ? a.class : ''}`;
      add(census, key, (a.volume_kg_per_year as number) / 52 / 2);
      staffed.set(key, (staffed.get(key) ?? new Set()).add(a.replicate));
    }
    const recorded = new Map<string, number>();
    for (const s of series) {
      if (s.date !== LAST_WEEK.slice(0, 7) || s.district === '' || s.metric !== 'volume_kg' || s.buyer || s.origin) continue;
      const sellers = s.echelon === 'retail' && ['dealer', 'courier', 'mail'].includes(s.channel as string);
      if (sellers || (s.echelon === 'middle' && s.market === 'cocaine')) recorded.set(`${s.market}/${s.echelon}/${s.district}/${s.channel}`, s.value as number);
    }
    const inBoth = (m: Map<string, number>) => new Map([...m].filter(([key]) => staffed.get(key)?.size === 2));
    expect(inBoth(census).size).toBeGreaterThan(0.5 * census.size);
    expectSums(inBoth(census), inBoth(recorded));
  });

  it('--agents monthly: a census in the last week of every month, the year-end ones the same as yearly', async () => {
    const monthly = await read(path.join(dirs.monthly, 'agents.parquet'));
    const dates = [...new Set(monthly.map((a) => a.date as string))];
    expect(dates).toHaveLength(25); // 2010-01 … 2012-01
    expect(dates.map((d) => d.slice(0, 7))).toEqual([...new Set(series.map((s) => s.date as string))]);
    const text = (rows: Row[]) => rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    const yearly = agents.filter((a) => a.replicate === 0);
    const yearEnds = new Set(yearly.map((a) => a.date));
    expect(text(monthly.filter((a) => yearEnds.has(a.date)))).toEqual(text(yearly));
  });
});

describe('waterbed run --agents with a bad value', () => {
  it('exits 2 naming the allowed values and the likely one, with no stack and no results folder', () => {
    const out = path.join(tmp, 'bad');
    const r = waterbed('run', SCENARIO, '--reps', '1', '--agents', 'yeraly', '--out', out);
    expectStatus(r, 2);
    expect(r.stderr).toContain('--agents yeraly: expected one of none, yearly, monthly');
    expect(r.stderr).toContain('Did you mean "yearly"?');
    expect(r.stderr).not.toMatch(/^\s*at /m);
    expect(fs.existsSync(out)).toBe(false);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SweepError } from '../../sim/sweep/errors';
import type { SweepIdentity } from '../../sim/sweep/identity';
import { identityDifference } from '../../sim/sweep/identity';
import { latestRecords, readStore, StoreWriter, STORE_FORMAT, type RunRecord, type StoreHeader } from '../../sim/sweep/store';

// The append-only run store: records are on disk when write() resolves, a torn last line (a process
// killed mid-write) is ignored and cut off, a damaged line elsewhere is an error.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-sweep-store-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const identity: SweepIdentity = { tool: { name: 'waterbed', version: '0.1.0' }, sweep: { name: 's', fileHash: 'a'.repeat(64) }, scenarios: { base: 'b'.repeat(64) } };
const header: StoreHeader = { type: 'header', format: STORE_FORMAT, identity, columns: ['x'], shard: null, createdAt: '2026-01-01T00:00:00.000Z' };
const record = (i: number, status: 'ok' | 'failed' = 'ok'): RunRecord =>
  status === 'ok' ? { type: 'run', id: `p${i}/base/r0`, status, outputs: [i / 3], ms: 1 } : { type: 'run', id: `p${i}/base/r0`, status, error: 'boom', ms: 1 };

let n = 0;
const file = () => path.join(tmp, `store-${n++}`, 'runs.jsonl');

describe('run store', () => {
  it('keeps every record written concurrently, in full precision, once each', async () => {
    const f = file();
    const writer = await StoreWriter.create(f, header);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.write(record(i))));
    await writer.close();
    const store = readStore(f);
    expect(store.header).toEqual(header);
    expect(store.records.map((r) => r.id)).toEqual(Array.from({ length: 200 }, (_, i) => `p${i}/base/r0`));
    expect(store.records[7].outputs).toEqual([7 / 3]);
    expect(store.tornTail).toBe(false);
  });

  it('refuses to create a store that exists, and leaves no draft behind', async () => {
    const f = file();
    await (await StoreWriter.create(f, header)).close();
    await expect(StoreWriter.create(f, header)).rejects.toThrow(/EEXIST/);
    expect(fs.readdirSync(path.dirname(f))).toEqual(['runs.jsonl']);
  });

  it('appears with its header: a shard that reads the folder while another creates its store never sees a store without one', async () => {
    // The shards of a Slurm array start together and each reads the others' stores (a CI run once
    // failed with "the run store has no header line" when one looked between the other's open and write).
    const f = file();
    const seen: string[] = [];
    let creating = true;
    const watch = async () => {
      while (creating) {
        if (fs.existsSync(f)) seen.push(readStore(f).header.type);
        await new Promise((r) => setImmediate(r));
      }
    };
    const watching = watch();
    const writer = await StoreWriter.create(f, header);
    await writer.write(record(1));
    creating = false;
    await watching;
    await writer.close();
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['header']));
  });

  it('ignores a torn last line and cuts it off before appending', async () => {
    const f = file();
    const writer = await StoreWriter.create(f, header);
    await writer.write(record(1));
    await writer.close();
    fs.appendFileSync(f, '{"type":"run","id":"p2/ba');
    const torn = readStore(f);
    expect(torn.tornTail).toBe(true);
    expect(torn.records.map((r) => r.id)).toEqual(['p1/base/r0']);
    const again = await StoreWriter.append(torn);
    await again.write(record(3));
    await again.close();
    const fixed = readStore(f);
    expect(fixed.tornTail).toBe(false);
    expect(fixed.records.map((r) => r.id)).toEqual(['p1/base/r0', 'p3/base/r0']);
  });

  it('reports a damaged line with its number', () => {
    const f = file();
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, `${JSON.stringify(header)}\n{"type":"run",\n${JSON.stringify(record(1))}\n`);
    expect(() => readStore(f)).toThrow(SweepError);
    expect(() => readStore(f)).toThrow(/:2: the run store is damaged/);
    fs.writeFileSync(f, `${JSON.stringify(record(1))}\n`);
    expect(() => readStore(f)).toThrow(/no header line/);
  });

  it('takes the latest record of a run, and never lets a failure replace a success', () => {
    const a = { file: 'a', header, records: [record(1, 'failed'), record(2)], validLength: 0, tornTail: false };
    const b = { file: 'b', header, records: [record(1), record(2, 'failed')], validLength: 0, tornTail: false };
    const latest = latestRecords([a, b]);
    expect(latest.get('p1/base/r0')!.status).toBe('ok');
    expect(latest.get('p2/base/r0')!.status).toBe('ok');
  });

  it('says why two sweeps differ', () => {
    expect(identityDifference(identity, identity)).toBeNull();
    expect(identityDifference(identity, { ...identity, sweep: { name: 's', fileHash: 'c'.repeat(64) } })).toMatch(/the sweep file has changed/);
    expect(identityDifference(identity, { ...identity, tool: { name: 'waterbed', version: '9.9.9' } })).toMatch(/made by waterbed 0.1.0, this is 9.9.9/);
    expect(identityDifference(identity, { ...identity, scenarios: { base: 'd'.repeat(64) } })).toMatch(/scenario "base" has changed/);
  });
});

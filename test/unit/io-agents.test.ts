import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActorCensus } from '../../sim/agents/census';
import { agentsRowGroups, ROW_GROUP_ROWS, writeAgentsParquet } from '../../sim/io/agentsParquet';

// agents.parquet's row groups: whole census weeks of one replicate, up to ROW_GROUP_ROWS rows each.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-agents-io-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A census of one kind with `rowsPerWeek[w]` brokers in census week w, numbered by row. */
function census(rowsPerWeek: number[]): ActorCensus {
  const rows = rowsPerWeek.reduce((a, b) => a + b, 0);
  const week = new Uint16Array(rows);
  let at = 0;
  rowsPerWeek.forEach((n, w) => week.fill(w, at, (at += n)));
  const id = Float64Array.from({ length: rows }, (_, row) => row);
  return {
    dates: rowsPerWeek.map((_, w) => `${2000 + w}-12-29`),
    kinds: [{ name: 'brokers', market: 'cocaine', echelon: 'middle', classes: ['broker'], weight: 2, producer: false }],
    districts: ['be-antwerpen', 'nl-rotterdam'],
    districtCountry: [0, 1],
    rows,
    week,
    kind: new Uint8Array(rows),
    id,
    organisation: id.map((x) => x - (x % 3)),
    origin: Uint8Array.from(id, (x) => x % 2),
    organisationOrigin: Uint8Array.from(id, (x) => x % 2),
    district: Uint8Array.from(id, (x) => x % 2),
    cls: new Uint8Array(rows),
    flags: Uint8Array.from(id, (x) => x % 2),
    operating: new Uint8Array(rows).fill(1),
    ageWeeks: Int32Array.from(id, (x) => 1 + (x % 52)),
    initial: new Uint8Array(rows),
    volumeKgPerYear: Float32Array.from(id, (x) => x / 4),
  };
}

describe('agentsRowGroups', () => {
  const third = Math.floor(ROW_GROUP_ROWS / 3);

  it('gathers whole census weeks up to ROW_GROUP_ROWS rows, one replicate at a time', () => {
    expect(agentsRowGroups([census([third, third, third, third]), census([5])])).toEqual([
      { replicate: 0, from: 0, to: 3 * third },
      { replicate: 0, from: 3 * third, to: 4 * third },
      { replicate: 1, from: 0, to: 5 },
    ]);
  });

  it('keeps a week with more rows than that whole, in a group of its own', () => {
    expect(agentsRowGroups([census([10, ROW_GROUP_ROWS + 1, 10])])).toEqual([
      { replicate: 0, from: 0, to: 10 },
      { replicate: 0, from: 10, to: ROW_GROUP_ROWS + 11 },
      { replicate: 0, from: ROW_GROUP_ROWS + 11, to: ROW_GROUP_ROWS + 21 },
    ]);
  });

  it('writes the groups as one file that reads back in order', async () => {
    const file = path.join(tmp, 'agents.parquet');
    const censuses = [census([third, third, third, third]), census([7, 3])];
    await writeAgentsParquet(file, censuses, { 'waterbed.agents': 'yearly' });
    const bytes = fs.readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(parquetMetadata(buffer).row_groups.map((g) => Number(g.num_rows))).toEqual([3 * third, third, 10]);
    const rows = await parquetReadObjects({ file: buffer, columns: ['replicate', 'date', 'actor_id', 'country', 'dutch_link', 'supply_from_nl', 'volume_kg_per_year'] });
    expect(rows).toHaveLength(4 * third + 10);
    const last = rows.at(-1)!;
    expect(last).toEqual({ replicate: 1, date: '2001-12-29', actor_id: 9n, country: 'NL', dutch_link: true, supply_from_nl: null, volume_kg_per_year: 2.25 });
    expect(rows[3 * third]).toMatchObject({ replicate: 0, date: '2003-12-29', actor_id: BigInt(3 * third) });
  });
});

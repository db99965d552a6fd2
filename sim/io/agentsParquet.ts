import fs from 'node:fs';
import { censusRows, type ActorCensus } from '../agents/census';
import { LINK_DUTCH_ORGANISER, LINK_SOLD_IN_NL, LINK_SUPPLY_FROM_NL } from '../agents/population';
import { COUNTRIES } from '../world/world';
import { parquetRowGroupsBytes, type CodedColumn, type ColumnSource } from './parquet';

// agents.parquet: the actor census of every replicate (`waterbed run --agents`, sim/agents/census.ts),
// replicate after replicate, each in the census's order (week, kind, actor id). A row group holds
// whole census weeks of one replicate, up to ROW_GROUP_ROWS rows unless one week has more: a yearly
// census of the history is one group per replicate, and a monthly one is written a few weeks at a time
// rather than all in memory at once. Text columns are dictionary-encoded codes, like series.parquet's.
// A census's rows depend only on the replicate, so the file is the same whatever the worker count.

/** the most rows a row group gathers census weeks up to */
export const ROW_GROUP_ROWS = 262_144;

/** The columns of agents.parquet, in file order, with their Parquet types (docs/OUTPUTS.md documents each). */
export const AGENTS_COLUMNS = {
  replicate: 'INT32',
  date: 'STRING',
  kind: 'STRING',
  market: 'STRING',
  echelon: 'STRING',
  actor_id: 'INT64',
  organisation_id: 'INT64',
  origin: 'STRING',
  organisation_origin: 'STRING',
  district: 'STRING',
  country: 'STRING',
  class: 'STRING',
  dutch_link: 'BOOLEAN',
  dutch_organiser: 'BOOLEAN',
  supply_from_nl: 'BOOLEAN',
  sold_in_nl: 'BOOLEAN',
  operating: 'BOOLEAN',
  age_weeks: 'INT32',
  initial: 'BOOLEAN',
  weight: 'DOUBLE',
  volume_kg_per_year: 'FLOAT',
} as const;
export type AgentsColumn = keyof typeof AGENTS_COLUMNS;

/** Columns that are null where they do not apply: the producers' link parts, for other kinds. */
export const NULLABLE_AGENTS_COLUMNS: readonly AgentsColumn[] = ['supply_from_nl', 'sold_in_nl'];

/** One replicate's columns. */
export function agentsColumns(replicate: number, census: ActorCensus): (CodedColumn | ColumnSource)[] {
  const n = census.rows;
  const { kinds } = census;
  const perRow = <T>(f: (row: number) => T): T[] => {
    const values = new Array<T>(n);
    for (let row = 0; row < n; row++) values[row] = f(row);
    return values;
  };
  const int64 = (ids: Float64Array): BigInt64Array => {
    const values = new BigInt64Array(n);
    for (let row = 0; row < n; row++) values[row] = BigInt(ids[row]);
    return values;
  };
  const coded = (name: AgentsColumn, dictionary: readonly string[], code: (row: number) => number): CodedColumn => {
    const codes = new Int32Array(n);
    for (let row = 0; row < n; row++) codes[row] = code(row);
    return { name, dictionary, codes };
  };
  // Classes as one dictionary across kinds: each kind's labels at an offset.
  const classOffset = kinds.map((_, k) => kinds.slice(0, k).reduce((sum, kind) => sum + kind.classes.length, 0));
  const classes = kinds.flatMap((kind) => kind.classes);
  const flag = (bit: number) => (row: number) => (census.flags[row] & bit) !== 0;
  const producerFlag = (bit: number) => (row: number) => (kinds[census.kind[row]].producer ? (census.flags[row] & bit) !== 0 : null);
  const column = (name: AgentsColumn, data: ColumnSource['data'], extra: Partial<ColumnSource> = {}): ColumnSource => ({
    name,
    type: AGENTS_COLUMNS[name],
    data,
    nullable: NULLABLE_AGENTS_COLUMNS.includes(name),
    ...extra,
  });
  return [
    column('replicate', new Int32Array(n).fill(replicate)),
    coded('date', census.dates, (row) => census.week[row]),
    coded('kind', kinds.map((k) => k.name), (row) => census.kind[row]),
    coded('market', kinds.map((k) => k.market), (row) => census.kind[row]),
    coded('echelon', kinds.map((k) => k.echelon), (row) => census.kind[row]),
    // Ids are whole numbers below 2^53 (Site.newId), so a double converts to a 64-bit integer exactly.
    column('actor_id', int64(census.id), { encoding: 'DELTA_BINARY_PACKED' }),
    column('organisation_id', int64(census.organisation)),
    coded('origin', COUNTRIES, (row) => census.origin[row]),
    coded('organisation_origin', COUNTRIES, (row) => census.organisationOrigin[row]),
    coded('district', census.districts, (row) => census.district[row]),
    coded('country', COUNTRIES, (row) => census.districtCountry[census.district[row]]),
    coded('class', classes, (row) => classOffset[census.kind[row]] + census.cls[row]),
    // The definition of dutch_link_sites (sim/agents/siteCounts.ts): a Dutch actor, or any link.
    column('dutch_link', perRow((row) => census.origin[row] === 1 || census.flags[row] !== 0)),
    column('dutch_organiser', perRow(flag(LINK_DUTCH_ORGANISER))),
    column('supply_from_nl', perRow(producerFlag(LINK_SUPPLY_FROM_NL))),
    column('sold_in_nl', perRow(producerFlag(LINK_SOLD_IN_NL))),
    column('operating', perRow((row) => census.operating[row] === 1)),
    column('age_weeks', census.ageWeeks, { encoding: 'DELTA_BINARY_PACKED' }),
    column('initial', perRow((row) => census.initial[row] === 1)),
    column('weight', Float64Array.from(census.kind, (k) => kinds[k].weight)),
    column('volume_kg_per_year', census.volumeKgPerYear),
  ];
}

/** The row groups of agents.parquet: replicate and rows from … to−1 of its census, whole census weeks each. */
export function agentsRowGroups(censuses: readonly ActorCensus[]): { replicate: number; from: number; to: number }[] {
  const groups: { replicate: number; from: number; to: number }[] = [];
  censuses.forEach((census, replicate) => {
    let from = 0;
    let row = 0;
    while (row < census.rows) {
      let end = row;
      while (end < census.rows && census.week[end] === census.week[row]) end++;
      if (end - from > ROW_GROUP_ROWS && row > from) {
        groups.push({ replicate, from, to: row });
        from = row;
      }
      row = end;
    }
    groups.push({ replicate, from, to: census.rows });
  });
  return groups;
}

/** Writes agents.parquet (see agentsRowGroups). */
export async function writeAgentsParquet(file: string, censuses: readonly ActorCensus[], metadata: Record<string, string>): Promise<void> {
  const groups = agentsRowGroups(censuses);
  const columns = (g: number) => agentsColumns(groups[g].replicate, censusRows(censuses[groups[g].replicate], groups[g].from, groups[g].to));
  await fs.promises.writeFile(file, parquetRowGroupsBytes(groups.length, columns, metadata));
}

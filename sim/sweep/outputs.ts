import { TABLE_ROWS, type RowKey } from '../core/types';
import type { OutputColumn } from '../metrics/runOutputs';
import type { OutputSpec } from './spec';

// What a sweep records of each run: the columns, fixed by the sweep file and the same for every run.
// Their values are computed in the worker (sim/metrics/runOutputs.ts), so only a few numbers per run
// leave it.

const rowSlug = (row: RowKey) => row.replace('/', '_');

/** Column order: per verdict row its verdict (primary, then by market volume), the moved share, ΔBE, ΔNL (and reference match), then D per row, the Dutch link per row, then aggregates. */
export function outputColumns(spec: OutputSpec, withReference: boolean): OutputColumn[] {
  const out: OutputColumn[] = [];
  for (const row of spec.verdicts) {
    out.push({ name: `verdict_${rowSlug(row)}`, kind: 'verdict', type: 'text', row });
    out.push({ name: `volume_verdict_${rowSlug(row)}`, kind: 'volume_verdict', type: 'text', row });
    out.push({ name: `moved_share_${rowSlug(row)}`, kind: 'moved_share', type: 'number', row });
    out.push({ name: `delta_be_${rowSlug(row)}`, kind: 'delta_be', type: 'number', row });
    out.push({ name: `delta_nl_${rowSlug(row)}`, kind: 'delta_nl', type: 'number', row });
    if (withReference) out.push({ name: `reference_match_${rowSlug(row)}`, kind: 'reference_match', type: 'number', row });
  }
  for (const row of spec.displacement) out.push({ name: `displacement_${rowSlug(row)}`, kind: 'displacement', type: 'number', row });
  for (const row of spec.dutchLink) out.push({ name: `dutch_link_be_${rowSlug(row)}`, kind: 'dutch_link_be', type: 'number', row });
  spec.aggregates.forEach((a, i) => out.push({ name: a.name, kind: 'aggregate', type: 'number', aggregate: i }));
  return out;
}

/** Every table row, in the DISMARK table's order. */
export const ALL_ROWS: readonly RowKey[] = TABLE_ROWS.map((r) => `${r.market}/${r.echelon}` as RowKey);

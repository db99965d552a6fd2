import { TABLE_ROWS, type Echelon, type Market, type ResolvedScenario, type RowKey } from '../core';
import type { ReplicateSeries } from '../metrics/series';
import { REFERENCE_TABLES } from '../metrics/study';
import { displacementRatio, dutchLinkSites, rowDeltas, verdictOfDeltas } from '../metrics/verdict';
import { aggregateOverWindow } from '../metrics/windowAggregate';
import type { OutputSpec } from './spec';

// What a sweep records of each run: the columns (fixed by the sweep file, the same for every run)
// and their values, computed in the worker so only a few numbers per run leave it.

export type OutputKind = 'verdict' | 'delta_be' | 'delta_nl' | 'reference_match' | 'displacement' | 'dutch_link_be' | 'aggregate';

export interface OutputColumn {
  name: string;
  kind: OutputKind;
  type: 'number' | 'text';
  /** the table row (verdict, delta, match, displacement and Dutch-link columns) */
  row?: RowKey;
  /** index into OutputSpec.aggregates (aggregate columns) */
  aggregate?: number;
}

export type OutputValue = number | string | null;

const rowSlug = (row: RowKey) => row.replace('/', '_');

/** Column order: per verdict row its verdict, ΔBE, ΔNL (and reference match), then D per row, the Dutch link per row, then aggregates. */
export function outputColumns(spec: OutputSpec, withReference: boolean): OutputColumn[] {
  const out: OutputColumn[] = [];
  for (const row of spec.verdicts) {
    out.push({ name: `verdict_${rowSlug(row)}`, kind: 'verdict', type: 'text', row });
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

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** One run's values, in the order of `columns`; null where a value is undefined (D when ΔBE = 0). */
export function runOutputs(series: ReplicateSeries, scenario: ResolvedScenario, spec: OutputSpec, columns: readonly OutputColumn[]): OutputValue[] {
  const deltas = new Map<RowKey, ReturnType<typeof rowDeltas>>();
  const deltasOf = (row: RowKey) => {
    let d = deltas.get(row);
    if (!d) {
      const [market, echelon] = row.split('/') as [Market, Echelon];
      d = rowDeltas(series, market, echelon, scenario.analysis[row]);
      deltas.set(row, d);
    }
    return d;
  };
  const reference = scenario.reference ? REFERENCE_TABLES[scenario.reference] : undefined;
  return columns.map((c): OutputValue => {
    switch (c.kind) {
      case 'verdict': {
        const d = deltasOf(c.row!);
        return verdictOfDeltas(d.deltaBE, d.deltaNL, d.totalBefore);
      }
      case 'delta_be':
        return finite(deltasOf(c.row!).deltaBE);
      case 'delta_nl':
        return finite(deltasOf(c.row!).deltaNL);
      case 'reference_match': {
        const expected = reference?.rows.find((r) => `${r.market}/${r.echelon}` === c.row)?.verdict;
        if (!expected) return null;
        const d = deltasOf(c.row!);
        return verdictOfDeltas(d.deltaBE, d.deltaNL, d.totalBefore) === expected ? 1 : 0;
      }
      case 'displacement': {
        const d = deltasOf(c.row!);
        const ratio = displacementRatio(d.deltaBE, d.deltaNL);
        return ratio === null ? null : finite(ratio);
      }
      case 'dutch_link_be': {
        const [market, echelon] = c.row!.split('/') as [Market, Echelon];
        const l = dutchLinkSites(series, market, echelon, scenario.analysis[c.row!]);
        return l.sitesAfter > 0 ? l.linkedAfter / l.sitesAfter : null;
      }
      case 'aggregate':
        return finite(aggregateOverWindow(series, spec.aggregates[c.aggregate!]));
    }
  });
}

import type { Echelon, Market, ResolvedScenario, RowKey } from '../core/types';
import type { ReplicateSeries } from './series';
import { REFERENCE_TABLES } from './study';
import { movedShare } from './carriers';
import { displacementRatio, dutchLinkSites, replicateRow } from './verdict';
import { aggregateOverWindow, type WindowAggregate } from './windowAggregate';

// A run's outputs: the few numbers a sweep records of one replicate (its table's columns), worked
// out where the replicate ran so that only these numbers leave the worker thread. The columns are
// named and chosen by the sweep (sim/sweep/outputs.ts).

export type OutputKind = 'verdict' | 'volume_verdict' | 'moved_share' | 'delta_be' | 'delta_nl' | 'reference_match' | 'displacement' | 'dutch_link_be' | 'aggregate';

export interface OutputColumn {
  name: string;
  kind: OutputKind;
  type: 'number' | 'text';
  /** the table row (verdict, delta, match, displacement and Dutch-link columns) */
  row?: RowKey;
  /** index into the aggregates (aggregate columns) */
  aggregate?: number;
}

export type OutputValue = number | string | null;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** One run's values, in the order of `columns`; null where a value is undefined (D when ΔBE = 0). */
export function runOutputs(series: ReplicateSeries, scenario: ResolvedScenario, columns: readonly OutputColumn[], aggregates: readonly WindowAggregate[]): OutputValue[] {
  const rows = new Map<RowKey, ReturnType<typeof replicateRow>>();
  const rowOf = (row: RowKey) => {
    let r = rows.get(row);
    if (!r) {
      const [market, echelon] = row.split('/') as [Market, Echelon];
      r = replicateRow(series, market, echelon, scenario.analysis[row]);
      rows.set(row, r);
    }
    return r;
  };
  const deltasOf = (row: RowKey) => rowOf(row).deltas;
  const reference = scenario.reference ? REFERENCE_TABLES[scenario.reference] : undefined;
  return columns.map((c): OutputValue => {
    switch (c.kind) {
      case 'verdict':
        return rowOf(c.row!).verdict;
      case 'volume_verdict':
        return rowOf(c.row!).marketVolume;
      case 'moved_share': {
        const carriers = rowOf(c.row!).carriers;
        return carriers ? movedShare(carriers) : null;
      }
      case 'delta_be':
        return finite(deltasOf(c.row!).deltaBE);
      case 'delta_nl':
        return finite(deltasOf(c.row!).deltaNL);
      case 'reference_match': {
        const expected = reference?.rows.find((r) => `${r.market}/${r.echelon}` === c.row)?.verdict;
        if (!expected) return null;
        return rowOf(c.row!).verdict === expected ? 1 : 0;
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
        return finite(aggregateOverWindow(series, aggregates[c.aggregate!]));
    }
  });
}

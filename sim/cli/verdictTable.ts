import { formatTable } from '../io/textTable';
import { REFERENCE_TABLES } from '../metrics/study';
import type { SummaryRow } from '../metrics/verdict';

// The verdict table as printed to the terminal.

/** An amount for a terminal table: whole numbers from 100 on, three significant digits below; '-' for none. */
export const formatAmount = (x: number | null): string => (x === null ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** A share as a whole percentage; '-' for none. */
export const formatShare = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 100)}%`);

/** The Dutch-linked share of Belgian sites, before → after (e.g. "78% → 83%"). */
export const formatDutchLink = ([before, after]: readonly [number | null, number | null]): string => `${formatShare(before)} → ${formatShare(after)}`;

export function verdictTableLines(rows: readonly SummaryRow[], reference: string | null = null): string[] {
  const table = reference ? REFERENCE_TABLES[reference] : undefined;
  const study = (r: SummaryRow) => table?.rows.find((s) => s.market === r.market && s.echelon === r.echelon)?.verdict ?? '-';
  return formatTable(
    [
      ['market', 'echelon', ...(table ? ['study'] : []), 'verdict', 'agreement', 'D = -dNL/dBE', 'dBE kg/month (95% CI)', 'dNL kg/month (95% CI)', 'BE sites with a Dutch link'],
      ...rows.map((r) => [
        r.market,
        r.echelon,
        ...(table ? [study(r)] : []),
        r.verdict,
        `${Math.round(r.agreement * 100)}%`,
        r.displacementRatio === null ? '-' : r.displacementRatio.toFixed(2),
        `${formatAmount(r.deltaBE)} (${formatAmount(r.deltaBE_ci[0])} .. ${formatAmount(r.deltaBE_ci[1])})`,
        `${formatAmount(r.deltaNL)} (${formatAmount(r.deltaNL_ci[0])} .. ${formatAmount(r.deltaNL_ci[1])})`,
        formatDutchLink(r.dutchLinkBE),
      ]),
    ],
    { align: ['left', 'left', ...(table ? ['left' as const] : []), 'left', 'right', 'right', 'right', 'right', 'right'] },
  );
}

import { formatTable } from '../io/textTable';
import { REFERENCE_TABLES } from '../metrics/study';
import { gainTotal, GAIN_PARTS } from '../metrics/carriers';
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
      ['market', 'echelon', ...(table ? ['study'] : []), 'verdict', 'agreement', 'market volume', 'D = -dNL/dBE', 'dBE kg/month (95% CI)', 'dNL kg/month (95% CI)', 'BE sites with a Dutch link'],
      ...rows.map((r) => [
        r.market,
        r.echelon,
        ...(table ? [study(r)] : []),
        r.verdict,
        `${Math.round(r.agreement * 100)}%`,
        formatMarketVolume(r),
        r.displacementRatio === null ? '-' : r.displacementRatio.toFixed(2),
        `${formatAmount(r.deltaBE)} (${formatAmount(r.deltaBE_ci[0])} .. ${formatAmount(r.deltaBE_ci[1])})`,
        `${formatAmount(r.deltaNL)} (${formatAmount(r.deltaNL_ci[0])} .. ${formatAmount(r.deltaNL_ci[1])})`,
        formatDutchLink(r.dutchLinkBE),
      ]),
    ],
    { align: ['left', 'left', ...(table ? ['left' as const] : []), 'left', 'right', 'left', 'right', 'right', 'right', 'right'] },
  );
}

/** The market-volume rule's verdict and agreement, e.g. "shift 90%"; the verdict column's rule is then the actors'. */
export const formatMarketVolume = (r: SummaryRow): string =>
  r.verdictRule === 'actors' ? `${r.marketVolume.verdict} ${formatShare(r.marketVolume.agreement)}` : '(verdict is by volume)';

const PART_LABELS = { moved: 'moved', extended: 'extended', newBelgian: 'new Belgian', other: 'other' } as const;

/** Who carried Belgium's change, per row (summary.json's `carriers`), with a legend; none when no row has carriers. */
export function carriersTableLines(rows: readonly SummaryRow[]): string[] {
  if (!rows.some((r) => r.carriers)) return [];
  const lines = formatTable(
    [
      ['market', 'echelon', 'BE gain', ...GAIN_PARTS.map((p) => PART_LABELS[p]), 'moved share', "movers' NL fall", 'BE loss', 'moved to NL'],
      ...rows.map((r) => {
        const c = r.carriers;
        if (!c) return [r.market, r.echelon, '-', ...GAIN_PARTS.map(() => '-'), '-', '-', '-', '-'];
        return [r.market, r.echelon, formatAmount(gainTotal(c)), ...GAIN_PARTS.map((p) => formatAmount(c.gain[p])), formatShare(c.movedShare), formatAmount(c.movedDutchFall), formatAmount(c.loss), formatAmount(c.movedOut)];
      }),
    ],
    { align: ['left', 'left', ...Array<'right'>(GAIN_PARTS.length + 6).fill('right')] },
  );
  return [
    "Who carried Belgium's change (kg/month between the windows, mean over replicates; docs/OUTPUTS.md):",
    ...lines,
    'moved: activity whose carriers (organisations, or buyers in person) cut their Dutch activity as much; extended: Dutch carriers that kept',
    'their Dutch activity; new Belgian: Belgian organisations that started; other: Belgian carriers already active that grew (buyers: more use).',
    'The verdict is a shift when at least half of the gain moved, an expansion otherwise (a shift-out when half of the loss moved to NL).',
  ];
}

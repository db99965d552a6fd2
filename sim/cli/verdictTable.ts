import { formatTable } from '../io/textTable';
import { REFERENCE_TABLES } from '../metrics/study';
import type { SummaryRow } from '../metrics/verdict';

// The verdict table as printed to the terminal.

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

export function verdictTableLines(rows: readonly SummaryRow[], reference: string | null = null): string[] {
  const table = reference ? REFERENCE_TABLES[reference] : undefined;
  const study = (r: SummaryRow) => table?.rows.find((s) => s.market === r.market && s.echelon === r.echelon)?.verdict ?? '-';
  return formatTable(
    [
      ['market', 'echelon', ...(table ? ['study'] : []), 'verdict', 'agreement', 'D = -dNL/dBE', 'dBE kg/month (95% CI)', 'dNL kg/month (95% CI)'],
      ...rows.map((r) => [
        r.market,
        r.echelon,
        ...(table ? [study(r)] : []),
        r.verdict,
        `${Math.round(r.agreement * 100)}%`,
        r.displacementRatio === null ? '-' : r.displacementRatio.toFixed(2),
        `${num(r.deltaBE)} (${num(r.deltaBE_ci[0])} .. ${num(r.deltaBE_ci[1])})`,
        `${num(r.deltaNL)} (${num(r.deltaNL_ci[0])} .. ${num(r.deltaNL_ci[1])})`,
      ]),
    ],
    { align: ['left', 'left', ...(table ? ['left' as const] : []), 'left', 'right', 'right', 'right', 'right'] },
  );
}

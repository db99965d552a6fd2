import { formatTable } from '../bench/stats';
import type { SummaryRow } from '../metrics/verdict';

// The verdict table as printed to the terminal.

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

export function verdictTableLines(rows: readonly SummaryRow[]): string[] {
  return formatTable(
    [
      ['market', 'echelon', 'verdict', 'agreement', 'D = -dNL/dBE', 'dBE kg/month (95% CI)', 'dNL kg/month (95% CI)'],
      ...rows.map((r) => [
        r.market,
        r.echelon,
        r.verdict,
        `${Math.round(r.agreement * 100)}%`,
        r.displacementRatio === null ? '-' : r.displacementRatio.toFixed(2),
        `${num(r.deltaBE)} (${num(r.deltaBE_ci[0])} .. ${num(r.deltaBE_ci[1])})`,
        `${num(r.deltaNL)} (${num(r.deltaNL_ci[0])} .. ${num(r.deltaNL_ci[1])})`,
      ]),
    ],
    { align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'] },
  );
}

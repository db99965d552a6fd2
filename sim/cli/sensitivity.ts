import path from 'node:path';
import { displayPath } from '../scenario/displayPath';
import type { SensitivityReport } from '../sweep/sensitivity/analyse';
import { sensitivityOfFolder } from '../sweep/sensitivity/files';
import { UserError } from './userError';

// `waterbed sensitivity DIR`: indices of a finished sweep, written beside its table, and a compact
// view on the terminal (values only; the 95% intervals are in the files).

type Print = (line: string) => void;

const METHOD_TITLE = {
  sobol: 'Sobol indices, first order / total order (S1 / ST)',
  morris: 'Morris elementary effects, μ* / σ (per the factor\'s whole range)',
  spearman: 'Spearman rank correlation ρ (lhs and grid designs have no variance decomposition)',
};

function cellOf(report: SensitivityReport, indices: Record<string, { value: number | null }>): string {
  const shown = report.method === 'morris' ? ['mu_star', 'sigma'] : report.indices;
  return shown.map((i) => (indices[i].value === null ? '–' : formatIndex(indices[i].value!))).join(' / ');
}

function formatIndex(x: number): string {
  return Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toPrecision(2) : x.toFixed(2);
}

/** Lines of a plain text table per scenario: outputs down, factors across. */
export function sensitivityLines(report: SensitivityReport): string[] {
  const lines: string[] = [];
  for (const scenario of [...new Set(report.outputs.map((o) => o.scenario))]) {
    const outputs = report.outputs.filter((o) => o.scenario === scenario);
    const factors = outputs[0]?.factors.map((f) => f.factor) ?? [];
    const rows = outputs.map((o) => [o.output, ...o.factors.map((f) => cellOf(report, f.indices)), o.noiseShare === null ? '–' : formatIndex(o.noiseShare), o.note ?? '']);
    const header = ['output', ...factors, 'noise', ''];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    lines.push(`${METHOD_TITLE[report.method]}, scenario ${scenario}:`);
    for (const r of [header, ...rows]) lines.push(r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
    lines.push('');
  }
  return lines;
}

export async function sensitivityCommand(args: { dir: string; resamples?: number }, log: Print): Promise<number> {
  const resamples = args.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1) throw new UserError(`--resamples ${resamples}: expected a whole number of bootstrap resamples, 1 or more (e.g. 1000).`);
  const report = await sensitivityOfFolder(path.resolve(args.dir), resamples);
  for (const line of sensitivityLines(report)) log(line);
  const shown = displayPath(path.resolve(args.dir));
  log('noise: the share of the variance over the design that is replicate noise; near 1, the indices cannot be told from noise.');
  log(`${report.outputs.length} outputs × ${report.outputs[0]?.factors.length ?? 0} factors; 95% bootstrap intervals (${resamples} resamples) in ${path.join(shown, 'sensitivity.csv')} and sensitivity.json`);
  return 0;
}

import path from 'node:path';
import { displayPath } from '../scenario/displayPath';
import { DEFAULT_THRESHOLD, type DiscoveryReport, type NamedCartNode } from '../sweep/discovery/analyse';
import { discoverInFolder, writeDiscovery } from '../sweep/discovery/files';
import { PRIM_DEFAULTS } from '../sweep/discovery/prim';
import { DISCOVERY_JSON } from '../sweep/folder';

// `waterbed discover DIR --output COLUMN --where CONDITION`: PRIM's peeling trajectory, the chosen
// box with its quasi-p-values and a CART tree on the terminal; the same as JSON in DIR/discovery.json
// (or --out), which the sweep's report shows after `waterbed report DIR`.

type Print = (line: string) => void;

export interface DiscoverArgs {
  dir: string;
  output: string;
  where: string;
  scenario?: string;
  threshold?: number;
  box?: number;
  peelAlpha?: number;
  pasteAlpha?: number;
  minMass?: number;
  out?: string;
}

/** A factor value or limit: 3 significant digits. */
export function formatValue(x: number): string {
  return String(Number(x.toPrecision(3)));
}

const share = (x: number) => x.toFixed(2);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const pValue = (p: number | null) => (p === null ? '' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function table(rows: string[][], right: (c: number) => boolean): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (right(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

function treeLines(node: NamedCartNode, threshold: number, prefix: string, label: string, lines: string[], last: boolean, root: boolean): void {
  const mark = node.split === null && node.density >= threshold ? `  ← density ≥ ${threshold}` : '';
  const text = `${label}: ${plural(node.runs, 'run')}, ${plural(node.cases, 'case')} (density ${share(node.density)})${mark}`;
  lines.push(root ? text : `${prefix}${last ? '└─ ' : '├─ '}${text}`);
  if (!node.split || !node.below || !node.above) return;
  const inner = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
  const { factor, value } = node.split;
  treeLines(node.below, threshold, inner, `${factor} < ${formatValue(value)}`, lines, false, false);
  treeLines(node.above, threshold, inner, `${factor} ≥ ${formatValue(value)}`, lines, true, false);
}

/** The discovery as terminal lines. */
export function discoveryLines(r: DiscoveryReport): string[] {
  const lines: string[] = [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  lines.push(`Scenario discovery in sweep "${r.sweep}", scenario ${r.scenario}`);
  lines.push(`Condition ${r.condition}: ${r.cases} of ${r.runs.used} runs (${pct(r.baseRate)}); ${r.runs.failed} failed and ${r.runs.missing} without a value left out.`);
  lines.push(`Factors: ${r.factors.map((f) => `${f.name} ${formatValue(f.min)} to ${formatValue(f.max)}`).join(', ')}`);
  lines.push('');
  lines.push(`Peeling trajectory (PRIM: peeling α ${r.options.peelAlpha}, minimum mass ${r.options.massMin}); * the chosen box:`);
  const head = ['box', 'coverage', 'density', 'mass', 'runs', 'cases', 'peeled', 'restricted'];
  const rows = r.trajectory.map((b) => [
    `${b.box === r.chosen.box ? '*' : ''}${b.box}`,
    share(b.coverage),
    share(b.density),
    share(b.mass),
    String(b.runs),
    String(b.cases),
    b.move ? `${b.move.factor} (${b.move.side === 'lower' ? 'low' : 'high'} end)` : '',
    b.limits.length ? b.limits.map((l) => l.factor).join(', ') : '–',
  ]);
  for (const line of table([head, ...rows], (c) => c <= 5)) lines.push(`  ${line}`);
  lines.push('');
  const chosen = r.trajectory[r.chosen.box];
  const why =
    r.chosen.by === 'box'
      ? 'chosen with --box'
      : r.chosen.meetsThreshold
        ? `of the boxes of density ≥ ${r.options.threshold}, the best balance of coverage and density, by their harmonic mean`
        : `no box reaches density ${r.options.threshold}: of all boxes, the best balance of coverage and density, by their harmonic mean`;
  const pasted = r.chosen.pastes.length === 0 ? 'no paste raised its density' : `pasting widened it ${r.chosen.pastes.length === 1 ? 'once' : `${r.chosen.pastes.length} times`} (coverage ${share(chosen.coverage)} → ${share(r.box.coverage)}, density ${share(chosen.density)} → ${share(r.box.density)})`;
  lines.push(`Box ${r.chosen.box}, ${why}; ${pasted}:`);
  lines.push(`  coverage ${share(r.box.coverage)}, density ${share(r.box.density)}, mass ${share(r.box.mass)}: ${plural(r.box.runs, 'run')}, ${plural(r.box.cases, 'case')}`);
  const restricted = r.box.limits.filter((l) => l.lower !== null || l.upper !== null);
  if (restricted.length === 0) {
    lines.push('  no factor is restricted: the box holds every run.');
  } else {
    const limitRows = restricted.map((l) => [
      l.factor,
      l.lower === null ? '–' : `≥ ${formatValue(l.lower)}`,
      l.upper === null ? '–' : `≤ ${formatValue(l.upper)}`,
      `${formatValue(l.min)} to ${formatValue(l.max)}`,
      [l.qpLower === null ? '' : `lower ${pValue(l.qpLower)}`, l.qpUpper === null ? '' : `upper ${pValue(l.qpUpper)}`].filter((s) => s).join(', '),
    ]);
    for (const line of table([['factor', 'lower', 'upper', 'range', 'quasi-p'], ...limitRows], () => false)) lines.push(`  ${line}`);
    const free = r.box.limits.length - restricted.length;
    if (free > 0) lines.push(`  other factors (${free}) unrestricted.`);
  }
  lines.push('  quasi-p: the chance of the box holding as many cases if that limit were dropped (one-sided binomial); small means the limit matters.');
  lines.push('');
  lines.push(`CART cross-check (Gini, depth ≤ ${r.cart.maxDepth}, leaves of at least ${pct(r.cart.minLeafMass)} of the runs):`);
  const tree: string[] = [];
  treeLines(r.cart.tree, r.options.threshold, '', 'all runs', tree, true, true);
  for (const line of tree) lines.push(`  ${line}`);
  return lines;
}

export async function discoverCommand(args: DiscoverArgs, log: Print): Promise<number> {
  const dir = path.resolve(args.dir);
  const report = discoverInFolder(dir, {
    output: args.output,
    where: args.where,
    scenario: args.scenario,
    threshold: args.threshold ?? DEFAULT_THRESHOLD,
    box: args.box,
    prim: { peelAlpha: args.peelAlpha ?? PRIM_DEFAULTS.peelAlpha, pasteAlpha: args.pasteAlpha ?? PRIM_DEFAULTS.pasteAlpha, massMin: args.minMass ?? PRIM_DEFAULTS.massMin },
  });
  for (const line of discoveryLines(report)) log(line);
  const file = args.out ? path.resolve(args.out) : path.join(dir, DISCOVERY_JSON);
  await writeDiscovery(file, report);
  log('');
  log(`discovery: ${displayPath(file)}${args.out ? '' : `; \`waterbed report ${displayPath(dir)}\` adds it to the sweep's report`}`);
  return 0;
}

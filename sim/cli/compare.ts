import fs from 'node:fs';
import path from 'node:path';
import { formatTable } from '../io/textTable';
import type { AnalysisWindows, ResolvedScenario } from '../core';
import { assertReplaceable, writeResultsAtomically } from '../io/atomic';
import { gitCommit } from '../io/provenance';
import { loadWorld } from '../io/worldData';
import { buildManifest, canonicalJson, scenarioHash, sortKeysDeep, writeRunResults } from '../io/results';
import { compareScenario, DEFAULT_PRECISION_SHARE, WDQ_REASONS, type Effect, type ScenarioComparison, type Wdq } from '../metrics/compare';
import { comparisonWindows, windowGroups } from '../metrics/windows';
import type { ReplicateSeries } from '../metrics/series';
import { summarise, type SummaryRow } from '../metrics/verdict';
import { replicatesOf, runReplicates } from '../runner/replicates';
import { loadScenario } from '../scenario';
import { checkCounts, defaultOutDir } from './args';
import { progress } from './progress';
import { writeReport } from './writeReport';
import { UserError } from './userError';
import { windowOverride } from './windowOptions';
import { formatAmount, formatShare } from './verdictTable';

// `waterbed compare BASELINE SCENARIO...`: every scenario against the baseline with common random
// numbers (the same seed and replicate indices), written as comparison.json.

export interface CompareArgs {
  baseline: string;
  scenarios: string[];
  reps: number;
  seed: number;
  workers: number;
  out?: string;
  set: string[];
  /** also write each run's full results folder */
  runs: boolean;
  /** with `runs`, also write each run's series.csv */
  csv?: boolean;
  /** one before / after window for every row of every run (`FIRST..LAST`); default: each scenario's own */
  before?: string;
  after?: string;
  /** target half-width of the country effects' 95% intervals, kg/month, for the replicate-pair guidance */
  precision?: number;
}

export interface ComparisonDocument {
  tool: ReturnType<typeof buildManifest>['tool'];
  gitCommit: string | null;
  seed: number;
  reps: number;
  /** the chosen precision (kg/month) of the replicate-pair guidance; null: each row's default */
  precision: number | null;
  baseline: { name: string; scenarioHash: string; scenario: ResolvedScenario };
  scenarios: (ScenarioComparison & { scenarioHash: string; scenario: ResolvedScenario })[];
}

export async function compareCommand(args: CompareArgs, log: (line: string) => void): Promise<string> {
  checkCounts(args);
  if (args.scenarios.length === 0) throw new UserError('compare: name at least one scenario to compare with the baseline.');
  if (args.csv && !args.runs) throw new UserError("compare --csv: writes each run's series.csv under runs/, so it needs --runs too (e.g. --runs --csv).");
  const baseline = loadScenario(args.baseline, { sets: args.set });
  const scenarios = args.scenarios.map((f) => loadScenario(f, { sets: args.set }));
  for (const [i, s] of scenarios.entries()) {
    if (s.start !== baseline.start || s.end !== baseline.end) {
      throw new UserError(
        `${args.scenarios[i]}: runs ${s.start} … ${s.end} but the baseline ${args.baseline} runs ${baseline.start} … ${baseline.end}; ` +
          'expected the same dates, so that replicates share their random numbers week by week. Set start and end alike (e.g. extend the baseline).',
      );
    }
  }
  if (args.precision !== undefined && !(Number.isFinite(args.precision) && args.precision > 0)) {
    throw new UserError(`--precision ${Number.isNaN(args.precision) ? '(not a number)' : args.precision}: expected the half-width of the effects' 95% intervals in kg/month, a number above 0 (e.g. --precision 500).`);
  }
  const override = windowOverride(args, [{ file: args.baseline, scenario: baseline }, ...scenarios.map((scenario, i) => ({ file: args.scenarios[i], scenario }))]);
  const out = path.resolve(args.out ?? defaultOutDir(`compare-${baseline.name}`, args.seed));
  assertReplaceable(out);
  const startedAt = new Date().toISOString();
  const all = [baseline, ...scenarios];
  const bar = progress(`compare: ${all.length} scenarios × ${args.reps} replicates`);
  let results: ReplicateSeries[][];
  try {
    // Every scenario's replicates on one pool; outcomes come back in this order.
    // Who carried each row's change is measured during the run, over the windows each scenario is
    // compared on: the scenario's, and the baseline's over every scenario's.
    const windows = scenarios.map((s) => comparisonWindows(s.analysis, override));
    const jobs = [...replicatesOf(baseline, args.reps, args.seed, windows), ...scenarios.flatMap((s, i) => replicatesOf(s, args.reps, args.seed, [windows[i]]))];
    const outcomes = await runReplicates(jobs, { workers: args.workers, onProgress: bar.update });
    results = all.map((_, i) => outcomes.slice(i * args.reps, (i + 1) * args.reps).map((o) => o.series));
  } finally {
    bar.stop();
  }
  const world = loadWorld();
  const finishedAt = new Date().toISOString();
  const commit = gitCommit();
  const baseManifest = buildManifest({ scenario: baseline, seed: args.seed, reps: args.reps, workers: args.workers, startedAt, finishedAt, gitCommit: commit });
  const document: ComparisonDocument = {
    tool: baseManifest.tool,
    gitCommit: commit,
    seed: args.seed,
    reps: args.reps,
    precision: args.precision ?? null,
    baseline: { name: baseline.name, scenarioHash: scenarioHash(baseline), scenario: sortKeysDeep(baseline) },
    scenarios: scenarios.map((s, i) => ({
      ...compareScenario(world, baseline, results[0], s, results[i + 1], { windows: override, precision: args.precision }),
      scenarioHash: scenarioHash(s),
      scenario: sortKeysDeep(s),
    })),
  };
  await writeResultsAtomically(out, async (tmp) => {
    await fs.promises.writeFile(path.join(tmp, 'comparison.json'), JSON.stringify(JSON.parse(canonicalJson(document)), null, 2) + '\n');
    await fs.promises.writeFile(path.join(tmp, 'manifest.json'), JSON.stringify({ ...baseManifest, scenario: undefined, scenarios: all.map((s) => ({ name: s.name, scenarioHash: scenarioHash(s) })) }, null, 2) + '\n');
    if (!args.runs) return;
    for (const [i, s] of all.entries()) {
      const dir = path.join(tmp, 'runs', s.name.replace(/[^A-Za-z0-9._-]+/g, '-'));
      await fs.promises.mkdir(dir, { recursive: true });
      const manifest = buildManifest({ scenario: s, seed: args.seed, reps: args.reps, workers: args.workers, startedAt, finishedAt, gitCommit: commit });
      await writeRunResults(dir, { manifest, replicates: results[i], summary: summarise(results[i], s.analysis) }, { csv: args.csv });
    }
  });
  for (const line of comparisonLines(document)) log(line);
  log('');
  log(`results: ${path.relative(process.cwd(), out) || out}`);
  const report = await writeReport(out);
  log(`report: ${path.relative(process.cwd(), report) || report}`);
  return out;
}


/**
 * A run's verdict with the other rule's beside it, e.g. "expansion (volume: shift; moved 18%)": the
 * market-volume verdict and the share of Belgium's gain its carriers moved out of NL (what the
 * actors' rule compares with 0.5). Where the carriers are not known the verdict is the volume's own.
 */
export function verdictByBothRules(r: SummaryRow | undefined): string {
  if (!r) return '-';
  if (r.verdictRule !== 'actors') return `${r.verdict} (by volume)`;
  return `${r.verdict} (volume: ${r.marketVolume.verdict}; moved ${formatShare(r.carriers?.movedShare ?? null)})`;
}

const interval = (e: Effect) => `${formatAmount(e.effect)} (${formatAmount(e.effect_ci[0])} .. ${formatAmount(e.effect_ci[1])})${e.significant ? '  ' : ' ~'}`;

function wdqCell(w: Wdq | undefined): string {
  if (!w || w.reason === WDQ_REASONS.notActedOn) return '-';
  if (w.reason === WDQ_REASONS.notSignificant) return 'no significant treatment effect';
  return w.wdq === null ? 'not defined' : w.wdq.toFixed(2);
}

/** Which windows both runs were measured on, one line per group of rows that share them. */
function windowLines(s: ScenarioComparison): string[] {
  const from = s.windowsFrom === 'scenario' ? "the scenario's" : 'from the command line';
  const groups = windowGroups(s.windows);
  const text = (w: AnalysisWindows) => `before ${w.before[0]} … ${w.before[1]}, after ${w.after[0]} … ${w.after[1]}`;
  if (groups.length === 1) return [`  windows (${from}, the same for both runs): ${text(groups[0].windows)}`];
  return [`  windows (${from}, the same for both runs):`, ...groups.map((g) => `    ${g.rows.join(', ')}: ${text(g.windows)}`)];
}

export function comparisonLines(doc: ComparisonDocument): string[] {
  const lines: string[] = [];
  for (const s of doc.scenarios) {
    const same = (a: { market: string; echelon: string }, b: { market: string; echelon: string }) => a.market === b.market && a.echelon === b.echelon;
    lines.push('');
    lines.push(`${s.name} against ${doc.baseline.name} (${doc.reps} replicate pair${doc.reps === 1 ? '' : 's'}, seed ${doc.seed}; effects in kg/month over each row's after window)`);
    lines.push(...windowLines(s));
    if (s.areas) lines.push(`  treatment area: ${s.areas.treatment.join(', ')}; buffer: ${s.areas.buffer.join(', ') || '-'}`);
    const rows = s.effects.filter((e) => e.area === 'BE').map((be) => {
      const nl = s.effects.find((e) => e.area === 'NL' && same(e, be))!;
      const base = s.baselineVerdicts.find((v) => same(v, be));
      const own = s.verdicts.find((v) => same(v, be));
      return [
        be.market,
        be.echelon,
        interval(be),
        interval(nl),
        verdictByBothRules(base),
        verdictByBothRules(own),
        wdqCell(s.wdq.find((x) => same(x, be))),
        `${formatShare(base?.dutchLinkBE[1] ?? null)} → ${formatShare(own?.dutchLinkBE[1] ?? null)}`,
      ];
    });
    lines.push(
      ...formatTable([['market', 'echelon', 'effect BE (95% CI)', 'effect NL (95% CI)', 'verdict baseline', 'verdict scenario', 'WDQ', 'BE Dutch link after'], ...rows], {
        align: ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'right'],
      }).map((l) => `  ${l}`),
    );
    lines.push(`  ~ the 95% interval includes 0: the effect is not told apart from noise${doc.reps < 2 ? ' (one pair has no spread: nothing is significant)' : ''}.`);
    lines.push("  verdicts by who carried Belgium's change ('by volume' where the carriers are not known); volume: the market-volume rule's verdict (D); moved: the share of Belgium's gain its carriers moved out of NL ('-': no gain).");
    if (s.areas) {
      const acted = s.wdq.filter((w) => w.actedOn).map((w) => `${w.market}/${w.echelon}`);
      lines.push(`  WDQ only where the new policies act (${acted.length === s.wdq.length ? 'every row' : acted.join(', ') || 'no row'}) and their treatment area changed significantly against the baseline; '-' elsewhere.`);
    }
    lines.push(...pairsLines(s, doc));
  }
  return lines;
}

/** How many replicate pairs each country effect needs for the chosen precision, from the pairs' spread. */
function pairsLines(s: ScenarioComparison, doc: ComparisonDocument): string[] {
  const target = doc.precision === null ? `±precision (default ${Math.round(DEFAULT_PRECISION_SHARE * 100)}% of the row's baseline BE + NL activity; --precision KG to choose)` : `±${formatAmount(doc.precision)} kg/month (--precision)`;
  const rows = s.pairsNeeded.filter((p) => p.area === 'BE').map((be) => {
    const nl = s.pairsNeeded.find((p) => p.area === 'NL' && p.market === be.market && p.echelon === be.echelon)!;
    const n = (x: number | null) => (x === null ? '-' : String(x));
    return [be.market, be.echelon, formatAmount(be.precision), formatAmount(be.sd), n(be.pairs), formatAmount(nl.sd), n(nl.pairs)];
  });
  return [
    '',
    `  replicate pairs needed for a 95% interval of ${target}: n = ceil((t * sd / precision)^2), t = t(0.975, n - 1), sd the spread of the pairs' differences`,
    ...formatTable([['market', 'echelon', '±kg/month', 'sd BE', 'pairs BE', 'sd NL', 'pairs NL'], ...rows], { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'] }).map((l) => `  ${l}`),
    ...(doc.reps < 2 ? ['  (one pair has no spread: run --reps 2 or more for this guidance)'] : []),
  ];
}

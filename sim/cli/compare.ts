import fs from 'node:fs';
import path from 'node:path';
import { formatTable } from '../io/textTable';
import type { ResolvedScenario } from '../core';
import { assertReplaceable, writeResultsAtomically } from '../io/atomic';
import { gitCommit } from '../io/provenance';
import { loadWorld } from '../io/worldData';
import { buildManifest, canonicalJson, scenarioHash, sortKeysDeep, writeRunResults } from '../io/results';
import { compareScenario, type ScenarioComparison } from '../metrics/compare';
import type { ReplicateSeries } from '../metrics/series';
import { summarise, type SummaryRow } from '../metrics/verdict';
import { replicatesOf, runReplicates } from '../runner/replicates';
import { loadScenario } from '../scenario';
import { checkCounts, defaultOutDir } from './args';
import { progress } from './progress';
import { writeReport } from './writeReport';
import { UserError } from './userError';
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
}

export interface ComparisonDocument {
  tool: ReturnType<typeof buildManifest>['tool'];
  gitCommit: string | null;
  seed: number;
  reps: number;
  baseline: { name: string; scenarioHash: string; verdicts: SummaryRow[]; scenario: ResolvedScenario };
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
  const out = path.resolve(args.out ?? defaultOutDir(`compare-${baseline.name}`, args.seed));
  assertReplaceable(out);
  const startedAt = new Date().toISOString();
  const all = [baseline, ...scenarios];
  const bar = progress(`compare: ${all.length} scenarios × ${args.reps} replicates`);
  let results: ReplicateSeries[][];
  try {
    // Every scenario's replicates on one pool; outcomes come back in this order.
    const outcomes = await runReplicates(all.flatMap((s) => replicatesOf(s, args.reps, args.seed)), { workers: args.workers, onProgress: bar.update });
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
    baseline: { name: baseline.name, scenarioHash: scenarioHash(baseline), verdicts: summarise(results[0], baseline.analysis), scenario: sortKeysDeep(baseline) },
    scenarios: scenarios.map((s, i) => ({
      ...compareScenario(world, baseline, results[0], s, results[i + 1]),
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


export function comparisonLines(doc: ComparisonDocument): string[] {
  const lines: string[] = [];
  for (const s of doc.scenarios) {
    lines.push('');
    lines.push(`${s.name} against ${doc.baseline.name} (${doc.reps} replicate pairs, seed ${doc.seed}; effects in kg/month over each row's after window)`);
    if (s.areas) lines.push(`  treatment area: ${s.areas.treatment.join(', ')}; buffer: ${s.areas.buffer.join(', ') || '-'}`);
    const rows = s.effects.filter((e) => e.area === 'BE').map((be) => {
      const nl = s.effects.find((e) => e.area === 'NL' && e.market === be.market && e.echelon === be.echelon)!;
      const base = doc.baseline.verdicts.find((v) => v.market === be.market && v.echelon === be.echelon);
      const own = s.verdicts.find((v) => v.market === be.market && v.echelon === be.echelon);
      const w = s.wdq.find((x) => x.market === be.market && x.echelon === be.echelon);
      return [
        be.market,
        be.echelon,
        `${formatAmount(be.effect)} (${formatAmount(be.effect_ci[0])} .. ${formatAmount(be.effect_ci[1])})`,
        `${formatAmount(nl.effect)} (${formatAmount(nl.effect_ci[0])} .. ${formatAmount(nl.effect_ci[1])})`,
        base?.verdict ?? '-',
        own?.verdict ?? '-',
        w ? formatAmount(w.wdq) : '-',
        `${formatShare(base?.dutchLinkBE[1] ?? null)} → ${formatShare(own?.dutchLinkBE[1] ?? null)}`,
      ];
    });
    lines.push(
      ...formatTable([['market', 'echelon', 'effect BE (95% CI)', 'effect NL (95% CI)', 'verdict baseline', 'verdict scenario', 'WDQ', 'BE Dutch link after'], ...rows], {
        align: ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'right'],
      }).map((l) => `  ${l}`),
    );
  }
  return lines;
}

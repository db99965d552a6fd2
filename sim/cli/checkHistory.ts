import { formatTable } from '../io/textTable';
import { RandomStream, streamKey, type ResolvedScenario } from '../core';
import { loadCatalog } from '../io/parameters';
import { projectPath } from '../io/project';
import { meanInterval, shareInterval } from '../metrics/replicates';
import { latinHypercube, perturb, uncertainParameters } from '../metrics/robustness';
import { REFERENCE_TABLES } from '../metrics/study';
import { rowDeltas, summarise, verdictOfDeltas, type SummaryRow, type Verdict } from '../metrics/verdict';
import { runReplicates } from '../runner/replicates';
import { loadScenario } from '../scenario';
import { progress } from './progress';
import { checkCounts } from './run';
import { UserError } from './userError';
import { formatAmount, formatDutchLink, formatShare } from './verdictTable';

// `waterbed check-history`: does the historical scenario reproduce the study's table, over
// replicates and, with --robustness K, over K Latin-hypercube points of ±25% around every uncertain
// parameter? Exit status 0 only when every row holds.

export const REPLICATE_THRESHOLD = 0.8;
export const ROBUSTNESS_THRESHOLD = 0.7;
export const SPREAD = 0.25;

/** Whether a row of the study holds: in enough replicates and, if robustness was asked, of points. */
export function rowHolds(replicateAgreement: number, pointAgreement: number | null): boolean {
  return replicateAgreement >= REPLICATE_THRESHOLD && (pointAgreement === null || pointAgreement >= ROBUSTNESS_THRESHOLD);
}

export interface CheckArgs {
  reps: number;
  seed: number;
  workers: number;
  robustness: number;
  /** replicates per robustness point */
  pointReps: number;
  scenario?: string;
}

/** "75% (53–89%)": a share and its 95% interval, in whole percent. */
const formatShareInterval = ({ share, lo, hi }: { share: number; lo: number; hi: number }): string =>
  `${formatShare(share)} (${Math.round(lo * 100)}–${formatShare(hi)})`;

export async function checkHistoryCommand(args: CheckArgs, log: (line: string) => void): Promise<number> {
  checkCounts(args);
  if (!Number.isInteger(args.robustness) || args.robustness < 0) throw new UserError(`--robustness ${args.robustness}: expected a whole number of points, 0 or more (e.g. --robustness 30).`);
  if (!Number.isInteger(args.pointReps) || args.pointReps < 1) throw new UserError(`--point-reps ${args.pointReps}: expected a whole number, 1 or more.`);
  const file = args.scenario ?? projectPath('scenarios', 'dismark-history.yaml');
  const scenario = loadScenario(file);
  const table = scenario.reference ? REFERENCE_TABLES[scenario.reference] : undefined;
  if (!table) throw new UserError(`${file}: the scenario names no reference table; expected analysis.reference (e.g. dismark-2018) to check against.`);

  const bar = progress(`check-history: ${args.reps} replicates${args.robustness ? ` + ${args.robustness} robustness points × ${args.pointReps}` : ''}`);
  const share = args.robustness ? args.reps / (args.reps + args.robustness * args.pointReps) : 1;
  let rows: SummaryRow[] = [];
  let perReplicate: Verdict[][] = [];
  const pointVerdicts: Verdict[][] = [];
  try {
    const runs = await runReplicates(scenario, { reps: args.reps, seed: args.seed, workers: args.workers, onProgress: (s) => bar.update(s * share) });
    rows = summarise(runs.map((r) => r.series), scenario.analysis);
    perReplicate = table.rows.map((row) =>
      runs.map((r) => {
        const d = rowDeltas(r.series, row.market, row.echelon, scenario.analysis[`${row.market}/${row.echelon}`]);
        return verdictOfDeltas(d.deltaBE, d.deltaNL, d.totalBefore);
      }),
    );

    if (args.robustness > 0) {
      const specs = uncertainParameters(loadCatalog());
      const rng = new RandomStream(streamKey(args.seed, 0, 'robustness'));
      const points = latinHypercube(args.robustness, specs.length, rng);
      for (const [i, point] of points.entries()) {
        const at: ResolvedScenario = { ...scenario, parameters: perturb(scenario.parameters, specs, point, SPREAD) };
        const pointRuns = await runReplicates(at, {
          reps: args.pointReps,
          seed: args.seed,
          workers: args.workers,
          onProgress: (s) => bar.update(share + ((1 - share) * (i + s)) / points.length),
        });
        pointVerdicts.push(
          table.rows.map((row) => {
            const ds = pointRuns.map((r) => rowDeltas(r.series, row.market, row.echelon, at.analysis[`${row.market}/${row.echelon}`]));
            const mean = (pick: (d: (typeof ds)[number]) => number) => meanInterval(ds.map(pick)).mean;
            return verdictOfDeltas(mean((d) => d.deltaBE), mean((d) => d.deltaNL), mean((d) => d.totalBefore));
          }),
        );
      }
    }
    bar.stop();
    let allHold = true;
    const lines = table.rows.map((ref, j) => {
      const simulated = rows.find((r) => r.market === ref.market && r.echelon === ref.echelon)!;
      const agreeing = shareInterval(perReplicate[j].filter((v) => v === ref.verdict).length, perReplicate[j].length);
      const agreement = agreeing.share;
      const robustness = pointVerdicts.length ? shareInterval(pointVerdicts.filter((p) => p[j] === ref.verdict).length, pointVerdicts.length) : null;
      const robust = robustness?.share ?? null;
      const holds = rowHolds(agreement, robust);
      allHold &&= holds;
      return [
        ref.market,
        ref.echelon,
        ref.verdict,
        simulated.verdict,
        formatShareInterval(agreeing),
        robustness === null ? '-' : formatShareInterval(robustness),
        // The margins behind the verdict: a change counts from 5% of the BE+NL total (docs/OUTPUTS.md).
        `${formatAmount(simulated.deltaBE)} / ${formatAmount(simulated.deltaNL)} / ${formatAmount(simulated.totalBefore)}`,
        formatDutchLink(simulated.dutchLinkBE),
        holds ? 'holds' : 'FAILS',
      ];
    });
    log(`${scenario.name} against ${table.source}`);
    log(
      `${args.reps} replicates (seed ${args.seed}); a row holds when at least ${REPLICATE_THRESHOLD * 100}% of replicates give the study's verdict` +
        (args.robustness ? ` and at least ${ROBUSTNESS_THRESHOLD * 100}% of ${args.robustness} Latin-hypercube points (±${SPREAD * 100}% on the uncertain parameters, ${args.pointReps} replicate${args.pointReps === 1 ? '' : 's'} each) do` : ''),
    );
    log('(in brackets: the 95% Wilson interval of each share, how far the count of replicates or points can be trusted)');
    log('');
    const header = ['market', 'echelon', 'study', 'simulated', 'replicates agreeing', 'points agreeing', 'ΔBE / ΔNL / BE+NL before, kg/month', 'BE sites with a Dutch link', ''];
    for (const line of formatTable([header, ...lines], { align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'] })) log(line);
    log('');
    log(allHold ? 'All rows of the study are reproduced.' : 'Not every row of the study is reproduced.');
    return allHold ? 0 : 1;
  } finally {
    bar.stop();
  }
}

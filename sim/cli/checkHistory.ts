import { readPosteriorSample } from '../calibrate/posterior';
import { posteriorRobustness, type PosteriorRobustness } from '../calibrate/posteriorPoints';
import { formatTable } from '../io/textTable';
import { loadCatalog } from '../io/parameters';
import { projectPath } from '../io/project';
import { loadWorld } from '../io/worldData';
import { ablate, ablatedVerdicts, ablationsOf, type Ablation, type AblatedVerdict } from '../metrics/ablations';
import {
  checkAgainstStudy,
  checkIndicators,
  INDICATORS_THRESHOLD,
  indicatorsVerdict,
  judgeByIndicators,
  REPLICATE_THRESHOLD,
  robustnessPoints,
  ROBUSTNESS_THRESHOLD,
  SPREAD,
  type Agreement,
  type IndicatorRow,
} from '../metrics/historyCheck';
import { studyPlaces } from '../metrics/indicators';
import { REFERENCE_TABLES, type ReferenceTable } from '../metrics/study';
import { replicatesOf, runReplicates } from '../runner/replicates';
import { loadScenario } from '../scenario';
import { displayPath } from '../scenario/displayPath';
import { scenarioContext } from '../scenario/projectContext';
import { checkCounts } from './args';
import { progress } from './progress';
import { UserError } from './userError';
import { carriersTableLines, formatAmount, formatDutchLink, formatShare } from './verdictTable';

// `waterbed check-history`: does the historical scenario reproduce the study's table, over
// replicates and, with --robustness K, over K Latin-hypercube points of ±25% around every uncertain
// parameter, a calibrated one over its posterior interval (sim/metrics/historyCheck.ts) or, with
// --posterior DIR too, over K points of a calibration's posterior (sim/calibrate/posteriorPoints.ts)? And do the study's indicators hold
// (sim/metrics/indicators.ts)? Exit status 0 only when every row holds and enough of the indicators
// do. With --ablation it also reruns the history with each driver off (sim/metrics/ablations.ts):
// information beside the check, which never changes its exit status.

export interface CheckArgs {
  reps: number;
  seed: number;
  workers: number;
  robustness: number;
  /** replicates per robustness point */
  pointReps: number;
  scenario?: string;
  /** also run the history with each driver off in turn */
  ablation?: boolean;
  /** a finished calibration folder: the robustness points are drawn from its posterior */
  posterior?: string;
}

/** "75% (53–89%)": a share and its 95% interval, in whole percent. */
const formatAgreement = ({ share, lo, hi }: Agreement): string => `${formatShare(share)} (${Math.round(lo * 100)}–${formatShare(hi)})`;

export async function checkHistoryCommand(args: CheckArgs, log: (line: string) => void): Promise<number> {
  checkCounts(args);
  if (!Number.isInteger(args.robustness) || args.robustness < 0) throw new UserError(`--robustness ${args.robustness}: expected a whole number of points, 0 or more (e.g. --robustness 30).`);
  if (!Number.isInteger(args.pointReps) || args.pointReps < 1) throw new UserError(`--point-reps ${args.pointReps}: expected a whole number, 1 or more.`);
  if (args.ablation && args.robustness > 0) {
    throw new UserError(`--ablation with --robustness ${args.robustness}: expected one of the two; the ablations rerun the history at its own parameters. Run them separately (e.g. check-history --ablation, then check-history --robustness ${args.robustness}).`);
  }
  if (args.posterior !== undefined && args.robustness === 0) {
    throw new UserError(`--posterior ${args.posterior} without --robustness: expected --robustness K, the number of the posterior's points to run (e.g. --robustness 30 --posterior ${args.posterior}).`);
  }
  const file = args.scenario ?? projectPath('scenarios', 'dismark-history.yaml');
  const scenario = loadScenario(file);
  const table = scenario.reference ? REFERENCE_TABLES[scenario.reference] : undefined;
  if (!table) throw new UserError(`${file}: the scenario names no reference table; expected analysis.reference (e.g. dismark-2018) to check against.`);

  const catalog = args.robustness > 0 || args.ablation ? loadCatalog() : undefined;
  // Read before any run, so that a folder without a posterior is refused at once.
  const posterior = args.posterior !== undefined ? posteriorRobustness(readPosteriorSample(args.posterior), scenario, displayPath(file), scenarioContext({ catalog }), args.robustness, args.seed) : null;
  const points = posterior ? posterior.points : catalog && args.robustness > 0 ? robustnessPoints(scenario, catalog, args.robustness, args.seed) : [];
  const ablations = catalog && args.ablation ? ablationsOf(scenario) : [];
  // Each ablation runs the history's replicates (same seed and indices): common random numbers.
  const ablated = catalog ? ablations.map((a) => ablate(scenario, a, catalog)) : [];
  const bar = progress(
    `check-history: ${args.reps} replicates${points.length ? ` + ${points.length} ${posterior ? 'posterior' : 'robustness'} points × ${args.pointReps}` : ''}${ablations.length ? ` + ${ablations.length} ablations × ${args.reps}` : ''}`,
  );
  let outcomes;
  try {
    // The scenario's replicates, then each point's, then each ablation's, all on one pool; outcomes come back in this order.
    const jobs = [
      ...replicatesOf(scenario, args.reps, args.seed),
      ...points.flatMap((at) => replicatesOf(at, args.pointReps, args.seed)),
      ...ablated.flatMap((at) => replicatesOf(at, args.reps, args.seed)),
    ];
    outcomes = (await runReplicates(jobs, { workers: args.workers, onProgress: bar.update })).map((o) => o.series);
  } finally {
    bar.stop();
  }
  const perPoint = points.map((_, i) => outcomes.slice(args.reps + i * args.pointReps, args.reps + (i + 1) * args.pointReps));
  const indicators = checkIndicators(scenario.analysis, studyPlaces(loadWorld()), outcomes.slice(0, args.reps), perPoint);
  const rows = judgeByIndicators(checkAgainstStudy(table, scenario, outcomes.slice(0, args.reps), perPoint), indicators);
  const indicatorCount = indicatorsVerdict(indicators);
  const allHold = rows.every((r) => r.holds);
  const ablationStart = args.reps + points.length * args.pointReps;
  const perAblation = ablated.map((at, i) => ablatedVerdicts(table, at, outcomes.slice(ablationStart + i * args.reps, ablationStart + (i + 1) * args.reps)));

  log(`${scenario.name} against ${table.source}`);
  log(
    `${args.reps} replicates (seed ${args.seed}); verdicts by who carried Belgium's change (the study's reading; the market-volume rule beside it);` +
      ` a row holds when at least ${REPLICATE_THRESHOLD * 100}% of replicates give the study's verdict` +
      (points.length ? ` and at least ${ROBUSTNESS_THRESHOLD * 100}% of ${pointsPhrase(points.length, posterior, args)} do` : ''),
  );
  if (posterior) for (const line of posteriorLines(posterior, args)) log(line);
  log('(in brackets: the 95% Wilson interval of each share, how far the count of replicates or points can be trusted)');
  log('');
  const header = ['market', 'echelon', 'study', 'simulated', 'replicates agreeing', 'points agreeing', 'market volume: verdict, replicates, points', 'ΔBE / ΔNL / BE before, kg/month', 'BE sites with a Dutch link', ''];
  const lines = rows.map(({ study, simulated, replicates, points: robustness, marketVolume, holds, byIndicators }) => [
    study.market,
    study.echelon,
    study.verdict,
    simulated.verdict,
    formatAgreement(replicates),
    robustness === null ? '-' : formatAgreement(robustness),
    `${simulated.marketVolume.verdict}, ${formatShare(marketVolume.replicates.share)}, ${marketVolume.points === null ? '-' : formatShare(marketVolume.points.share)}`,
    // The margins behind the verdict: a change counts from 5% of Belgium's activity before (docs/OUTPUTS.md).
    `${formatAmount(simulated.deltaBE)} / ${formatAmount(simulated.deltaNL)} / ${formatAmount(simulated.beBefore)}`,
    formatDutchLink(simulated.dutchLinkBE),
    `${holds ? 'holds' : 'FAILS'}${byIndicators ? ' (by its indicators)' : ''}`,
  ]);
  for (const line of formatTable([header, ...lines], { align: ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'right', 'right', 'left'] })) log(line);
  for (const { study, byIndicators } of rows) {
    if (!study.readings || !byIndicators) continue;
    log('');
    log(`The study reads ${study.market} ${study.echelon} two ways, so the row is judged by its indicators (${byIndicators.holding} of ${byIndicators.total} hold; all must):`);
    for (const r of study.readings) log(`  ${r.verdict} (${r.where}): "${r.quote}"`);
  }
  log('');
  for (const line of carriersTableLines(rows.map((r) => r.simulated))) log(line);
  log('');
  for (const line of indicatorLines(indicators, points.length > 0)) log(line);
  if (ablations.length) {
    log('');
    for (const line of ablationLines(table, ablatedVerdicts(table, scenario, outcomes.slice(0, args.reps)), ablations, perAblation, args.reps)) log(line);
  }
  log('');
  log(
    `${indicatorCount.holding} of ${indicatorCount.total} indicator statements hold (${formatShare(indicatorCount.share)}; at least ${INDICATORS_THRESHOLD * 100}% must).` +
      (indicatorCount.holds ? '' : ' Not enough of the study\'s indicators hold.'),
  );
  log(allHold ? 'All rows of the study are reproduced.' : 'Not every row of the study is reproduced.');
  return allHold && indicatorCount.holds ? 0 : 1;
}

/** Where the robustness points came from, for the header: "30 Latin-hypercube points (±25% on …)" or "30 points of the posterior of DIR (…)". */
function pointsPhrase(count: number, posterior: PosteriorRobustness | null, args: CheckArgs): string {
  const each = `${args.pointReps} replicate${args.pointReps === 1 ? '' : 's'} each`;
  if (!posterior) return `${count} Latin-hypercube points (±${SPREAD * 100}% on the uncertain parameters, the calibrated ones and the calibrated numbers of the policy events over their posterior 5%–95%; ${each})`;
  return `${count} point${count === 1 ? '' : 's'} of the posterior of ${posterior.folder} (ABC, ${posterior.accepted} accepted; ${each})`;
}

/** Which of the posterior's points run, what they set and what they leave at the scenario's values. */
function posteriorLines(posterior: PosteriorRobustness, args: CheckArgs): string[] {
  const { ids, accepted, factors, notVaried } = posterior;
  const which =
    ids.length === accepted
      ? `all ${accepted} accepted points, in the posterior's order${args.robustness > accepted ? ` (--robustness ${args.robustness} asks for more than there are)` : ''}`
      : `${ids.length} of the ${accepted} accepted points, drawn without replacement by seed ${args.seed} (a keyed shuffle), in the posterior's order`;
  const uncertain = notVaried.length === 0 ? 'every uncertain parameter is among them' : `the ${notVaried.length} uncertain parameters it did not vary stay at the scenario's values (without --posterior the points vary them all)`;
  return [
    `Points of the calibration ${posterior.calibration} (their ids in posterior.csv): ${which}: ${ids.join(', ')}`,
    `Each sets the calibration's ${factors.length} parameter${factors.length === 1 ? '' : 's'} (${factors.map((f) => f.name).join(', ')}) to the point's values; ${uncertain}.`,
    ...(posterior.changed ? ["Note: the scenario has changed since the calibration (its resolved form's sha256 is not calibration.json's scenario.scenarioHash): the posterior was fitted to the scenario as it was then."] : []),
  ];
}

/** The indicators table: per statement of the study, the share of replicates (and points) it holds in, and a legend. */
function indicatorLines(indicators: readonly IndicatorRow[], withPoints: boolean): string[] {
  const header = ['row', 'indicator', 'statement (the study\'s Table 1)', 'measured (before → after)', 'replicates holding', 'points holding', ''];
  const lines = indicators.map(({ statement, replicates, unmeasured, points, holds, figure }) => [
    statement.row.replace('/', ' '),
    statement.id,
    statement.statement,
    figure,
    `${formatAgreement(replicates)}${unmeasured ? `, ${unmeasured} not measurable` : ''}`,
    points === null ? '-' : formatAgreement(points),
    holds ? 'holds' : 'fails',
  ]);
  return [
    "The study's indicators (sim/metrics/indicators.ts, docs/ODD.md 1.2): each a statement on one replicate's series",
    '',
    ...formatTable([header, ...lines], { align: ['left', 'left', 'left', 'left', 'right', 'right', 'left'] }),
    '',
    "Measured: the figure each statement compares, on the replicates' mean series: a share or a monthly mean in the before → after windows, the Belgian districts where it rose, or the growth factors (after/before) compared.",
    `A statement holds when it holds in at least ${REPLICATE_THRESHOLD * 100}% of the replicates; a replicate where it cannot be measured (a zero share's denominator, an empty window) counts as not holding.`,
    ...(withPoints ? ["Points: each robustness point's replicates pooled into one series (the mean of their series), the statement judged once on it; information beside the replicates."] : []),
  ];
}

/** "expansion 90%": the verdict most replicates give (tied ones joined by /), and the share giving the study's. */
const formatAblated = ({ majority, agreement }: AblatedVerdict): string => `${majority.join('/')} ${formatShare(agreement)}`;

/** The ablation table: the study's verdicts, the history ("none" off), then one line per ablation, and a legend. */
function ablationLines(table: ReferenceTable, history: AblatedVerdict[], ablations: readonly Ablation[], perAblation: AblatedVerdict[][], reps: number): string[] {
  const header = ['ablation', ...table.rows.map((r) => `${r.market} ${r.echelon}`)];
  const study = ['(study)', ...table.rows.map((r) => r.verdict)];
  const lines = [['none', ...history.map(formatAblated)], ...ablations.map((a, i) => [a.name, ...perAblation[i].map(formatAblated)])];
  return [
    `What drives each verdict: the history with one driver off at a time, on the same ${reps} replicates (common random numbers)`,
    '',
    ...formatTable([header, study, ...lines], { align: ['left', ...table.rows.map(() => 'left' as const)] }),
    '',
    "Each cell: the verdict most replicates give (tied ones joined by /) and the share of replicates giving the study's verdict.",
    'A row whose verdict changes when a driver is off rests on that driver. The ablations (sim/metrics/ablations.ts):',
    '  none: the history itself',
    ...ablations.map((a) => `  ${a.name}: ${a.description}${a.beyondRange ? ` (outside the documented range: ${a.beyondRange})` : ''}`),
  ];
}

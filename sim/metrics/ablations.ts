import type { ParameterValue, PolicyEvent, ResolvedScenario } from '../core/types';
import { applyOverride, type Catalog } from '../params/catalog';
import { IMPOSED_TRENDS } from '../params/trends';
import type { ReplicateSeries } from './series';
import type { ReferenceTable } from './study';
import { replicateVerdicts } from './historyCheck';
import { shareInterval } from './replicates';
import { VERDICTS, type Verdict } from './verdict';

// What drives each verdict of the history (`waterbed check-history --ablation`): the scenario rerun
// with one driver switched off at a time, on the same seed and replicates (common random numbers),
// so that a row whose verdict changes when a driver is off rests on that driver. A driver is switched
// off with existing parameters and by dropping policy events; the model's code is the same.

export interface Ablation {
  name: string;
  /** one line: the mechanism it switches off */
  description: string;
  /** catalogue parameter (whole, not one district) → the value that switches the mechanism off */
  set: Readonly<Record<string, number>>;
  /** labels of the scenario's policy events to drop (as a scenario's `without:` does) */
  without: readonly string[];
  /** why an override lies outside its parameter's documented range; absent when none does */
  beyondRange?: string;
}

/**
 * A foreign-country penalty at which no actor settles or moves abroad. The location choice is a logit
 * on utilities of a few units (sim/behaviour/location.ts). At the range's top (5), before any risk
 * term, 0.03-0.2% of a Dutch newcomer's choices go abroad on average over its possible homes (up to
 * 0.5% from some homes), and more where risk at home is high (the risk term weighs up to
 * riskWeight × stake); at 30 a foreign district keeps e^-30 ≈ 1e-13 of the weight of an equal one
 * at home.
 */
export const NO_SETTLING_ABROAD = 30;

/** Every actor kind whose actors choose a district (ODD 7.6), by its parameter prefix. */
const LOCATED_KINDS = ['growers', 'labs', 'sellers', 'importers', 'brokers'];

/** The drivers of the history that are not policies, switched off one at a time. */
export const DRIVER_ABLATIONS: readonly Ablation[] = [
  {
    name: 'imposed-growth',
    description: 'no imposed trend: foreign demand for BE/NL production, the cocaine supply reaching Europe and mail orders stay at their level of the first year',
    set: Object.fromEntries(IMPOSED_TRENDS.map((path) => [path, 0])),
    without: [],
  },
  {
    name: 'relocation',
    description:
      'growers, labs and mail vendors never reconsider where they are (after a harvest, a batch, a week); still, every kind but dealers and couriers picks a district again after a raid it survives (no parameter for that), and newcomers choose where to settle',
    set: { 'growers.reconsiderPerHarvest': 0, 'labs.reconsiderPerBatch': 0, 'sellers.mail.reconsiderPerWeek': 0 },
    without: [],
  },
  {
    name: 'belgian-entry',
    description: 'no new Belgian-origin growers or labs (those present at the start stay until they quit)',
    set: { 'growers.entryPer100kPerWeek.BE': 0, 'labs.entryPer100kPerWeek.BE': 0 },
    without: [],
  },
  {
    name: 'dutch-expansion',
    description: `no Dutch organisation sends sellers to Belgium (dealing organisations, call centres) and no actor settles or moves abroad (foreign penalty ${NO_SETTLING_ABROAD}, both ways)`,
    set: {
      'sellers.dutchOperation.perWeek': 0,
      ...Object.fromEntries(LOCATED_KINDS.map((kind) => [`${kind}.location.foreignPenalty`, NO_SETTLING_ABROAD])),
    },
    without: [],
    beyondRange: `its range ends at 5, where some location choices still go abroad, more so when risk at home is high`,
  },
];

/** A policy event's label, as `without:` matches it (the type when it has none). */
const labelOf = (event: PolicyEvent): string => event.label ?? event.type;

/** One ablation per distinct policy label of the scenario, in the order the events first start. */
export function policyAblations(scenario: ResolvedScenario): Ablation[] {
  const labels = [...new Set(scenario.policies.map(labelOf))];
  return labels.map((label) => {
    const events = scenario.policies.filter((e) => labelOf(e) === label);
    const types = [...new Set(events.map((e) => e.type))].join(', ');
    return {
      name: `without-${label}`,
      description: `the history without its ${label} event${events.length > 1 ? 's' : ''} (${types} from ${events.map((e) => e.start).join(', ')})`,
      set: {},
      without: [label],
    };
  });
}

/** The drivers, then the scenario's policies. */
export function ablationsOf(scenario: ResolvedScenario): Ablation[] {
  return [...DRIVER_ABLATIONS, ...policyAblations(scenario)];
}

/**
 * The scenario with the ablation's driver off. An unknown parameter, a per-district one, or a value
 * out of range that the ablation does not declare is a bug in the list above, not a user's mistake.
 */
export function ablate(scenario: ResolvedScenario, ablation: Ablation, catalog: Catalog): ResolvedScenario {
  const parameters: Record<string, ParameterValue> = { ...scenario.parameters };
  for (const [path, value] of Object.entries(ablation.set)) {
    const spec = catalog.get(path);
    if (!spec) throw new Error(`ablation ${ablation.name}: no parameter ${path} in the catalogue`);
    if ((value < spec.range[0] || value > spec.range[1]) && !ablation.beyondRange) {
      throw new Error(`ablation ${ablation.name}: ${path} = ${value} is outside [${spec.range.join(', ')}] and the ablation does not say why`);
    }
    applyOverride(parameters, { spec }, value);
  }
  const policies = scenario.policies.filter((e) => !ablation.without.includes(labelOf(e)));
  return { ...scenario, name: `${scenario.name}/${ablation.name}`, parameters, policies };
}

/** One row of the study under one ablation. */
export interface AblatedVerdict {
  /** the verdict most replicates give; several when tied, in the order of VERDICTS */
  majority: Verdict[];
  /** share of replicates that give the study's verdict */
  agreement: number;
}

/** Per study row (in the table's order), the verdicts of one run of replicates. */
export function ablatedVerdicts(table: ReferenceTable, scenario: ResolvedScenario, replicates: readonly ReplicateSeries[]): AblatedVerdict[] {
  return table.rows.map((study) => {
    const verdicts = replicateVerdicts(study, scenario, replicates);
    const count = (v: Verdict) => verdicts.filter((x) => x === v).length;
    const most = Math.max(...VERDICTS.map(count));
    return {
      majority: VERDICTS.filter((v) => count(v) === most),
      agreement: shareInterval(count(study.verdict), verdicts.length).share,
    };
  });
}

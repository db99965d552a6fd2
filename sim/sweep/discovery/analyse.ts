import { UserError } from '../../errors';
import { didYouMean } from '../../scenario/suggest';
import { cartTree, CART_DEFAULTS, type CartNode } from './cart';
import { checkValues, describeCondition, holds, parseCondition } from './condition';
import { chooseBox, initialLimits, pasteBox, peelingTrajectory, PRIM_DEFAULTS, quasiPValues, type Limits, type PrimData, type PrimOptions, type PrimStep } from './prim';

// `waterbed discover DIR --output COLUMN --where CONDITION`: scenario discovery on a sweep's table.
// The runs of one scenario whose status is ok and whose output has a value are the data; the
// condition marks the cases; PRIM finds the box of factor limits where they concentrate, and a CART
// tree of the same data is the cross-check. Everything here is a function of the table and the
// request, so the same folder and request give the same discovery.json.

/** What the folder says about itself: design.json's names and types. */
export interface DiscoverySource {
  name: string;
  factors: { name: string }[];
  scenarios: string[];
  outputs: { name: string; type: 'number' | 'text' }[];
}

export interface DiscoveryRequest {
  output: string;
  where: string;
  /** the scenario (variant); may be left out when the sweep has one */
  scenario?: string;
  /** the density the default box must reach */
  threshold: number;
  /** a box of the peeling trajectory chosen by the user instead of the default rule */
  box?: number;
  prim: PrimOptions;
}

export const DEFAULT_THRESHOLD = 0.8;

export interface FactorLimit {
  factor: string;
  /** null: this end is not restricted (the box reaches the factor's smallest, or largest, value) */
  lower: number | null;
  upper: number | null;
}

export interface TrajectoryBox {
  box: number;
  runs: number;
  cases: number;
  coverage: number;
  density: number;
  mass: number;
  /** the restricted factors' limits, in the factors' order */
  limits: FactorLimit[];
  /** how this box came from the one before; null for box 0 */
  move: { kind: 'peel' | 'paste'; factor: string; side: 'lower' | 'upper' } | null;
}

export interface BoxLimit extends FactorLimit {
  /** the factor's smallest and largest value among the runs used */
  min: number;
  max: number;
  /** quasi-p-value of each restricted end (null where not restricted) */
  qpLower: number | null;
  qpUpper: number | null;
}

export interface NamedCartNode extends Omit<CartNode, 'split' | 'below' | 'above'> {
  split: { factor: string; value: number } | null;
  below: NamedCartNode | null;
  above: NamedCartNode | null;
}

export interface DiscoveryReport {
  sweep: string;
  scenario: string;
  output: string;
  /** the --where text, and the condition as a phrase */
  where: string;
  condition: string;
  runs: {
    /** the scenario's runs in the table */
    scenario: number;
    /** those PRIM saw: status ok and the output has a value */
    used: number;
    failed: number;
    /** ok runs whose output is empty (NA) */
    missing: number;
  };
  /** runs where the condition holds, and their share of the runs used */
  cases: number;
  baseRate: number;
  factors: { name: string; min: number; max: number }[];
  options: PrimOptions & { threshold: number };
  trajectory: TrajectoryBox[];
  chosen: {
    /** the trajectory box pasting started from */
    box: number;
    /** 'threshold': the default rule; 'box': the user's --box */
    by: 'threshold' | 'box';
    /** whether the box reaches the density threshold */
    meetsThreshold: boolean;
    /** the boxes of the pastes that raised its density, in order (empty: none did) */
    pastes: TrajectoryBox[];
  };
  /** the final box: the chosen one after pasting */
  box: {
    runs: number;
    cases: number;
    coverage: number;
    density: number;
    mass: number;
    /** every factor, restricted or not, in the factors' order */
    limits: BoxLimit[];
  };
  cart: { maxDepth: number; minLeafMass: number; minGain: number; tree: NamedCartNode };
}

function column(header: string[], name: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new UserError(`table.csv has no column "${name}": the folder's table and design.json disagree; rerun \`waterbed sweep merge\` or the sweep.`);
  return i;
}

/** The output column asked for, or a UserError that names the columns there are. */
function outputColumn(source: DiscoverySource, output: string): { name: string; type: 'number' | 'text' } {
  const found = source.outputs.find((o) => o.name === output);
  if (found) return found;
  const names = source.outputs.map((o) => o.name);
  if (source.factors.some((f) => f.name === output)) {
    throw new UserError(`--output ${output}: that is a factor of the sweep, not an output; discovery looks for the factors' values where an output meets the condition. Outputs: ${names.join(', ')}.`);
  }
  const hint = didYouMean(output, names);
  throw new UserError(`--output ${output}: no such output column in the sweep "${source.name}". Outputs: ${names.join(', ')}.${hint ? ` ${hint}` : ''}`);
}

function scenarioOf(source: DiscoverySource, scenario: string | undefined): string {
  if (scenario === undefined) {
    if (source.scenarios.length === 1) return source.scenarios[0];
    throw new UserError(`the sweep "${source.name}" has ${source.scenarios.length} scenarios (${source.scenarios.join(', ')}); name the one to analyse with --scenario.`);
  }
  if (source.scenarios.includes(scenario)) return scenario;
  const hint = didYouMean(scenario, source.scenarios);
  throw new UserError(`--scenario ${scenario}: the sweep "${source.name}" has no such scenario; its scenarios: ${source.scenarios.join(', ')}.${hint ? ` ${hint}` : ''}`);
}

export function checkRequest(r: DiscoveryRequest): void {
  const share = (name: string, x: number, lo: number, hi: number, example: string) => {
    if (!(Number.isFinite(x) && x > lo && x < hi)) throw new UserError(`${name} ${Number.isNaN(x) ? '(not a number)' : x}: expected a number between ${lo} and ${hi} (e.g. ${name} ${example}).`);
  };
  if (!(Number.isFinite(r.threshold) && r.threshold >= 0 && r.threshold <= 1)) {
    throw new UserError(`--threshold ${Number.isNaN(r.threshold) ? '(not a number)' : r.threshold}: expected the density the box must reach, from 0 to 1 (e.g. --threshold 0.8).`);
  }
  share('--peel-alpha', r.prim.peelAlpha, 0, 0.5, '0.05');
  share('--paste-alpha', r.prim.pasteAlpha, 0, 0.5, '0.05');
  share('--min-mass', r.prim.massMin, 0, 1, '0.05');
  if (r.box !== undefined && !(Number.isInteger(r.box) && r.box >= 0)) throw new UserError(`--box ${Number.isNaN(r.box) ? '(not a number)' : r.box}: expected the number of a box on the peeling trajectory (0 is the box of every run).`);
}

const limitsOf = (limits: Limits, init: Limits, names: string[]): FactorLimit[] =>
  names.flatMap((factor, j) => {
    const lower = limits.lower[j] > init.lower[j] ? limits.lower[j] : null;
    const upper = limits.upper[j] < init.upper[j] ? limits.upper[j] : null;
    return lower === null && upper === null ? [] : [{ factor, lower, upper }];
  });

function trajectoryBox(step: PrimStep, box: number, init: Limits, names: string[]): TrajectoryBox {
  return {
    box,
    runs: step.runs,
    cases: step.cases,
    coverage: step.coverage,
    density: step.density,
    mass: step.mass,
    limits: limitsOf(step.limits, init, names),
    move: step.move && { kind: step.move.kind, factor: names[step.move.factor], side: step.move.side },
  };
}

function named(node: CartNode, names: string[]): NamedCartNode {
  return {
    runs: node.runs,
    cases: node.cases,
    density: node.density,
    split: node.split && { factor: names[node.split.factor], value: node.split.value },
    below: node.below && named(node.below, names),
    above: node.above && named(node.above, names),
  };
}

/** Scenario discovery on a sweep's table (rows of table.csv, header first). */
export function discover(source: DiscoverySource, table: string[][], request: DiscoveryRequest): DiscoveryReport {
  checkRequest(request);
  const out = outputColumn(source, request.output);
  const scenario = scenarioOf(source, request.scenario);
  const condition = parseCondition(request.where, out.name, out.type);
  if (source.factors.length === 0) throw new UserError(`the sweep "${source.name}" has no factors: there is nothing to find a box of.`);
  const [header, ...body] = table.filter((r) => !(r.length === 1 && r[0] === ''));
  const scenarioCol = column(header, 'scenario');
  const statusCol = column(header, 'status');
  const outputCol = column(header, out.name);
  const factorCols = source.factors.map((f) => column(header, f.name));
  const mine = body.filter((r) => r[scenarioCol] === scenario);
  const failed = mine.filter((r) => r[statusCol] !== 'ok').length;
  const ok = mine.filter((r) => r[statusCol] === 'ok');
  const used = ok.filter((r) => r[outputCol] !== '');
  const missing = ok.length - used.length;
  const excluded = `${failed} failed and ${missing} without a value left out`;
  if (used.length === 0) throw new UserError(`${out.name} has no value in any run of scenario ${scenario} (${mine.length} runs; ${excluded}): there is nothing to analyse.`);
  checkValues(condition, out.name, [...new Set(used.map((r) => r[outputCol]))].sort());
  const y = Uint8Array.from(used, (r) => (holds(condition, r[outputCol]) ? 1 : 0));
  const cases = y.reduce((a, b) => a + b, 0);
  const phrase = describeCondition(condition, out.name);
  if (cases === 0 || cases === used.length) {
    throw new UserError(`${phrase} holds in ${cases === 0 ? 'none' : 'every one'} of the ${used.length} runs used (${excluded}): there is no contrast to find a box for. Choose another condition.`);
  }
  const x = factorCols.map((c, j) =>
    Float64Array.from(used, (r) => {
      const v = Number(r[c]);
      if (r[c] === '' || !Number.isFinite(v)) throw new UserError(`table.csv: factor ${source.factors[j].name} has the value "${r[c]}", not a number; discovery needs numeric factors.`);
      return v;
    }),
  );
  const data: PrimData = { x, y };
  const names = source.factors.map((f) => f.name);
  const init = initialLimits(data);
  const steps = peelingTrajectory(data, request.prim);
  const trajectory = steps.map((s, i) => trajectoryBox(s, i, init, names));
  if (request.box !== undefined && request.box >= steps.length) {
    throw new UserError(`--box ${request.box}: the peeling trajectory has boxes 0 to ${steps.length - 1}.`);
  }
  const auto = chooseBox(steps, request.threshold);
  const index = request.box ?? auto.index;
  const pastes = pasteBox(data, steps[index].limits, request.prim);
  const final = pastes.length ? pastes[pastes.length - 1] : steps[index];
  const qp = quasiPValues(data, final.limits);
  const cart = cartTree(data, { ...CART_DEFAULTS, minLeafMass: request.prim.massMin });
  return {
    sweep: source.name,
    scenario,
    output: out.name,
    where: condition.text,
    condition: phrase,
    runs: { scenario: mine.length, used: used.length, failed, missing },
    cases,
    baseRate: cases / used.length,
    factors: names.map((name, j) => ({ name, min: init.lower[j], max: init.upper[j] })),
    options: { ...request.prim, threshold: request.threshold },
    trajectory,
    chosen: {
      box: index,
      by: request.box === undefined ? 'threshold' : 'box',
      meetsThreshold: steps[index].density >= request.threshold,
      pastes: pastes.map((s, i) => trajectoryBox(s, i + 1, init, names)),
    },
    box: {
      runs: final.runs,
      cases: final.cases,
      coverage: final.coverage,
      density: final.density,
      mass: final.mass,
      limits: names.map((factor, j) => {
        const q = qp.find((p) => p.factor === j);
        return {
          factor,
          lower: final.limits.lower[j] > init.lower[j] ? final.limits.lower[j] : null,
          upper: final.limits.upper[j] < init.upper[j] ? final.limits.upper[j] : null,
          min: init.lower[j],
          max: init.upper[j],
          qpLower: q?.lower ?? null,
          qpUpper: q?.upper ?? null,
        };
      }),
    },
    cart: { ...CART_DEFAULTS, minLeafMass: request.prim.massMin, tree: named(cart, names) },
  };
}

export const DEFAULT_REQUEST: Omit<DiscoveryRequest, 'output' | 'where'> = { threshold: DEFAULT_THRESHOLD, prim: PRIM_DEFAULTS };

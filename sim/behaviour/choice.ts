import { weekKey, weekUniform } from '../core/keyed';
import { EXP_BRACKET_BOTTOM, EXP_BRACKET_TOP, expBracket } from '../core/math';

// Discrete (multinomial logit) choice: option k is picked with probability exp(u_k / T) / Σ exp(u_j / T).
// The caller fills a utility vector. The model's choices give every option its own keyed random number
// (chooseLogitKeyed, pickWeightedKeyed), so that in two runs a change in one option's utility or
// weight can move a choice only to or from that option; picking by one uniform against the cumulative
// weights (chooseLogit, pickWeighted) would move choices between any two options whose place on the
// cumulative scale shifts.

/** Probabilities of a logit choice, written into `out`. */
export function logitProbabilities(utilities: ArrayLike<number>, n: number, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (utilities[k] > max) max = utilities[k];
  let total = 0;
  for (let k = 0; k < n; k++) {
    const w = Math.exp((utilities[k] - max) / temperature);
    out[k] = w;
    total += w;
  }
  for (let k = 0; k < n; k++) out[k] /= total;
  return out;
}

/**
 * Picks an option by logit with one uniform `u`: the first k whose running sum of weights exceeds
 * u × Σ w (the last option if rounding leaves none). Utilities are used as given (no max-shift), so
 * callers keep them in a moderate range; `weights` is scratch space.
 */
export function chooseLogit(utilities: ArrayLike<number>, n: number, temperature: number, u: number, weights: Float64Array): number {
  let total = 0;
  const inv = 1 / temperature;
  for (let k = 0; k < n; k++) {
    const w = Math.exp(utilities[k] * inv);
    weights[k] = w;
    total += w;
  }
  return pickByRunningSum(weights, n, total, u);
}

/**
 * A keyed draw for a choice among options: the uniform of option k is the stream's
 * `at(key, tick, purpose × 256 + k)` (the key holds the stream; purposes are below 256, so these never
 * meet a single draw's).
 */
export interface ChoiceDraw {
  key: number;
  tick: number;
  purpose: number;
}

/**
 * Picks an option by logit with a keyed random number per option: an exponential race with weights
 * exp(u_k / T), the option whose E_k / w_k comes first winning (E_k exponential; the logit's
 * probabilities, as with the Gumbel-max trick). At most 256 options; −Infinity marks an option that
 * cannot be chosen (-1 when none can).
 */
export function chooseLogitKeyed(utilities: ArrayLike<number>, n: number, temperature: number, draw: ChoiceDraw): number {
  const inv = 1 / temperature;
  // The race below with costs e^(−u_k / T). An exponential per option would be most of a location
  // choice's time, so each cost is first bracketed without one (expBracket) and the race's bound
  // taken from the brackets' tops; only the options whose lower bound, from the bracket's bottom, is
  // within it are costed exactly. The others' times come after that bound: the same option wins.
  for (let k = 0; k < n; k++) scratchCost[k] = expBracket(-utilities[k] * inv) * EXP_BRACKET_TOP;
  const bound = drawUniforms(scratchCost, n, draw);
  const count = candidates(scratchCost, bound, EXP_BRACKET_BOTTOM_OF_TOP);
  if (count === 1 && bound < Infinity) return scratchCandidate[0];
  for (let j = 0; j < count; j++) {
    const k = scratchCandidate[j];
    scratchCost[k] = Math.exp(-utilities[k] * inv);
  }
  return firstTime(scratchCost, count, bound);
}

/** What chooseLogitKeyedBounded asks of the options: the utility of option k, worked out when asked for. */
export interface DearUtilities {
  utility(k: number): number;
}

/**
 * chooseLogitKeyed over `options`' utilities, for options whose utilities are dear to work out: given
 * a floor of each option's cost, floorCost[k] ≤ e^(−u_k / T) (from a ceiling of its utility, cheap to
 * have), the same option wins, and only the utilities of the options whose floor leaves them a chance
 * are worked out. The race's bound is the upper bound of the time of the option whose floor comes
 * first (its utility worked out); the options whose lower bound U × floorCost is beyond it cannot win.
 */
export function chooseLogitKeyedBounded(floorCost: ArrayLike<number>, n: number, temperature: number, draw: ChoiceDraw, options: DearUtilities): number {
  const inv = 1 / temperature;
  const week = weekKey(draw.key, draw.tick);
  const base = draw.purpose * 256;
  let first = -1;
  let least = Infinity;
  for (let k = 0; k < n; k++) {
    const u = weekUniform(week, base + k);
    scratchUniform[k] = u;
    const lower = u * floorCost[k];
    scratchCost[k] = lower;
    if (lower < least) {
      least = lower;
      first = k;
    }
  }
  let firstUtility = NaN;
  let bound = NaN;
  if (first >= 0) {
    firstUtility = options.utility(first);
    const u = scratchUniform[first];
    bound = (u / (1 - u)) * expBracket(-firstUtility * inv) * EXP_BRACKET_TOP;
  }
  if (!(bound < Infinity)) {
    // (no finite time to bound the race with: every option is worked out, as chooseLogitKeyed takes them)
    for (let k = 0; k < n; k++) scratchUtility[k] = options.utility(k);
    return chooseLogitKeyed(scratchUtility, n, temperature, draw);
  }
  let count = 0;
  for (let k = 0; k < n; k++) if (!(scratchCost[k] > bound)) scratchCandidate[count++] = k;
  if (count === 1) return scratchCandidate[0];
  for (let j = 0; j < count; j++) {
    const k = scratchCandidate[j];
    scratchCost[k] = Math.exp(-(k === first ? firstUtility : options.utility(k)) * inv);
  }
  return firstTime(scratchCost, count, bound);
}

/**
 * Index drawn with probability proportional to non-negative weights by a keyed exponential race (the
 * option whose E_k / w_k comes first wins); -1 when all are zero. At most 256 options.
 */
export function pickWeightedKeyed(weights: ArrayLike<number>, n: number, draw: ChoiceDraw): number {
  for (let k = 0; k < n; k++) scratchCost[k] = weights[k] > 0 ? 1 / weights[k] : Infinity;
  return race(scratchCost, n, draw);
}

const EXP_BRACKET_BOTTOM_OF_TOP = EXP_BRACKET_BOTTOM / EXP_BRACKET_TOP;
const scratchCost = new Float64Array(256);
const scratchUniform = new Float64Array(256);
/** the options that may win a race (see `candidates`), in increasing order */
const scratchCandidate = new Int32Array(256);
const scratchUtility = new Float64Array(256);

/**
 * The option k whose time E_k × cost_k is least, E_k = −ln(1 − U_k) with U_k the option's keyed
 * uniform; -1 when every cost is infinite. A logarithm per option would be most of a location
 * choice's time, so each time is first bounded, U ≤ −ln(1 − U) ≤ U / (1 − U), and only the options
 * whose lower bound beats every upper bound are timed exactly: the same winner, with a logarithm or
 * two per choice.
 */
function race(cost: Float64Array, n: number, draw: ChoiceDraw): number {
  const bound = drawUniforms(cost, n, draw);
  const count = candidates(cost, bound, 1);
  if (count === 1 && bound < Infinity) return scratchCandidate[0];
  return firstTime(cost, count, bound);
}

/** how many options drawUniforms left open (their indices first in scratchCandidate) */
let openOptions = 0;

/**
 * The keyed uniform of each option that can win (into scratchUniform), and those options (first in
 * scratchCandidate); returns the least upper bound U / (1 − U) × cost of their times. An option of
 * infinite cost never wins and needs no uniform: many have one (a contact book's places of an origin
 * with no one there, the homes of the other country, a channel that is closed), and the uniforms are
 * most of a race's time.
 */
function drawUniforms(cost: Float64Array, n: number, draw: ChoiceDraw): number {
  const week = weekKey(draw.key, draw.tick);
  const base = draw.purpose * 256;
  let bound = Infinity;
  let open = 0;
  for (let k = 0; k < n; k++) {
    if (!(cost[k] < Infinity)) continue;
    const u = weekUniform(week, base + k);
    scratchUniform[k] = u;
    scratchCandidate[open++] = k;
    const upper = (u / (1 - u)) * cost[k];
    if (upper < bound) bound = upper;
  }
  openOptions = open;
  return bound;
}

/**
 * Of the options drawUniforms left open, those whose lower bound U × cost × `bottom` is within
 * `bound` (first in scratchCandidate, in order); returns how many. The winner is among them: its time
 * is at most the least upper bound. So when the bound is finite (some option's time is) and one
 * option is left, it wins without a time.
 */
function candidates(cost: Float64Array, bound: number, bottom: number): number {
  let count = 0;
  const open = openOptions;
  for (let j = 0; j < open; j++) {
    const k = scratchCandidate[j];
    if (!(scratchUniform[k] * cost[k] * bottom > bound)) scratchCandidate[count++] = k;
  }
  return count;
}

/** The race's winner among the first `count` candidates whose lower bound U × cost is within `bound` (at least the first time), by exact times. */
function firstTime(cost: Float64Array, count: number, bound: number): number {
  let best = -1;
  let first = Infinity;
  for (let j = 0; j < count; j++) {
    const k = scratchCandidate[j];
    const u = scratchUniform[k];
    if (u * cost[k] > bound) continue;
    const time = -Math.log(1 - u) * cost[k];
    if (time < first) {
      first = time;
      best = k;
    }
  }
  return best;
}

/** Index drawn with probability proportional to non-negative weights (-1 when all are zero). */
export function pickWeighted(weights: ArrayLike<number>, n: number, u: number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += weights[k];
  return total > 0 ? pickByRunningSum(weights, n, total, u) : -1;
}

/** The first k whose running sum of weights exceeds u × total (the last one if rounding leaves none). */
function pickByRunningSum(weights: ArrayLike<number>, n: number, total: number, u: number): number {
  const x = u * total;
  let running = 0;
  for (let k = 0; k < n; k++) {
    running += weights[k];
    if (running > x) return k;
  }
  return n - 1;
}

/** The logit probability of the first of two options. */
export function firstOfTwoChance(utilityFirst: number, utilitySecond: number): number {
  return 1 / (1 + Math.exp(utilitySecond - utilityFirst));
}

/** Picks between two options by logit: true for the first, with one uniform. */
export function chooseFirstOfTwo(utilityFirst: number, utilitySecond: number, u: number): boolean {
  return u < firstOfTwoChance(utilityFirst, utilitySecond);
}

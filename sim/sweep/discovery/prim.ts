import { binomialUpperTail } from './binomial';

// PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), for scenario discovery (Bryant &
// Lempert 2010): a box of factor limits inside which a condition holds in most runs.
//
// Peeling starts from the box of every run and, step by step, cuts a thin slice (α of the box's runs,
// more where values tie) off the low or the high end of one factor, choosing among all factors and
// both ends the slice whose removal raises the share of cases in the box the most per run removed
// (EMA Workbench's "lenient" objective: fair between a continuous factor, which loses α, and a factor
// of few levels, which loses a whole level). It stops when no slice raises that share or the box
// would hold fewer than the minimum mass of runs. Each step's box is on the trajectory, so the user
// sees the trade-off between coverage (the share of all cases inside) and density (the share of the
// box's runs that are cases). Pasting then widens a chosen box again, a slice of α of its runs at a
// time, where that raises its density: an early peel may have cut too deep.
//
// Limits lie halfway between the last value kept and the first value cut, so a box reads the same
// whatever the factor's spacing. Pure: arrays in, numbers out.

export interface PrimData {
  /** the factors' values, one array per factor, one entry per run */
  x: Float64Array[];
  /** 1 where the condition holds (a case), else 0 */
  y: Uint8Array;
}

export interface Limits {
  lower: number[];
  upper: number[];
}

export interface PrimOptions {
  /** the share of the box's runs one peel cuts (Friedman & Fisher: 0.05) */
  peelAlpha: number;
  /** the share of the box's runs one paste adds */
  pasteAlpha: number;
  /** the smallest share of all runs a box may hold */
  massMin: number;
}

export const PRIM_DEFAULTS: PrimOptions = { peelAlpha: 0.05, pasteAlpha: 0.05, massMin: 0.05 };

export type Side = 'lower' | 'upper';

export interface BoxStats {
  runs: number;
  cases: number;
  /** the share of all cases that lie in the box */
  coverage: number;
  /** the share of the box's runs that are cases */
  density: number;
  /** the share of all runs that lie in the box */
  mass: number;
  /** the factors (indices) whose limits are narrower than the data's */
  restricted: number[];
}

export interface PrimStep extends BoxStats {
  limits: Limits;
  /** how this box came from the one before: the factor and end cut (peel) or widened (paste) */
  move: { kind: 'peel' | 'paste'; factor: number; side: Side } | null;
}

/** The box of every run: each factor from its smallest to its largest value. */
export function initialLimits(data: PrimData): Limits {
  const lower = data.x.map((col) => col.reduce((a, b) => Math.min(a, b), Infinity));
  const upper = data.x.map((col) => col.reduce((a, b) => Math.max(a, b), -Infinity));
  return { lower, upper };
}

const copyLimits = (l: Limits): Limits => ({ lower: [...l.lower], upper: [...l.upper] });

/** The runs (indices) inside the limits, among `from` (default: every run). */
export function runsInBox(data: PrimData, limits: Limits, from?: ArrayLike<number>): Int32Array {
  const n = from ? from.length : data.y.length;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = from ? from[k] : k;
    let inside = true;
    for (let j = 0; j < data.x.length && inside; j++) {
      const v = data.x[j][i];
      inside = v >= limits.lower[j] && v <= limits.upper[j];
    }
    if (inside) out.push(i);
  }
  return Int32Array.from(out);
}

function countCases(y: Uint8Array, rows: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < rows.length; k++) s += y[rows[k]];
  return s;
}

/** The factors whose limits are narrower than the initial box's. */
export function restrictedFactors(limits: Limits, init: Limits): number[] {
  return limits.lower.flatMap((_, j) => (limits.lower[j] > init.lower[j] || limits.upper[j] < init.upper[j] ? [j] : []));
}

function statsOf(data: PrimData, rows: ArrayLike<number>, limits: Limits, init: Limits, totalCases: number): BoxStats {
  const cases = countCases(data.y, rows);
  return {
    runs: rows.length,
    cases,
    coverage: totalCases > 0 ? cases / totalCases : 0,
    density: rows.length > 0 ? cases / rows.length : 0,
    mass: rows.length / data.y.length,
    restricted: restrictedFactors(limits, init),
  };
}

interface Candidate {
  factor: number;
  side: Side;
  limit: number;
  /** runs that change side (removed by a peel, added by a paste) */
  moved: number;
  /** cases among them */
  movedCases: number;
}

/**
 * The lenient objective: the change in density per run moved, so a peel of a whole level of a
 * coarse factor competes fairly with a thin slice of a fine one.
 */
function objective(runs: number, cases: number, c: Candidate, sign: 1 | -1): number {
  const newRuns = runs + sign * c.moved;
  const newCases = cases + sign * c.movedCases;
  if (newRuns === 0) return -Infinity;
  return (newCases / newRuns - cases / runs) / c.moved;
}

/** Ties go to a factor already restricted (fewer factors in the box's definition), then to the earlier factor, lower end first. */
function better(a: { obj: number; c: Candidate }, b: { obj: number; c: Candidate } | null, restricted: Set<number>): boolean {
  if (b === null) return true;
  if (a.obj !== b.obj) return a.obj > b.obj;
  const ra = restricted.has(a.c.factor);
  const rb = restricted.has(b.c.factor);
  if (ra !== rb) return ra;
  return false;
}

/** The peels of the box: per factor, the low and the high end's slice of α of its runs (ties kept together). */
function peels(data: PrimData, rows: Int32Array, alpha: number): Candidate[] {
  const n = rows.length;
  const count = Math.max(1, Math.floor(alpha * n));
  const out: Candidate[] = [];
  data.x.forEach((col, j) => {
    const values = Float64Array.from(rows, (i) => col[i]).sort();
    // low end: cut every run at or below the count-th smallest value
    const lowCut = values[count - 1];
    let m = count;
    while (m < n && values[m] <= lowCut) m++;
    if (m < n) out.push(withCases(data, rows, { factor: j, side: 'lower', limit: (lowCut + values[m]) / 2, moved: m, movedCases: 0 }));
    // high end: cut every run at or above the count-th largest value
    const highCut = values[n - count];
    let h = n - count - 1;
    while (h >= 0 && values[h] >= highCut) h--;
    if (h >= 0) out.push(withCases(data, rows, { factor: j, side: 'upper', limit: (values[h] + highCut) / 2, moved: n - 1 - h, movedCases: 0 }));
  });
  return out;
}

/** The candidate with the cases among the runs it moves out of `rows` counted. */
function withCases(data: PrimData, rows: Int32Array, c: Candidate): Candidate {
  const col = data.x[c.factor];
  let cases = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = col[rows[k]];
    if (c.side === 'lower' ? v < c.limit : v > c.limit) cases += data.y[rows[k]];
  }
  return { ...c, movedCases: cases };
}

function applyMove(limits: Limits, c: Candidate): Limits {
  const next = copyLimits(limits);
  next[c.side][c.factor] = c.limit;
  return next;
}

/** The peeling trajectory: the box of every run, then one box per peel. */
export function peelingTrajectory(data: PrimData, options: PrimOptions = PRIM_DEFAULTS): PrimStep[] {
  const init = initialLimits(data);
  const total = data.y.length;
  const totalCases = countCases(data.y, runsInBox(data, init));
  let limits = init;
  let rows = runsInBox(data, init);
  const steps: PrimStep[] = [{ ...statsOf(data, rows, limits, init, totalCases), limits, move: null }];
  for (;;) {
    const runs = rows.length;
    const cases = countCases(data.y, rows);
    const restricted = new Set(restrictedFactors(limits, init));
    let best: { obj: number; c: Candidate } | null = null;
    for (const c of peels(data, rows, options.peelAlpha)) {
      if ((runs - c.moved) / total < options.massMin) continue;
      const obj = objective(runs, cases, c, -1);
      if (better({ obj, c }, best, restricted)) best = { obj, c };
    }
    if (best === null || !(best.obj > 0)) return steps;
    limits = applyMove(limits, best.c);
    rows = runsInBox(data, limits, rows);
    steps.push({ ...statsOf(data, rows, limits, init, totalCases), limits, move: { kind: 'peel', factor: best.c.factor, side: best.c.side } });
  }
}

/** The pastes of the box: per restricted end, the α·(box runs) nearest runs beyond it within the other limits (ties kept together). */
function pastes(data: PrimData, limits: Limits, init: Limits, boxRuns: number, alpha: number): Candidate[] {
  const count = Math.max(1, Math.floor(alpha * boxRuns));
  const out: Candidate[] = [];
  for (let j = 0; j < data.x.length; j++) {
    for (const side of ['lower', 'upper'] as const) {
      if (side === 'lower' ? !(limits.lower[j] > init.lower[j]) : !(limits.upper[j] < init.upper[j])) continue;
      // the runs in the box but for this end of factor j, beyond it
      const widened = copyLimits(limits);
      widened[side][j] = init[side][j];
      const strip = Array.from(runsInBox(data, widened)).filter((i) => (side === 'lower' ? data.x[j][i] < limits.lower[j] : data.x[j][i] > limits.upper[j]));
      if (strip.length === 0) continue;
      // nearest first
      const values = strip.map((i) => data.x[j][i]).sort((a, b) => (side === 'lower' ? b - a : a - b));
      const cut = values[Math.min(count, values.length) - 1];
      let m = Math.min(count, values.length);
      while (m < values.length && values[m] === cut) m++;
      const limit = m < values.length ? (cut + values[m]) / 2 : init[side][j];
      const added = strip.filter((i) => (side === 'lower' ? data.x[j][i] >= limit : data.x[j][i] <= limit));
      out.push({ factor: j, side, limit, moved: added.length, movedCases: countCases(data.y, added) });
    }
  }
  return out;
}

/** Pasting from a box: the boxes of each paste that raised its density, in order (none if none did). */
export function pasteBox(data: PrimData, start: Limits, options: PrimOptions = PRIM_DEFAULTS): PrimStep[] {
  const init = initialLimits(data);
  const totalCases = countCases(data.y, runsInBox(data, init));
  const steps: PrimStep[] = [];
  let limits = start;
  let rows = runsInBox(data, limits);
  for (;;) {
    const runs = rows.length;
    const cases = countCases(data.y, rows);
    const restricted = new Set(restrictedFactors(limits, init));
    let best: { obj: number; c: Candidate } | null = null;
    for (const c of pastes(data, limits, init, runs, options.pasteAlpha)) {
      const obj = objective(runs, cases, c, 1);
      if (better({ obj, c }, best, restricted)) best = { obj, c };
    }
    if (best === null || !(best.obj > 0)) return steps;
    limits = applyMove(limits, best.c);
    rows = runsInBox(data, limits);
    steps.push({ ...statsOf(data, rows, limits, init, totalCases), limits, move: { kind: 'paste', factor: best.c.factor, side: best.c.side } });
  }
}

export interface QuasiP {
  factor: number;
  /** null where that end is not restricted */
  lower: number | null;
  upper: number | null;
}

/**
 * Quasi-p-values of a box's restrictions (Bryant & Lempert 2010, as EMA Workbench computes them):
 * for each restricted end, the one-sided binomial probability of the box holding at least its cases
 * among its runs if the share of cases were that of the box with this one limit dropped. Small: the
 * limit matters; near 1: it adds nothing beyond chance.
 */
export function quasiPValues(data: PrimData, limits: Limits): QuasiP[] {
  const init = initialLimits(data);
  const rows = runsInBox(data, limits);
  const cases = countCases(data.y, rows);
  return restrictedFactors(limits, init).map((j) => {
    const qp = (side: Side): number | null => {
      if (side === 'lower' ? !(limits.lower[j] > init.lower[j]) : !(limits.upper[j] < init.upper[j])) return null;
      const relaxed = copyLimits(limits);
      relaxed[side][j] = init[side][j];
      const wider = runsInBox(data, relaxed);
      return binomialUpperTail(cases, rows.length, countCases(data.y, wider) / wider.length);
    };
    return { factor: j, lower: qp('lower'), upper: qp('upper') };
  });
}

export interface BoxChoice {
  /** index into the trajectory */
  index: number;
  /** whether the box meets the density threshold (false: none on the trajectory does) */
  meetsThreshold: boolean;
}

/**
 * The default box: of the boxes whose density reaches the threshold, the one that balances coverage
 * and density best, by their harmonic mean (a box read as a classifier of the cases: its recall and
 * its precision, and this their F1 score). Along the trajectory it rises while peels cut runs that
 * are mostly not cases and falls once they cut mostly cases, so it marks the knee of the trade-off.
 * When no box reaches the threshold, the best balanced box of all. Ties go to the earlier (larger) box.
 */
export function chooseBox(trajectory: readonly BoxStats[], threshold: number): BoxChoice {
  const pick = (ok: (s: BoxStats) => boolean): number => {
    let best = -1;
    trajectory.forEach((s, i) => {
      if (ok(s) && (best < 0 || balance(s) > balance(trajectory[best]))) best = i;
    });
    return best;
  };
  const index = pick((s) => s.density >= threshold);
  return index >= 0 ? { index, meetsThreshold: true } : { index: pick(() => true), meetsThreshold: false };
}

/** The harmonic mean of coverage and density (0 for a box without cases). */
export function balance(s: Pick<BoxStats, 'coverage' | 'density'>): number {
  return s.coverage + s.density > 0 ? (2 * s.coverage * s.density) / (s.coverage + s.density) : 0;
}

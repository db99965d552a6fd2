import type { Calendar } from '../core/calendar';
import type { AnalysisWindows, RowKey } from '../core/types';
import { BE, NL } from '../world/world';
import { monthsInPeriod, sameWindows } from './windows';

// Who carries a row's change between its windows: the study's own reading of shift and expansion
// (docs/OUTPUTS.md, "Who carried the change"). A carrier is an organisation (producers, brokers,
// mail vendors) or a cohort of buyers (retail bought in person): whoever's activity it is. Each keeps
// its activity in Belgium and in the Netherlands in the row's before and after windows, and when it
// ends (or the run does) its Belgian gain is put in one part:
//
//   moved     its Dutch activity fell while its Belgian activity rose (actors or organisations that
//             left NL for Belgium; buyers whose purchases moved from Dutch to Belgian sellers)
//   extended  a Dutch carrier whose Belgian activity rose and whose Dutch activity did not fall
//   newBelgian Belgian organisations that started (new in the after window)
//   other     the rest: Belgian carriers already active that grew (for retail: Belgian buyers who buy
//             more in Belgium without buying less in NL)
//
// Organisations start and end all the time (a grower quits, its organisation goes), so carriers seen
// in only one window are not judged one by one, which would call every replacement a newcomer, but
// pooled by origin: the organisations of an origin that started, against those of that origin that
// ended. A Dutch pool that gained in Belgium and lost in NL is Dutch activity that moved with the
// turnover (new Dutch organisations settle in Belgium as the old ones in NL go).

/** The parts of Belgium's gain, by who carried it. */
export const GAIN_PARTS = ['moved', 'extended', 'newBelgian', 'other'] as const;
export type GainPart = (typeof GAIN_PARTS)[number];

/** One row's carriers in one replicate, in the row's unit per month (mean over each window, as the verdict's ΔBE). */
export interface RowCarriers {
  /** the windows the carriers were measured over */
  before: [string, string];
  after: [string, string];
  /** ΔBE and ΔNL summed over carriers: the row's national changes */
  deltaBE: number;
  deltaNL: number;
  /** Belgian activity gained by carriers whose Belgian activity rose, by part */
  gain: Record<GainPart, number>;
  /** how much the Dutch activity fell of the carriers that moved some of their gain (≥ moved) */
  movedDutchFall: number;
  /** Belgian activity lost by carriers whose Belgian activity fell (> 0) */
  loss: number;
  /** of that loss, how much moved to NL (as far as the same carriers' Dutch activity rose), and how much their Dutch activity rose */
  movedOut: number;
  movedOutDutchGain: number;
}

/** All of Belgium's gain, whoever carried it. */
export function gainTotal(c: { gain: Record<GainPart, number> }): number {
  let total = 0;
  for (const part of GAIN_PARTS) total += c.gain[part];
  return total;
}

/** The share of Belgium's gain that moved out of NL with its carriers (null without gain): what the actors' rule compares with 0.5. */
export function movedShare(c: { gain: Record<GainPart, number> }): number | null {
  const gain = gainTotal(c);
  return gain > 0 ? c.gain.moved / gain : null;
}

export function emptyCarriers(windows: AnalysisWindows): RowCarriers {
  return {
    before: [windows.before[0], windows.before[1]],
    after: [windows.after[0], windows.after[1]],
    deltaBE: 0,
    deltaNL: 0,
    gain: { moved: 0, extended: 0, newBelgian: 0, other: 0 },
    movedDutchFall: 0,
    loss: 0,
    movedOut: 0,
    movedOutDutchGain: 0,
  };
}

/** Adds `b`'s parts to `a` (two sets of carriers of one row, e.g. buyers and mail vendors). */
export function addCarriers(a: RowCarriers, b: RowCarriers): void {
  a.deltaBE += b.deltaBE;
  a.deltaNL += b.deltaNL;
  for (const part of GAIN_PARTS) a.gain[part] += b.gain[part];
  a.movedDutchFall += b.movedDutchFall;
  a.loss += b.loss;
  a.movedOut += b.movedOut;
  a.movedOutDutchGain += b.movedOutDutchGain;
}

/** One set of windows a ledger measures over: per tick 0 in the before window, 1 in the after window, −1 in neither (a tick belongs to its month). */
interface WindowSet {
  windows: AnalysisWindows;
  window: Int8Array;
  monthsBefore: number;
  monthsAfter: number;
}

function windowSet(calendar: Calendar, windows: AnalysisWindows): WindowSet {
  const window = new Int8Array(calendar.ticks).fill(-1);
  const before = new Set(monthsInPeriod(calendar.months, windows.before));
  const after = new Set(monthsInPeriod(calendar.months, windows.after));
  for (let t = 0; t < calendar.ticks; t++) {
    const m = calendar.monthOfTick[t];
    window[t] = before.has(m) ? 0 : after.has(m) ? 1 : -1;
  }
  return { windows, window, monthsBefore: Math.max(1, before.size), monthsAfter: Math.max(1, after.size) };
}

/**
 * One set of carriers of one row, by slot (an organisation's or a cohort's index), measured over one
 * or more sets of windows (a comparison may judge the baseline over each scenario's windows).
 */
export class CarrierLedger {
  /** per slot and window set: activity in BE before, BE after, NL before, NL after (sums over the window's weeks) */
  private sums: Float64Array;
  private origin = new Uint8Array(16);
  private open = new Uint8Array(16);
  /** per window set: activity of carriers seen in one window only, pooled per origin ([origin * 4 + …] as `sums`) */
  private readonly pools: Float64Array;
  private readonly results: RowCarriers[];
  /** the window sets' per-tick windows side by side: windowOf[tick * sets + j] (one typed array, for `add`) */
  private readonly windowOf: Int8Array;
  private readonly setCount: number;

  constructor(private readonly sets: readonly WindowSet[]) {
    this.setCount = sets.length;
    const ticks = sets.length ? sets[0].window.length : 0;
    this.windowOf = new Int8Array(ticks * sets.length);
    sets.forEach((set, j) => set.window.forEach((w, t) => (this.windowOf[t * sets.length + j] = w)));
    this.sums = new Float64Array(16 * 4 * sets.length);
    this.pools = new Float64Array(8 * sets.length);
    this.results = sets.map((set) => emptyCarriers(set.windows));
  }

  /** A carrier of `origin` (BE 0, NL 1) begins in `slot`. */
  begin(slot: number, origin: number): void {
    if (slot >= this.open.length) this.grow(slot);
    if (this.open[slot]) this.end(slot);
    this.open[slot] = 1;
    this.origin[slot] = origin;
    const width = 4 * this.sets.length;
    this.sums.fill(0, slot * width, (slot + 1) * width);
  }

  /** Whether week `tick` lies in any window measured (else `add` does nothing: callers in hot loops may skip it). */
  measures(tick: number): boolean {
    for (let j = 0; j < this.setCount; j++) if (this.windowOf[tick * this.setCount + j] >= 0) return true;
    return false;
  }

  /** Activity of the carrier in `slot`, in `country` (BE 0, NL 1), in week `tick`, in the row's unit. */
  add(slot: number, country: number, amount: number, tick: number): void {
    const n = this.setCount;
    for (let j = 0; j < n; j++) {
      const w = this.windowOf[tick * n + j];
      if (w >= 0) this.sums[(slot * n + j) * 4 + country * 2 + w] += amount;
    }
  }

  /** The carrier in `slot` ends: its change goes into the results (or its origin's pools). */
  end(slot: number): void {
    if (!this.open[slot]) return;
    this.open[slot] = 0;
    const s = this.sums;
    const origin = this.origin[slot];
    for (let j = 0; j < this.sets.length; j++) {
      const { monthsBefore: nb, monthsAfter: na } = this.sets[j];
      const at = (slot * this.sets.length + j) * 4;
      const before = s[at] + s[at + 2];
      const after = s[at + 1] + s[at + 3];
      if (before > 0 && after > 0) {
        judge(this.results[j], origin, false, s[at + 1] / na - s[at] / nb, s[at + 3] / na - s[at + 2] / nb);
      } else if (before > 0 || after > 0) {
        const p = j * 8 + origin * 4;
        for (let q = 0; q < 4; q++) this.pools[p + q] += s[at + q];
      }
    }
  }

  /** Ends every carrier still open and the pools: the ledger's results, one per window set. */
  finish(): RowCarriers[] {
    for (let slot = 0; slot < this.open.length; slot++) this.end(slot);
    for (let j = 0; j < this.sets.length; j++) {
      const { monthsBefore: nb, monthsAfter: na } = this.sets[j];
      for (const origin of [BE, NL]) {
        const p = j * 8 + origin * 4;
        judge(this.results[j], origin, true, this.pools[p + 1] / na - this.pools[p] / nb, this.pools[p + 3] / na - this.pools[p + 2] / nb);
      }
    }
    return this.results;
  }

  private grow(slot: number): void {
    const n = Math.max(2 * this.open.length, slot + 1);
    const sums = new Float64Array(n * 4 * this.sets.length);
    sums.set(this.sums);
    this.sums = sums;
    const origin = new Uint8Array(n);
    origin.set(this.origin);
    this.origin = origin;
    const open = new Uint8Array(n);
    open.set(this.open);
    this.open = open;
  }
}

/**
 * One carrier's (or a pool's: `turnover`) Belgian change `dBE` and Dutch change `dNL`, into `r`. Of a
 * Belgian gain, as much as its Dutch activity fell moved; the rest is extended (a Dutch carrier), new
 * Belgian (a Belgian pool: organisations that started) or other (a Belgian carrier already active). A
 * loss moved out as far as its Dutch activity rose.
 */
function judge(r: RowCarriers, origin: number, turnover: boolean, dBE: number, dNL: number): void {
  r.deltaBE += dBE;
  r.deltaNL += dNL;
  if (dBE > 0) {
    const moved = dNL < 0 ? Math.min(dBE, -dNL) : 0;
    const rest = dBE - moved;
    r.gain.moved += moved;
    if (dNL < 0) r.movedDutchFall -= dNL;
    if (origin === NL) r.gain.extended += rest;
    else if (turnover) r.gain.newBelgian += rest;
    else r.gain.other += rest;
  } else if (dBE < 0) {
    r.loss -= dBE;
    if (dNL > 0) {
      r.movedOut += Math.min(-dBE, dNL);
      r.movedOutDutchGain += dNL;
    }
  }
}

/** The result among `list` measured over `windows`, or null. */
export function carriersOver(list: readonly RowCarriers[] | undefined, windows: AnalysisWindows): RowCarriers | null {
  return list?.find((c) => sameWindows(c, windows)) ?? null;
}

/**
 * The carrier ledgers of one replicate, per row: the actor kinds ask for theirs when they are built.
 * Each row is measured over its windows in every set of `windowSets` (the scenario's analysis first).
 */
export class Carriers {
  private readonly ledgers = new Map<RowKey, CarrierLedger[]>();
  private readonly sets = new Map<RowKey, WindowSet[]>();

  constructor(calendar: Calendar, windowSets: readonly Readonly<Record<RowKey, AnalysisWindows>>[]) {
    for (const analysis of windowSets) {
      for (const row of Object.keys(analysis) as RowKey[]) {
        const list = this.sets.get(row) ?? [];
        if (!list.some((set) => sameWindows(set.windows, analysis[row]))) list.push(windowSet(calendar, analysis[row]));
        this.sets.set(row, list);
      }
    }
  }

  /** A new set of carriers for `row` (a row may have several: buyers in person and mail vendors). */
  ledger(row: RowKey): CarrierLedger {
    const ledger = new CarrierLedger(this.sets.get(row) ?? []);
    const list = this.ledgers.get(row) ?? [];
    list.push(ledger);
    this.ledgers.set(row, list);
    return ledger;
  }

  /** Every row's carriers at the end of the run, one per set of windows. */
  result(): Partial<Record<RowKey, RowCarriers[]>> {
    const out: Partial<Record<RowKey, RowCarriers[]>> = {};
    for (const [row, list] of this.ledgers) {
      const totals = (this.sets.get(row) ?? []).map((set) => emptyCarriers(set.windows));
      for (const ledger of list) ledger.finish().forEach((c, j) => addCarriers(totals[j], c));
      out[row] = totals;
    }
    return out;
  }
}

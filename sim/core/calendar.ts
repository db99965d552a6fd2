// Weekly ticks <-> ISO dates. Dates are UTC calendar days; one tick is seven days.
// Monthly aggregation assigns a tick to the month of its first day.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

export function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export class Calendar {
  readonly startDay: number;
  readonly ticks: number;
  /** month index (0-based from the start month) of each tick */
  readonly monthOfTick: Int32Array;
  /** `YYYY-MM` of each month index */
  readonly months: string[];
  /** yearOfTick of each tick, as it is first asked for (NaN before) */
  private readonly years: Float64Array;

  constructor(startIso: string, endIso: string) {
    const start = parseIsoDate(startIso);
    const end = parseIsoDate(endIso);
    if (start === undefined || end === undefined) throw new Error(`bad dates ${startIso}..${endIso}`);
    if (end <= start) throw new Error(`end ${endIso} is not after start ${startIso}`);
    this.startDay = start;
    this.ticks = Math.max(1, Math.floor((end - start) / 7));
    this.monthOfTick = new Int32Array(this.ticks);
    this.years = new Float64Array(this.ticks).fill(NaN);
    this.months = [];
    for (let t = 0; t < this.ticks; t++) {
      const key = isoDate(start + 7 * t).slice(0, 7);
      if (this.months[this.months.length - 1] !== key) this.months.push(key);
      this.monthOfTick[t] = this.months.length - 1;
    }
  }

  /** First tick on or after the date; clamped to [0, ticks]. */
  tickOf(iso: string): number {
    const day = parseIsoDate(iso);
    if (day === undefined) throw new Error(`bad date ${iso}`);
    return Math.min(this.ticks, Math.max(0, Math.ceil((day - this.startDay) / 7)));
  }

  dateOfTick(tick: number): string {
    return isoDate(this.startDay + 7 * tick);
  }

  /** Fractional calendar year of a tick, e.g. 2012.33, for trends given per year. */
  yearOfTick(tick: number): number {
    // (asked every week, and by policies for each event: a Date each time was a cost of its own)
    if (tick >= 0 && tick < this.ticks) {
      if (Number.isNaN(this.years[tick])) this.years[tick] = this.computeYear(tick);
      return this.years[tick];
    }
    return this.computeYear(tick);
  }

  private computeYear(tick: number): number {
    const ms = (this.startDay + 7 * tick) * DAY_MS;
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    const y0 = Date.UTC(y, 0, 1);
    return y + (ms - y0) / (Date.UTC(y + 1, 0, 1) - y0);
  }
}

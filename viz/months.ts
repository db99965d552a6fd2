// Months as the series write them (`YYYY-MM`) and the periods the map steps by.

export type Step = 'month' | 'quarter' | 'year';

/** "2010-03" → months since year 0 (a plain counter, so months subtract). */
export function monthNumber(month: string): number {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthFromNumber(n: number): string {
  const y = Math.floor(n / 12);
  return `${String(y).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let n = monthNumber(first); n <= monthNumber(last); n++) out.push(monthFromNumber(n));
  return out;
}

/** The label of the period a month belongs to: "2010-03", "2010 Q1" or "2010". */
export function periodOf(month: string, step: Step): string {
  if (step === 'month') return month.slice(0, 7);
  const year = month.slice(0, 4);
  if (step === 'year') return year;
  return `${year} Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export interface Period {
  label: string;
  /** first month of the period that lies in the run */
  first: string;
  /** index in the month list of the first and one past the last month of the period */
  from: number;
  to: number;
}

/** The months grouped into consecutive periods (the first and last can be partial). */
export function periods(months: readonly string[], step: Step): Period[] {
  const out: Period[] = [];
  months.forEach((month, i) => {
    const label = periodOf(month, step);
    const last = out[out.length - 1];
    if (last && last.label === label) last.to = i + 1;
    else out.push({ label, first: month, from: i, to: i + 1 });
  });
  return out;
}

/** Mean of `values[from..to)` for each period: a monthly value averaged over the period's months. */
export function periodMeans(values: ArrayLike<number>, ps: readonly Period[]): number[] {
  return ps.map((p) => {
    let sum = 0;
    for (let i = p.from; i < p.to; i++) sum += values[i];
    return p.to > p.from ? sum / (p.to - p.from) : 0;
  });
}

/** Sum of `values[from..to)` for each period (e.g. sites relocated in a year). */
export function periodSums(values: ArrayLike<number>, ps: readonly Period[]): number[] {
  return ps.map((p) => {
    let sum = 0;
    for (let i = p.from; i < p.to; i++) sum += values[i];
    return sum;
  });
}

/**
 * The finest step whose map data stays within `budget` numbers (keys × periods). The map steps
 * month by month when it can (the 31-year default job does, see viz/mapData.ts); only a far
 * longer run steps by quarter or year, so that the self-contained report stays small enough to
 * mail (< 5 MB).
 */
export function chooseStep(months: readonly string[], keys: number, budget: number): Step {
  for (const step of ['month', 'quarter'] as const) {
    if (periods(months, step).length * keys <= budget) return step;
  }
  return 'year';
}

import type { AnalysisWindows, Period, ResolvedScenario } from '../core';
import { isoDate, parseIsoDate } from '../core/calendar';
import { comparisonWindows, overlappingRows, type WindowOverride } from '../metrics/windows';
import { UserError } from './userError';

// `compare --before/--after`: one window for every row of every run, written like a scenario's
// (`[2015-01-01, 2019-12-31]`) or, easier to type, `2015-01-01..2019-12-31`.

const EXPECTED = 'a window FIRST..LAST of two ISO dates, e.g. 2015-01-01..2019-12-31 (or [2015-01-01, 2019-12-31] as in a scenario file)';

/** Reads one window option and checks it lies inside the run `start` … `end`. */
export function parseWindowOption(option: '--before' | '--after', text: string, start: string, end: string): Period {
  const bare = text.trim().replace(/^\[\s*/, '').replace(/\s*\]$/, '');
  const parts = bare.split(/\s*(?:\.\.|,)\s*/);
  const years = /^(\d{4})\s*(?:\.\.|,)\s*(\d{4})$/.exec(bare);
  const hint = years ? ` Did you mean ${years[1]}-01-01..${years[2]}-12-31?` : '';
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new UserError(`${option} "${text}": expected ${EXPECTED}.${hint}`);
  for (const p of parts) {
    if (parseIsoDate(p) === undefined) throw new UserError(`${option} "${text}": "${p}" is not a day of the calendar; expected ${EXPECTED}.${hint}`);
  }
  const [first, last] = parts;
  if (last < first) throw new UserError(`${option} "${text}": the window ends (${last}) before it starts (${first}); expected the first day first, e.g. ${option} ${last}..${first}.`);
  if (first < start || last > end) {
    const side = first < start ? `starts (${first}) before the run starts (${start})` : `ends (${last}) after the run ends (${end})`;
    throw new UserError(`${option} "${text}": the window ${side}; expected a window inside the run ${start} … ${end}.`);
  }
  return [first, last];
}

/**
 * The windows given on the command line, checked: each inside the run, and before ending before
 * after starts, also where one of them comes from a scenario's own windows.
 */
export function windowOverride(options: { before?: string; after?: string }, runs: readonly { file: string; scenario: ResolvedScenario }[]): WindowOverride {
  const { start, end } = runs[0].scenario;
  const before = options.before === undefined ? undefined : parseWindowOption('--before', options.before, start, end);
  const after = options.after === undefined ? undefined : parseWindowOption('--after', options.after, start, end);
  if (before && after && !(before[1] < after[0])) {
    throw new UserError(`--before ${before.join('..')} ends on ${before[1]}, not before --after ${after.join('..')} starts (${after[0]}); expected two windows one after the other, e.g. --before ${before[0]}..${dayBefore(after[0])}.`);
  }
  const override: WindowOverride = { before, after };
  // With one window given, the other is each scenario's own, row by row.
  if (Boolean(before) !== Boolean(after)) {
    for (const { file, scenario } of runs) {
      const windows = comparisonWindows(scenario.analysis, override);
      const rows = overlappingRows(windows);
      if (rows.length === 0) continue;
      const w = windows[rows[0]];
      const given = before ? '--before' : '--after';
      const other = before ? '--after' : '--before';
      const which = rows.length === Object.keys(windows).length ? 'every row' : rows.join(', ');
      throw new UserError(
        `${given}: with the ${other.slice(2)} window of ${file} (${which}), the before window ${w.before.join('..')} does not end before the after window ${w.after.join('..')} starts; ` +
          `expected the before window to end first. ${oneWindowHint(w, before !== undefined, start, end)}`,
      );
    }
  }
  return override;
}

/** A way out when the window given and a scenario's own window overlap: give the other one too, or move the one given. */
function oneWindowHint(w: AnalysisWindows, gaveBefore: boolean, start: string, end: string): string {
  if (gaveBefore) {
    const from = dayAfter(w.before[1]);
    return from <= end ? `Give --after too, e.g. --after ${from}..${end}.` : `End --before earlier, e.g. --before ${w.before[0]}..${dayBefore(w.after[0])}, or give --after too.`;
  }
  const to = dayBefore(w.after[0]);
  return to >= start ? `Give --before too, e.g. --before ${start}..${to}.` : `Start --after later, e.g. --after ${dayAfter(w.before[1])}..${end}, or give --before too.`;
}

const shiftDay = (iso: string, days: number) => isoDate(parseIsoDate(iso)! + days);
const dayBefore = (iso: string) => shiftDay(iso, -1);
const dayAfter = (iso: string) => shiftDay(iso, 1);

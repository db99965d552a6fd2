// The contract between scenario loading and the engine: a fully resolved scenario.

export const MARKETS = ['cannabis', 'synthetic', 'cocaine'] as const;
export type Market = (typeof MARKETS)[number];
export const CANNABIS = 0;
export const SYNTHETIC = 1;
export const COCAINE = 2;

export const ECHELONS = ['production', 'import', 'middle', 'retail'] as const;
export type Echelon = (typeof ECHELONS)[number];

/** The market × echelon combinations that have actors (and so relocations), down each market's chain. */
export const MARKET_ECHELONS: ReadonlyArray<{ market: Market; echelon: Echelon }> = [
  { market: 'cannabis', echelon: 'production' },
  { market: 'cannabis', echelon: 'retail' },
  { market: 'synthetic', echelon: 'production' },
  { market: 'synthetic', echelon: 'retail' },
  { market: 'cocaine', echelon: 'import' },
  { market: 'cocaine', echelon: 'middle' },
  { market: 'cocaine', echelon: 'retail' },
];

/** The market × echelon rows of the DISMARK table, in its order: all of the above but cocaine import, which the study did not judge. */
export const TABLE_ROWS: ReadonlyArray<{ market: Market; echelon: Echelon }> = MARKET_ECHELONS.filter((r) => r.echelon !== 'import');

export type RowKey = `${Market}/${Echelon}`;

/** A period as [first day, last day], ISO dates, inclusive. */
export type Period = [string, string];

export interface AnalysisWindows {
  before: Period;
  after: Period;
}

export interface PolicyEvent {
  type: string;
  /** Optional human label for reports; defaults to the type. */
  label?: string;
  start: string;
  end?: string;
  /** District ids the event targets (a `country:` target is expanded to its districts). */
  districts: string[];
  parameters: Record<string, number | boolean | string>;
  /**
   * For a calibrated number of the event, the 5%–95% interval of its calibration's posterior: the
   * values the record leaves plausible, over which `check-history --robustness` varies it.
   */
  posterior?: Record<string, [number, number]>;
}

/** A parameter value: a number, or one number per district (in the world's district order). */
export type ParameterValue = number | number[];

export interface ResolvedScenario {
  name: string;
  description: string;
  start: string;
  end: string;
  /** Every model parameter by dotted path, defaults merged with the scenario's overrides. */
  parameters: Record<string, ParameterValue>;
  policies: PolicyEvent[];
  /** Analysis windows per table row ("cannabis/production" …), defaults filled in. */
  analysis: Record<RowKey, AnalysisWindows>;
  /** id of a reference table (sim/metrics/study.ts) the verdicts are held against, or null */
  reference: string | null;
}

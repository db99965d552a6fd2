import { describeDistricts, type DistrictInfo } from './events';
import { MAP_CREDIT, type DistrictMap, type DistrictRecord } from './districtMap';
import { COMPARISON, MissingResultsError, type ComparisonRecord, type EffectRecord, type PolicyEventRecord, type ScenarioComparisonRecord, type SummaryRowRecord } from './inputs';
import { rowLabel, rowOrder } from './metrics';
import { maxOf, niceCeiling, significant as toDigits } from './scales';
import { rowKey } from './totals';

// What a comparison's report draws, from comparison.json (docs/OUTPUTS.md): per scenario against
// the baseline, the verdicts side by side, a quadrant of ΔBE against ΔNL, a difference map per
// market × echelon and the WDQ of the targeted area. Effects are mean monthly kilograms (true
// volume_kg) over each row's window, scenario − baseline, with 95% intervals over replicate pairs;
// both runs are measured on the same windows, and effects whose interval includes 0 are marked.

export interface EffectView {
  baseline: number;
  scenario: number;
  effect: number;
  ci: [number, number];
  /** the interval excludes 0 */
  significant: boolean;
}

export interface ComparisonRow {
  key: string;
  label: string;
  /** the windows both runs are measured on (cocaine import: cocaine middle's) */
  windows: { before: [string, string]; after: [string, string] } | null;
  BE: EffectView | null;
  NL: EffectView | null;
  /**
   * ΔBE and ΔNL as % of the row's baseline BE + NL activity, so rows of very different sizes share
   * one quadrant chart; dividing both by the same total keeps the pure-shift line at ΔNL = −ΔBE.
   * Null when the baseline has no activity.
   */
  relative: { BE: number; NL: number; BE_ci: [number, number]; NL_ci: [number, number] } | null;
  /** per district (the report's district order): effect and its interval, baseline and scenario levels; null where comparison.json has none */
  districts: (EffectView | null)[];
  /** symmetric colour domain [−top, top] of the difference map */
  top: number;
  /** the WDQ, or why there is none (`reason`); null without areas */
  wdq: {
    actedOn: boolean;
    treatment: { effect: number; ci: [number, number]; significant: boolean };
    successMeasure: number | null;
    bufferMeasure: number | null;
    wdq: number | null;
    reason: string | null;
  } | null;
  verdict: { baseline: string | null; scenario: string | null };
  /** per run, how its verdict was reached and what the other rule says; null where the run has no verdict row */
  rules: { baseline: VerdictRules | null; scenario: VerdictRules | null };
  /** share of Belgian sites with a Dutch link in each run's after window; null where unknown */
  dutchLinkAfter: { baseline: number | null; scenario: number | null };
}

/** One run's verdict row read by both rules (docs/OUTPUTS.md, "The verdict rule"). */
export interface VerdictRules {
  /** the rule that gave the verdict: who carried the change, or market volume where the carriers are not known */
  rule: 'actors' | 'market-volume';
  /** the market-volume rule's verdict (D) */
  marketVolume: string;
  /** share of Belgium's gain its carriers moved out of NL; null without carriers or without gain */
  movedShare: number | null;
}

export interface ScenarioView {
  name: string;
  description: string;
  /** the scenario's events that the baseline does not have (what the comparison measures) */
  newEvents: { label: string; type: string; start: string; end: string | null; where: string }[];
  targeted: string[];
  areas: { treatment: string[]; buffer: string[]; control: string[] } | null;
  windowsFrom: 'scenario' | 'command line';
  rows: ComparisonRow[];
}

export interface ComparisonData {
  meta: { baseline: string; baselineDescription: string; seed: number; reps: number; version: string; commit: string | null; generatedAt: string; source: string; mapCredit: string };
  geojson: DistrictMap['geojson'];
  districts: DistrictRecord[];
  scenarios: ScenarioView[];
}

const DIGITS = 4;

const effectView = (e: EffectRecord | undefined): EffectView | null =>
  e
    ? {
        baseline: toDigits(e.baseline, DIGITS),
        scenario: toDigits(e.scenario, DIGITS),
        effect: toDigits(e.effect, DIGITS),
        ci: [toDigits(e.effect_ci[0], DIGITS), toDigits(e.effect_ci[1], DIGITS)],
        significant: e.significant,
      }
    : null;

/** JSON with sorted keys: two events are the same event when every field is equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The scenario's policy events that the baseline does not have. */
export function newEvents(scenario: readonly PolicyEventRecord[], baseline: readonly PolicyEventRecord[]): PolicyEventRecord[] {
  const shared = new Set(baseline.map(stableJson));
  return scenario.filter((e) => !shared.has(stableJson(e)));
}

/** ΔBE and ΔNL in % of the baseline BE + NL total (null without a baseline total). */
export function relativeEffects(be: EffectView | null, nl: EffectView | null): ComparisonRow['relative'] {
  if (!be || !nl) return null;
  const total = be.baseline + nl.baseline;
  if (!(total > 0)) return null;
  const pct = (x: number) => toDigits((100 * x) / total, DIGITS);
  return { BE: pct(be.effect), NL: pct(nl.effect), BE_ci: [pct(be.ci[0]), pct(be.ci[1])], NL_ci: [pct(nl.ci[0]), pct(nl.ci[1])] };
}

/** A verdict row's rules; rows written before the actors' rule have the market-volume verdict alone. */
export function verdictRules(row: SummaryRowRecord | undefined): VerdictRules | null {
  if (!row) return null;
  const moved = row.carriers?.movedShare ?? null;
  return {
    rule: row.verdictRule ?? 'market-volume',
    marketVolume: row.marketVolume?.verdict ?? row.verdict,
    movedShare: moved === null ? null : toDigits(moved, DIGITS),
  };
}

function scenarioView(s: ScenarioComparisonRecord, c: ComparisonRecord, districts: DistrictRecord[], info: ReadonlyMap<string, DistrictInfo>): ScenarioView {
  const keys = [...new Set([...s.effects, ...s.districtEffects].map((e) => rowKey(e.market, e.echelon)))].sort(rowOrder);
  const rows = keys.map((key): ComparisonRow => {
    const mine = (e: { market: string; echelon: string }) => rowKey(e.market, e.echelon) === key;
    const BE = effectView(s.effects.find((e) => mine(e) && e.area === 'BE'));
    const NL = effectView(s.effects.find((e) => mine(e) && e.area === 'NL'));
    const byDistrict = districts.map((d) => effectView(s.districtEffects.find((e) => mine(e) && e.area === d.id)));
    const w = s.wdq.find(mine);
    const base = s.baselineVerdicts.find(mine);
    const own = s.verdicts.find(mine);
    const windows = s.windows[key.endsWith('/import') ? 'cocaine/middle' : key];
    return {
      key,
      label: rowLabel(key),
      windows: windows ? { before: windows.before, after: windows.after } : null,
      BE,
      NL,
      relative: relativeEffects(BE, NL),
      districts: byDistrict,
      top: niceCeiling(maxOf([byDistrict.map((d) => (d ? Math.abs(d.effect) : 0))])),
      wdq: w
        ? {
            actedOn: w.actedOn,
            treatment: {
              effect: toDigits(w.treatmentEffect.effect, DIGITS),
              ci: [toDigits(w.treatmentEffect.effect_ci[0], DIGITS), toDigits(w.treatmentEffect.effect_ci[1], DIGITS)],
              significant: w.treatmentEffect.significant,
            },
            successMeasure: w.successMeasure,
            bufferMeasure: w.bufferMeasure,
            wdq: w.wdq,
            reason: w.reason,
          }
        : null,
      verdict: { baseline: base?.verdict ?? null, scenario: own?.verdict ?? null },
      rules: { baseline: verdictRules(base), scenario: verdictRules(own) },
      dutchLinkAfter: { baseline: base?.dutchLinkBE?.[1] ?? null, scenario: own?.dutchLinkBE?.[1] ?? null },
    };
  });
  return {
    name: s.name,
    description: s.description,
    newEvents: newEvents(s.scenario?.policies ?? [], c.baseline.scenario?.policies ?? []).map((e) => ({
      label: e.label && e.label.trim() !== '' ? e.label : e.type,
      type: e.type,
      start: e.start,
      end: e.end ?? null,
      where: describeDistricts(e.districts, info),
    })),
    targeted: s.targetedDistricts,
    areas: s.areas,
    windowsFrom: s.windowsFrom,
    rows,
  };
}

export function comparisonSource(c: ComparisonRecord): string {
  const commit = c.gitCommit ? ` (commit ${c.gitCommit.slice(0, 7)})` : '';
  return `Source: ${c.tool.name} ${c.tool.version}${commit}, comparison with baseline “${c.baseline.name}”, seed ${c.seed}, ${c.reps} replicate pair${c.reps === 1 ? '' : 's'}.`;
}

export function comparisonData(c: ComparisonRecord, map: DistrictMap, generatedAt: Date): ComparisonData {
  // Older files put the baseline's verdicts over its own windows beside the scenario's: not comparable.
  if (c.scenarios.some((s) => !s.baselineVerdicts || !s.windows)) {
    throw new MissingResultsError(`${COMPARISON}: written by an older waterbed, without both runs' verdicts over the same windows (baselineVerdicts, windows); run \`waterbed compare\` again.`);
  }
  const info = new Map<string, DistrictInfo>(map.districts.map((d) => [d.id, d]));
  return {
    meta: {
      baseline: c.baseline.name,
      baselineDescription: c.baseline.scenario?.description ?? '',
      seed: c.seed,
      reps: c.reps,
      version: c.tool.version,
      commit: c.gitCommit,
      generatedAt: generatedAt.toISOString(),
      source: comparisonSource(c),
      mapCredit: MAP_CREDIT,
    },
    geojson: map.geojson,
    districts: map.districts,
    scenarios: c.scenarios.map((s) => scenarioView(s, c, map.districts, info)),
  };
}

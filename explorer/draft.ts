import YAML, { isMap } from 'yaml';
import type { ResolvedScenario } from '../sim/core';
import { districtsOf, type ScenarioContext } from '../sim/scenario/context';
import { ScenarioError, type ScenarioProblem } from '../sim/scenario/errors';
import { mergeChain, readChain } from '../sim/scenario/extends';
import type { ScenarioFiles } from '../sim/scenario/files';
import { memoryFiles } from '../sim/scenario/memoryFiles';
import { collectProblems } from '../sim/scenario/problems';
import { resolveScenario } from '../sim/scenario/resolve';
import type { AnalysisSpec, WindowsSpec } from '../sim/scenario/analysis';
import type { LibraryFile } from './data';

// The scenario being edited in the explorer: what its forms show, kept as the values a user typed,
// and written as a scenario file (YAML) that the CLI's own loader checks, so the page shows the
// CLI's messages and exports a file `waterbed run` runs to the same results. A scenario from the
// library or an imported file is flattened into a draft: its `extends` chain merged, so the export
// needs no other file.

/** What a form field holds: a number when the text is one, else the text as typed (the loader then says what is wrong). */
export type FieldValue = number | boolean | string;

export interface DraftPolicy {
  type: string;
  label: string;
  start: string;
  /** '' for a policy that lasts */
  end: string;
  /** a whole country, or the districts listed */
  target: 'BE' | 'NL' | 'districts';
  districts: string[];
  parameters: Record<string, FieldValue>;
  /** a calibrated event's posterior intervals, carried through unedited (robustness points read them) */
  posterior?: Record<string, [number, number]>;
}

export interface Draft {
  name: string;
  description: string;
  start: string;
  end: string;
  /** parameter overrides by dotted path, in the order they apply */
  parameters: { path: string; value: FieldValue }[];
  policies: DraftPolicy[];
  /** the analysis windows and reference table, as a scenario file writes them; undefined: the defaults */
  analysis?: AnalysisYaml;
}

export interface AnalysisYaml {
  before?: [string, string];
  after?: [string, string];
  rows?: Record<string, { before?: [string, string]; after?: [string, string] }>;
  reference?: string;
}

/** Where the draft stands among the library's files (so that messages name it like the file a user saves). */
export function draftPath(draft: Pick<Draft, 'name'>): string {
  const base = draft.name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return `scenarios/${base}.yaml`;
}

/** A form's text as a field value: numbers as numbers (so the YAML has a number), anything else as typed. */
export function fieldValue(text: string): FieldValue {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/** The draft as a scenario file. */
export function draftYaml(draft: Draft): string {
  const doc: Record<string, unknown> = {
    name: draft.name,
    description: draft.description,
    start: draft.start,
    end: draft.end,
  };
  if (draft.parameters.length) doc.parameters = Object.fromEntries(draft.parameters.map((p) => [p.path, p.value]));
  doc.policies = draft.policies.map((p) => {
    const out: Record<string, unknown> = { type: p.type };
    if (p.label.trim()) out.label = p.label;
    out.start = p.start;
    if (p.end.trim()) out.end = p.end;
    if (p.target === 'districts') out.districts = [...p.districts];
    else out.country = p.target;
    if (Object.keys(p.parameters).length) out.parameters = { ...p.parameters };
    if (p.posterior) out.posterior = { ...p.posterior };
    return out;
  });
  if (draft.analysis) doc.analysis = draft.analysis;
  const header = '# Written by the waterbed explorer; run it with: npx waterbed run FILE --reps N --seed S\n';
  // Flow style for short lists (windows, districts) keeps the file readable; dates stay plain scalars.
  return header + YAML.stringify(doc, { lineWidth: 0, flowCollectionPadding: false, collectionStyle: 'any' });
}

/** The library and the draft as the loader's files. */
export function draftFiles(library: readonly LibraryFile[], draft: Draft): { files: ScenarioFiles; path: string } {
  const path = draftPath(draft);
  const texts = new Map(library.map((f) => [f.path, f.text]));
  texts.set(path, draftYaml(draft));
  return { files: memoryFiles(texts), path };
}

export type Checked = { scenario: ResolvedScenario; problems: [] } | { scenario: null; problems: readonly ScenarioProblem[] };

/** The draft through the CLI's loader: the scenario the engine runs, or every problem the CLI would list. */
export function checkDraft(library: readonly LibraryFile[], draft: Draft, context: ScenarioContext): Checked {
  const { files, path } = draftFiles(library, draft);
  try {
    return { scenario: resolveScenario(files, path, { context }), problems: [] };
  } catch (err) {
    if (err instanceof ScenarioError) return { scenario: null, problems: err.problems };
    throw err;
  }
}

const period = (p: { period: [string, string] } | undefined): [string, string] | undefined => (p ? [p.period[0], p.period[1]] : undefined);

function windowsYaml(w: WindowsSpec): { before?: [string, string]; after?: [string, string] } {
  const out: { before?: [string, string]; after?: [string, string] } = {};
  if (w.before) out.before = period(w.before);
  if (w.after) out.after = period(w.after);
  return out;
}

function analysisYaml(spec: AnalysisSpec): AnalysisYaml | undefined {
  const out: AnalysisYaml = windowsYaml(spec);
  const rows = Object.entries(spec.rows).filter(([, w]) => w && (w.before || w.after));
  if (rows.length) out.rows = Object.fromEntries(rows.map(([k, w]) => [k, windowsYaml(w!)]));
  if (spec.reference) out.reference = spec.reference;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The scenario file `path` among `files`, flattened into a draft: the chain of files it extends
 * merged as the loader merges it (parents' overrides first, `without` applied, windows merged), a
 * policy's `country:` kept as a country. Throws the loader's ScenarioError when the file has problems.
 */
export function draftFromFile(files: ScenarioFiles, path: string, context: ScenarioContext): Draft {
  // Resolving first reports every problem of the file the way `waterbed validate` does.
  resolveScenario(files, path, { context });
  return collectProblems((problems) => {
    const merged = mergeChain(readChain(files, path, context, problems), problems);
    const policies: DraftPolicy[] = merged.policies.map(({ event, at }) => {
      const node = at.source.doc.getIn(at.path, true);
      const country = isMap(node) ? node.get('country') : undefined;
      const whole = (c: 'BE' | 'NL') => country === c && districtsOf(context.world, c).length === event.districts.length;
      return {
        type: event.type,
        label: event.label ?? '',
        start: event.start,
        end: event.end ?? '',
        target: whole('BE') ? 'BE' : whole('NL') ? 'NL' : 'districts',
        districts: [...event.districts],
        parameters: { ...event.parameters },
        ...(event.posterior ? { posterior: { ...event.posterior } } : {}),
      };
    });
    return {
      name: merged.name.value,
      description: merged.description.value,
      start: merged.start?.value ?? '',
      end: merged.end?.value ?? '',
      parameters: merged.parameters.map((p) => ({ path: p.path, value: p.value })),
      policies,
      analysis: analysisYaml(merged.analysis),
    };
  });
}

/** A library scenario as a draft. */
export function draftFromLibrary(library: readonly LibraryFile[], path: string, context: ScenarioContext): Draft {
  return draftFromFile(memoryFiles(new Map(library.map((f) => [f.path, f.text]))), path, context);
}

/** Where an imported file stands: beside the library's scenarios, so that `extends: baseline.yaml` finds the library's. */
export const IMPORTED = 'scenarios/imported.yaml';

/** An imported scenario file's text as a draft; the loader's ScenarioError when it has problems. Nothing in the text is run: it is YAML data. */
export function draftFromText(library: readonly LibraryFile[], text: string, context: ScenarioContext): Draft {
  const texts = new Map(library.map((f) => [f.path, f.text]));
  texts.set(IMPORTED, text);
  return draftFromFile(memoryFiles(texts), IMPORTED, context);
}

/** The comparison's baseline for a draft: the same dates, parameters and windows with no policy event. */
export function withoutPolicies(draft: Draft): Draft {
  return { ...draft, name: `${draft.name || 'scenario'}-without-policies`, description: `${draft.name || 'the scenario'} with no policy events: the same dates, parameters and analysis windows.`, policies: [] };
}

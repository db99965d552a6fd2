import type { ResolvedScenario } from '../../sim/core';
import type { ReplicateSeries } from '../../sim/metrics/series';
import { comparisonWindows } from '../../sim/metrics/windows';
import { formatProblem, type ScenarioProblem } from '../../sim/scenario/errors';
import { memoryFiles } from '../../sim/scenario/memoryFiles';
import { resolveScenario } from '../../sim/scenario/resolve';
import { scenarioContextOf, type ExplorerData } from '../data';
import { checkDraft, draftFromLibrary, draftFromText, draftPath, draftYaml, withoutPolicies, type Draft } from '../draft';
import { scenarioHash, type RunInput } from '../reportData';
import { el, field, WB } from './dom';
import { Editor } from './editor';
import { StoppedError, WorkerPool, type ReplicateJob } from './pool';

// The explorer's page: start from a library scenario (or an imported file), edit it in forms that
// the CLI's own loader checks, run replicates in Web Workers with a progress bar, and watch the
// report's verdict table, map and time charts fill in as replicates finish; optionally against a
// baseline with common random numbers, drawn by the comparison report's code.

const BASELINE = 'scenarios/baseline.yaml';
const WITHOUT_POLICIES = 'without-policies';
/** the least time between two redraws while replicates come in: drawing a long history takes a moment */
const REDRAW_MS = 1000;

interface LibraryEntry {
  path: string;
  scenario: ResolvedScenario;
}

export function startPage(data: ExplorerData, bundle: string): void {
  const context = scenarioContextOf(data);
  const files = memoryFiles(new Map(data.library.map((f) => [f.path, f.text])));
  // Every library file through the loader, as `waterbed scenarios` lists them.
  const library: LibraryEntry[] = data.library.map((f) => ({ path: f.path, scenario: resolveScenario(files, f.path, { context }) }));
  library.sort((a, b) => (a.path === BASELINE ? -1 : b.path === BASELINE ? 1 : a.path.localeCompare(b.path)));

  const root = document.getElementById('explorer')!;
  const header = el(root, 'header');
  el(header, 'p', { class: 'kicker' }, `waterbed ${data.version} explorer`);
  el(header, 'h1', {}, 'What if? Build a scenario and watch where the drug markets go');
  el(header, 'p', { class: 'subtitle' }, 'The simulator’s own engine runs in this page, on this computer: nothing is sent anywhere. Start from a scenario of the library, change its policy events and parameters, run it, and compare it with a baseline on the same random numbers.');

  // 1. Start from
  const start = section(root, 'start', '1. Start from a scenario');
  const startRow = el(start, 'div', { class: 'row' });
  const pick = field(startRow, 'Library scenario', (w) => {
    const s = el(w, 'select', { id: 'start-from' });
    for (const e of library) el(s, 'option', { value: e.path }, `${e.scenario.name} (${e.scenario.start.slice(0, 4)}–${e.scenario.end.slice(0, 4)})`);
    return s;
  });
  const about = el(start, 'p', { class: 'field-hint', id: 'start-about' });
  const load = el(startRow, 'button', { type: 'button', id: 'load' }, 'Load this scenario');
  const importRow = el(start, 'div', { class: 'row' });
  const importFile = field(importRow, 'Or import a scenario file (YAML)', (w) => el(w, 'input', { type: 'file', id: 'import-file', accept: '.yaml,.yml,text/yaml' }));
  const importView = el(start, 'details', { id: 'import-view', hidden: true });
  el(importView, 'summary', {}, 'The imported file, as text');
  const importText = el(importView, 'pre', { id: 'import-text' });
  const importProblems = el(start, 'div', { id: 'import-problems', role: 'status' });

  // 2. Edit
  const edit = section(root, 'edit', '2. Change it');
  const editor = new Editor(edit, { context, map: data.map, onChange: () => scheduleCheck() });
  const problemsBox = el(edit, 'div', { id: 'problems', role: 'status', 'aria-live': 'polite', tabindex: -1 });
  const yamlView = el(edit, 'details', { id: 'yaml-view' });
  el(yamlView, 'summary', {}, 'The scenario as a file (YAML), as exported');
  const yamlText = el(yamlView, 'pre', { id: 'yaml-text' });
  const exportRow = el(edit, 'div', { class: 'row' });
  const exportButton = el(exportRow, 'button', { type: 'button', id: 'export' }, 'Export the scenario (YAML)');
  el(exportRow, 'p', { class: 'field-hint' }, 'The file runs on the command line to the same results for the same seed: npx waterbed run FILE --reps N --seed S');

  // 3. Run
  const runBox = section(root, 'run', '3. Run it');
  const runRow = el(runBox, 'div', { class: 'row' });
  const repsInput = field(runRow, 'Replicates', (w) => el(w, 'input', { type: 'number', id: 'reps', min: 1, max: 100, step: 1, value: 4 }));
  const seedInput = field(runRow, 'Seed', (w) => el(w, 'input', { type: 'number', id: 'seed', min: 0, step: 1, value: 1 }));
  const cores = Math.max(1, navigator.hardwareConcurrency || 2);
  const workersInput = field(runRow, 'Workers', (w) => el(w, 'input', { type: 'number', id: 'workers', min: 1, max: 64, step: 1, value: cores }), 'replicates run side by side');
  const compareWith = field(runRow, 'Compare with', (w) => {
    const s = el(w, 'select', { id: 'compare-with' });
    el(s, 'option', { value: '' }, 'nothing (run the scenario alone)');
    el(s, 'option', { value: WITHOUT_POLICIES }, 'the baseline: this scenario without its policy events');
    for (const e of library) el(s, 'option', { value: e.path }, `library: ${e.scenario.name}`);
    return s;
  }, 'on the same random numbers (common random numbers); the dates must be the same');
  const buttons = el(runBox, 'div', { class: 'row' });
  const runButton = el(buttons, 'button', { type: 'button', id: 'run-button', class: 'primary' }, 'Run');
  const stopButton = el(buttons, 'button', { type: 'button', id: 'stop-button', disabled: true }, 'Stop');
  const progress = el(runBox, 'progress', { id: 'progress', max: 1, value: 0, 'aria-label': 'share of the simulation done' });
  const status = el(runBox, 'p', { id: 'status', role: 'status', 'aria-live': 'polite' }, 'Not run yet.');

  const results = el(root, 'div', { id: 'results' });
  const summaryView = el(root, 'details', { id: 'summary-view', hidden: true });
  el(summaryView, 'summary', {}, 'summary.json, as `waterbed run` writes it');
  const summaryText = el(summaryView, 'pre', { id: 'summary-json' });

  const pool = () => new WorkerPool(bundle, Math.max(1, Number(workersInput.value) || 1), { districts: data.districts, map: data.map });
  let current: WorkerPool | undefined;

  // Checking as the user types, the way `waterbed validate` checks a file.
  let checkTimer: number | undefined;
  function scheduleCheck(): void {
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(check, 200);
  }
  function check(): ResolvedScenario | null {
    window.clearTimeout(checkTimer);
    const draft = editor.value;
    yamlText.textContent = draftYaml(draft);
    const checked = checkDraft(data.library, draft, context);
    showProblems(problemsBox, checked.problems, checked.scenario ? `The scenario is valid: ${checked.scenario.policies.length} policy event${checked.scenario.policies.length === 1 ? '' : 's'}, ${checked.scenario.start} to ${checked.scenario.end}.` : '');
    editor.markProblems(checked.problems);
    return checked.scenario;
  }

  function showDraft(draft: Draft): void {
    editor.show(draft);
    check();
  }

  const describe = () => {
    const e = library.find((x) => x.path === pick.value);
    about.textContent = e ? e.scenario.description : '';
  };
  pick.addEventListener('change', describe);
  load.addEventListener('click', () => {
    showDraft(draftFromLibrary(data.library, pick.value, context));
    status.textContent = `Loaded ${pick.value}.`;
  });
  importFile.addEventListener('change', async () => {
    const file = importFile.files?.[0];
    if (!file) return;
    const text = await file.text();
    // Shown as text and read as YAML data: nothing in it is run or becomes markup.
    importText.textContent = text;
    importView.hidden = false;
    try {
      showDraft(draftFromText(data.library, text, context));
      showProblems(importProblems, [], `Imported ${file.name}.`);
    } catch (err) {
      const problems = (err as { problems?: ScenarioProblem[] }).problems;
      if (!problems) throw err;
      showProblems(importProblems, problems, '');
      importView.open = true;
    }
  });
  exportButton.addEventListener('click', () => download(draftPath(editor.value).replace(/^scenarios\//, ''), draftYaml(editor.value), 'text/yaml'));

  runButton.addEventListener('click', () => void run());
  stopButton.addEventListener('click', () => current?.terminate());

  async function run(): Promise<void> {
    const scenario = check();
    if (!scenario) {
      status.textContent = 'The scenario has problems (listed above); fix them to run it.';
      problemsBox.focus();
      return;
    }
    const reps = Number(repsInput.value);
    const seed = Number(seedInput.value);
    const countProblem = !Number.isInteger(reps) || reps < 1 ? 'Replicates: expected a whole number of replicates, 1 or more (e.g. 4).' : !Number.isInteger(seed) || seed < 0 ? 'Seed: expected a whole number 0 or more (e.g. 42).' : '';
    if (countProblem) {
      status.textContent = countProblem;
      return;
    }
    let baseline: ResolvedScenario | null = null;
    if (compareWith.value) {
      const checked = compareWith.value === WITHOUT_POLICIES ? checkDraft(data.library, withoutPolicies(editor.value), context) : { scenario: library.find((e) => e.path === compareWith.value)!.scenario };
      baseline = checked.scenario;
      if (!baseline) {
        status.textContent = 'The baseline (this scenario without its policy events) has problems; fix the scenario first.';
        return;
      }
      if (baseline.start !== scenario.start || baseline.end !== scenario.end) {
        // The CLI's message for the same mistake (waterbed compare).
        status.textContent = `${draftPath(editor.value)}: runs ${scenario.start} … ${scenario.end} but the baseline ${compareWith.value} runs ${baseline.start} … ${baseline.end}; expected the same dates, so that replicates share their random numbers week by week. Set start and end alike, or compare with the baseline: this scenario without its policy events.`;
        return;
      }
    }
    current?.terminate();
    const workers = pool();
    current = workers;
    runButton.disabled = true;
    stopButton.disabled = false;
    document.body.setAttribute('data-state', 'running');
    results.textContent = '';
    summaryView.hidden = true;
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const [hash, baselineHash] = await Promise.all([scenarioHash(scenario), baseline ? scenarioHash(baseline) : Promise.resolve('')]);
    // The scenario's replicates first, so its report can be drawn while the baseline's run; then
    // the baseline's, measured over the scenario's windows, as `waterbed compare` does.
    const windows = comparisonWindows(scenario.analysis);
    const jobs: ReplicateJob[] = [
      ...Array.from({ length: reps }, (_, replicate) => ({ request: { scenario, seed, replicate, measureWindows: baseline ? [windows] : undefined } })),
      ...(baseline ? Array.from({ length: reps }, (_, replicate) => ({ request: { scenario: baseline!, seed, replicate, measureWindows: [windows] } })) : []),
    ];
    const shares = new Float64Array(jobs.length);
    const input = (): RunInput => ({ scenario, seed, reps, workers: Number(workersInput.value), version: data.version, startedAt, finishedAt: new Date().toISOString(), scenarioHash: hash });
    const done: (ReplicateSeries | undefined)[] = new Array(reps);
    // Drawing while replicates come in: at most one report at a time, and not more often than REDRAW_MS;
    // a replicate that finishes meanwhile is drawn with the next.
    let drawing = false;
    let lastDraw = 0;
    let timer: number | undefined;
    const drawSoFar = async (): Promise<void> => {
      const wait = REDRAW_MS - (performance.now() - lastDraw);
      if (drawing || wait > 0) {
        timer ??= window.setTimeout(() => {
          timer = undefined;
          void drawSoFar();
        }, Math.max(wait, 50));
        return;
      }
      const finished = done.filter((s): s is ReplicateSeries => s !== undefined);
      if (finished.length === 0 || finished.length === reps || current !== workers || document.body.getAttribute('data-state') !== 'running') return;
      drawing = true;
      try {
        const reply = await workers.report({ kind: 'run-report', input: input(), replicates: finished });
        if (current === workers && document.body.getAttribute('data-state') === 'running') await draw(reply.report.run, null, `${finished.length} of ${reps} replicates so far`);
      } catch (err) {
        // A stopped run stops its drawing too; anything else is said where the run's state is.
        if (!(err instanceof StoppedError)) status.textContent = `Drawing the replicates so far failed: ${(err as Error).message}`;
      } finally {
        drawing = false;
        lastDraw = performance.now();
      }
    };
    try {
      const all = await workers.runReplicates(
        jobs,
        (job, share) => {
          shares[job] = share;
          const total = shares.reduce((a, b) => a + b, 0) / jobs.length;
          progress.value = total;
          status.textContent = `Running: ${Math.floor(total * 100)}% of ${jobs.length} replicate${jobs.length === 1 ? '' : 's'}${baseline ? ` (${reps} of the scenario, ${reps} of the baseline)` : ''}…`;
        },
        (job, series) => {
          shares[job] = 1;
          if (job < reps) {
            done[job] = series;
            void drawSoFar();
          }
        },
      );
      const simulated = performance.now() - started;
      status.textContent = 'Aggregating the replicates…';
      const runs = all.slice(0, reps);
      const [runReply, comparison] = await Promise.all([
        workers.report({ kind: 'run-report', input: input(), replicates: runs }),
        baseline ? workers.report({ kind: 'comparison-report', input: { baseline, baselineHash, scenario, scenarioHash: hash, seed, version: data.version }, baseline: all.slice(reps), runs }) : Promise.resolve(null),
      ]);
      const aggregated = performance.now() - started;
      await draw(runReply.report.run, comparison?.data ?? null, '');
      const elapsed = performance.now() - started;
      summaryText.textContent = runReply.summaryJson;
      summaryView.hidden = false;
      progress.value = 1;
      status.textContent = `Done: ${reps} replicate${reps === 1 ? '' : 's'}${baseline ? ' of the scenario and of the baseline' : ''} in ${(elapsed / 1000).toFixed(1)} s.`;
      // The phases' times, for the measurements in the README (test/browser/measure-explorer.ts).
      status.setAttribute('data-elapsed-ms', String(Math.round(elapsed)));
      status.setAttribute('data-simulated-ms', String(Math.round(simulated)));
      status.setAttribute('data-aggregated-ms', String(Math.round(aggregated)));
      document.body.setAttribute('data-state', 'done');
    } catch (err) {
      document.body.setAttribute('data-state', err instanceof StoppedError ? 'stopped' : 'failed');
      status.textContent = err instanceof StoppedError ? 'Stopped.' : `The run failed: ${(err as Error).message}`;
    } finally {
      workers.terminate();
      runButton.disabled = false;
      stopButton.disabled = true;
    }
  }

  let drawn = 0;
  /**
   * The report's parts, drawn by the report's own page code (viz/page: the sections run.js draws,
   * then comparison.js's), one section per task, so the page answers between them.
   */
  async function draw(run: unknown, comparison: unknown, note: string): Promise<void> {
    const generation = ++drawn;
    const playing = document.querySelector('#map-play[aria-pressed="true"]') as HTMLButtonElement | null;
    playing?.click();
    const box = document.createElement('div');
    if (note) el(box, 'p', { class: 'note', id: 'partial-note' }, `Drawn from ${note}; the rest follow.`);
    const sections: (() => void)[] = [
      () => WB().run.verdicts(box, run),
      () => WB().run.map(box, run),
      () => WB().run.multiples(box, run),
      () => WB().run.notes(box, run),
      ...(comparison ? [() => WB().renderers.comparison(box, comparison)] : []),
    ];
    results.replaceChildren(box);
    for (const section of sections) {
      if (generation !== drawn) return;
      section();
      await new Promise((resolve) => window.setTimeout(resolve, 0));
    }
    if (generation !== drawn) return;
    // The map steps through the run month by month as soon as results are in.
    (document.getElementById('map-play') as HTMLButtonElement | null)?.click();
  }

  describe();
  showDraft(draftFromLibrary(data.library, pick.value, context));
  document.body.setAttribute('data-ready', 'true');
}

function section(root: Element, id: string, title: string): HTMLElement {
  const s = el(root, 'section', { id, 'aria-labelledby': `${id}-title`, class: 'step' });
  el(s, 'h2', { id: `${id}-title` }, title);
  return s;
}

function showProblems(box: HTMLElement, problems: readonly ScenarioProblem[], ok: string): void {
  box.textContent = '';
  if (problems.length === 0) {
    if (ok) el(box, 'p', { class: 'ok' }, ok);
    return;
  }
  el(box, 'p', { class: 'problems-title' }, problems.length === 1 ? 'One problem, as the command line would report it:' : `${problems.length} problems, as the command line would report them:`);
  const list = el(box, 'ol', { class: 'problems' });
  for (const p of problems) {
    el(list, 'li', { 'data-key-path': p.keyPath ?? '' }, formatProblem(p));
  }
}

/** Saves text as a file through a link to a blob: nothing leaves the computer. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el(document.body, 'a', { href: url, download: name, hidden: true });
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

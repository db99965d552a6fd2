import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { scenarioContextOf } from '../../explorer/data';
import { checkDraft, draftFromLibrary, draftFromText, draftYaml, withoutPolicies, type Draft } from '../../explorer/draft';
import { KEY_PARAMETERS } from '../../explorer/keyParameters';
import { canonicalJson } from '../../sim/core/canonicalJson';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import { parseDistrictsCsv } from '../../sim/world/districtsCsv';
import { loadScenario, ScenarioError } from '../../sim/scenario';
import { memoryFiles, normalisePath } from '../../sim/scenario/memoryFiles';
import { resolveScenario } from '../../sim/scenario/resolve';
import { libraryFiles } from '../../viz/explorerPage';

// The explorer's scenarios (explorer/draft.ts) against the CLI's loader: the page reads the library
// from memory with the same code the CLI reads files with, flattens a scenario into forms, and
// exports a file that the CLI resolves to the same scenario. Run in Node: the modules are the ones
// the page's bundle holds.

const ROOT = path.resolve(__dirname, '../..');
const library = libraryFiles(ROOT);
const context = scenarioContextOf({
  catalog: YAML.parse(fs.readFileSync(path.join(ROOT, 'sim/params/parameters.yaml'), 'utf8')),
  districts: parseDistrictsCsv(fs.readFileSync(path.join(ROOT, 'sim/world/data/districts.csv'), 'utf8')),
});
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-explorer-draft-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The draft's YAML written to disk and loaded by the CLI's loader. */
function loadExported(draft: Draft) {
  const file = path.join(tmp, `${draft.name}.yaml`);
  fs.writeFileSync(file, draftYaml(draft));
  return loadScenario(file);
}

describe('the explorer’s scenarios', () => {
  it('builds the same catalogue and world from its inlined data as the CLI from its files', () => {
    expect([...context.catalog.entries()]).toEqual([...loadCatalog().entries()]);
    // The world's index is a closure of its own; the data it indexes is compared instead.
    const data = (w: ReturnType<typeof loadWorld>) => ({ ...w, index: w.ids.map((id) => w.index(id)) });
    expect(data(context.world)).toEqual(data(loadWorld()));
  });

  it('holds every scenario of the library, and reads each from memory to the scenario the CLI reads from disk', () => {
    expect(library.map((f) => f.path)).toContain('scenarios/dismark-history.yaml');
    expect(library.length).toBe(fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).length);
    const files = memoryFiles(new Map(library.map((f) => [f.path, f.text])));
    for (const f of library) expect(canonicalJson(resolveScenario(files, f.path, { context }))).toBe(canonicalJson(loadScenario(path.join(ROOT, f.path))));
  });

  it('flattens every library scenario into a draft whose exported file the CLI resolves to the same scenario', () => {
    for (const f of library) {
      const draft = draftFromLibrary(library, f.path, context);
      expect(draftYaml(draft)).not.toMatch(/^extends:/m);
      expect(canonicalJson(loadExported(draft)), f.path).toBe(canonicalJson(loadScenario(path.join(ROOT, f.path))));
    }
  });

  it('keeps a whole-country target as a country, and inherited policies minus those a file goes without', () => {
    const history = draftFromLibrary(library, 'scenarios/dismark-history.yaml', context);
    expect(history.policies.find((p) => p.label === 'grow-shop-law')?.target).toBe('BE');
    expect(history.policies.find((p) => p.label === 'undermining')?.target).toBe('districts');
    const without = draftFromLibrary(library, 'scenarios/history-without-i-criterion.yaml', context);
    expect(without.policies.some((p) => p.type === 'i-criterion')).toBe(false);
    expect(without.policies.length).toBe(history.policies.length - history.policies.filter((p) => p.type === 'i-criterion').length);
  });

  it('checks a draft with the CLI’s messages, naming the file it would be exported as', () => {
    const draft = draftFromLibrary(library, 'scenarios/baseline.yaml', context);
    draft.name = 'my-test';
    draft.policies.push({ type: 'i-criterion', label: '', start: '2012-05-01', end: '', target: 'districts', districts: ['be-limburg'], parameters: { share: 1.5 } });
    const checked = checkDraft(library, draft, context);
    expect(checked.scenario).toBeNull();
    // The same file through the CLI: the same problems, word for word, but for the file's name.
    let cli: ScenarioError | undefined;
    try {
      loadExported(draft);
    } catch (err) {
      cli = err as ScenarioError;
    }
    expect(cli).toBeInstanceOf(ScenarioError);
    const strip = (p: { problem: string; expected: string; keyPath?: string; line?: number; suggestion?: string }) => ({ problem: p.problem, expected: p.expected, keyPath: p.keyPath, line: p.line, suggestion: p.suggestion });
    expect(checked.problems.map(strip)).toEqual(cli!.problems.map(strip));
    expect(checked.problems.map((p) => p.file)).toEqual(['scenarios/my-test.yaml', 'scenarios/my-test.yaml']);
    expect(checked.problems.map((p) => p.problem)).toEqual(['i-criterion applies only to NL districts, but "be-limburg" is in BE', '1.5 is outside the range of i-criterion\'s share']);
  });

  it('imports a file that extends a library scenario, and reports an imported file’s problems as the CLI does', () => {
    const draft = draftFromText(library, 'name: child\ndescription: d\nextends: baseline.yaml\nstart: 2010-01-01\nend: 2013-12-31\nanalysis: {before: [2010-01-01, 2010-12-31], after: [2012-01-01, 2013-12-31]}\n', context);
    expect(draft).toMatchObject({ name: 'child', start: '2010-01-01', end: '2013-12-31', policies: [] });
    expect(() => draftFromText(library, 'name: x\ndescription: d\nextends: baseline.yml\n', context)).toThrow('scenarios/imported.yaml:3: extends: no such file "baseline.yml" (looked for scenarios/baseline.yml); expected a path to an existing scenario file, relative to this file. Did you mean "baseline.yaml"?');
    expect(() => draftFromText(library, 'name: [unclosed\n', context)).toThrow(/YAML syntax error/);
  });

  it('compares with the draft less its policy events: same dates, parameters and windows', () => {
    const history = draftFromLibrary(library, 'scenarios/dismark-history.yaml', context);
    const base = checkDraft(library, withoutPolicies(history), context).scenario!;
    const own = checkDraft(library, history, context).scenario!;
    expect(base.policies).toEqual([]);
    expect([base.start, base.end, base.analysis, base.parameters]).toEqual([own.start, own.end, own.analysis, own.parameters]);
  });

  it('offers sliders only for catalogue parameters that are one number', () => {
    for (const p of KEY_PARAMETERS) expect(context.catalog.get(p)?.perDistrict, p).toBe(false);
  });

  it('normalises library paths as a file system would', () => {
    expect(normalisePath('scenarios/../scenarios/./baseline.yaml')).toBe('scenarios/baseline.yaml');
    expect(normalisePath('test/fixtures/scenarios/../../../scenarios/baseline.yaml')).toBe('scenarios/baseline.yaml');
  });
});

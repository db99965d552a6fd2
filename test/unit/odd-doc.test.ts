import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import type { Catalog, ParameterSpec } from '../../sim/params/catalog';
import {
  PARAMETERS_BEGIN,
  PARAMETERS_END,
  parameterSection,
  parameterTableMarkdown,
  replaceParameterTable,
} from '../../sim/params/markdown';
import { INDICATORS } from '../../sim/metrics/indicators';
import { policyRegistry } from '../../sim/policies/registry';

// docs/ODD.md describes the model as implemented. Its parameter table is generated from
// sim/params/parameters.yaml, so it must equal a fresh rendering of the current file.

const DOC_PATH = path.resolve(__dirname, '../../docs/ODD.md');
const DOC = fs.readFileSync(DOC_PATH, 'utf8');
const REGENERATE = 'docs/ODD.md is out of date with sim/params/parameters.yaml: run `npm run docs:params` to regenerate its parameter table';

const ODD_SECTIONS = [
  '## 1. Purpose and patterns',
  '## 2. Entities, state variables and scales',
  '## 3. Process overview and scheduling',
  '## 4. Design concepts',
  '## 5. Initialisation',
  '## 6. Input data',
  '## 7. Submodels',
];

describe('docs/ODD.md', () => {
  it('has every ODD section, in order', () => {
    const lines = DOC.split('\n');
    const at = ODD_SECTIONS.map((heading) => lines.indexOf(heading));
    ODD_SECTIONS.forEach((heading, n) => expect(at[n], `heading "${heading}"`).toBeGreaterThanOrEqual(0));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('names the design concepts', () => {
    for (const concept of ['Basic principles', 'Emergence', 'Adaptation', 'Objectives', 'Learning', 'Prediction', 'Sensing', 'Interaction', 'Stochasticity', 'Collectives', 'Observation']) {
      expect(DOC, `design concept ${concept}`).toContain(`**${concept}.**`);
    }
  });

  it('documents every indicator statement of the study with its id', () => {
    const section = DOC.slice(DOC.indexOf("#### The study's indicators"), DOC.indexOf('### 1.3 '));
    expect(section.length).toBeGreaterThan(0);
    for (const s of INDICATORS) expect(section, s.id).toContain(`| \`${s.id}\` | ${s.statement} |`);
  });

  it('documents every registered policy type', () => {
    for (const type of policyRegistry.keys()) expect(DOC, `policy type ${type}`).toContain(`| \`${type}\` |`);
  });

  it('lists every parameter tuned while looking at the verdicts (source "tuned: <row>")', () => {
    const tuned = [...loadCatalog().values()].filter((spec) => spec.source.startsWith('tuned:'));
    expect(tuned.length).toBeGreaterThan(0);
    const section = DOC.slice(DOC.indexOf('**Tuned while looking at the verdicts.**'), DOC.indexOf(PARAMETERS_BEGIN));
    for (const spec of tuned) expect(section, spec.path).toContain(`\`${spec.path}\``);
  });

  it('holds the parameter table generated from the current parameters file', () => {
    expect(DOC.split(PARAMETERS_BEGIN).length - 1, `exactly one ${PARAMETERS_BEGIN}`).toBe(1);
    expect(DOC.split(PARAMETERS_END).length - 1, `exactly one ${PARAMETERS_END}`).toBe(1);
    const section = parameterSection(DOC);
    expect(section, `${PARAMETERS_BEGIN} … ${PARAMETERS_END} section`).toBeDefined();
    const expected = parameterTableMarkdown(loadCatalog(), loadWorld().ids);
    expect(section!.trim(), REGENERATE).toBe(expected.trim());
  });
});

describe('parameterTableMarkdown', () => {
  const spec = (over: Partial<ParameterSpec> & { path: string }): ParameterSpec => ({
    value: 1,
    perDistrict: false,
    integer: false,
    unit: 'share',
    range: [0, 1],
    source: 'assumption',
    uncertain: false,
    description: '',
    ...over,
  });
  const ids = ['be-antwerpen', 'be-limburg', 'nl-limburg'];

  it('renders one row per parameter with its columns', () => {
    const catalog: Catalog = new Map([
      ['a.b', spec({ path: 'a.b', value: 0.25, range: [-1, 2.5], uncertain: true, description: 'one | two' })],
    ]);
    const lines = parameterTableMarkdown(catalog, ids).split('\n');
    expect(lines[0]).toBe('| parameter | default | unit | range | uncertain | source | description |');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| `a.b` | 0.25 | share | [-1, 2.5] | yes | assumption | one \\| two |');
  });

  it('lists per-district exceptions in district order after the default', () => {
    const catalog: Catalog = new Map([
      ['p', spec({ path: 'p', perDistrict: true, districts: { 'nl-limburg': 2, 'be-limburg': 0.8 } })],
      ['q', spec({ path: 'q', perDistrict: true })],
    ]);
    const rows = parameterTableMarkdown(catalog, ids).split('\n').slice(2);
    expect(rows[0]).toContain('| 1; be-limburg 0.8, nl-limburg 2 |');
    expect(rows[1]).toContain('| 1 (every district) |');
  });

  it('replaces only the text between the markers', () => {
    const doc = `head\n${PARAMETERS_BEGIN}\nold\n${PARAMETERS_END}\ntail\n`;
    const out = replaceParameterTable(doc, '| new |');
    expect(out).toBe(`head\n${PARAMETERS_BEGIN}\n| new |\n${PARAMETERS_END}\ntail\n`);
    expect(parameterSection(out)!.trim()).toBe('| new |');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { designDocument } from '../../sim/sweep/designFile';
import { completeness, sweepManifest } from '../../sim/sweep/finish';
import { planSweep } from '../../sim/sweep/plan';
import { readSweepFile, SWEEP_KEYS } from '../../sim/sweep/schema';
import { DEFAULT_REQUEST, discover } from '../../sim/sweep/discovery/analyse';
import { discoveryJson } from '../../sim/sweep/discovery/files';
import { METHOD_INDICES, NOISE_FACTOR, SENSITIVITY_COLUMNS } from '../../sim/sweep/sensitivity/analyse';
import { DESIGN_TYPES } from '../../sim/sweep/spec';
import { STORE_FORMAT, type StoreHeader } from '../../sim/sweep/store';
import { tableColumns } from '../../sim/sweep/table';

// docs/OUTPUTS.md (the sweep folder) and docs/SWEEPS.md (the sweep file) must name everything the
// code reads and writes.

const ROOT = path.resolve(__dirname, '../..');
const OUTPUTS = fs.readFileSync(path.join(ROOT, 'docs/OUTPUTS.md'), 'utf8');
const SECTION = OUTPUTS.slice(OUTPUTS.indexOf('## The sweep folder'));
const SWEEPS = fs.readFileSync(path.join(ROOT, 'docs/SWEEPS.md'), 'utf8');
/** A table row whose first cell names `name` (alone or among others, e.g. `| `name`, `description` |`). */
const row = (doc: string, name: string) => doc.split('\n').some((l) => l.startsWith('| ') && l.split('|')[1].includes(`\`${name}\``));

describe('docs/OUTPUTS.md, the sweep folder', () => {
  const spec = readSweepFile(path.join(ROOT, 'test/fixtures/sweeps/lhs.yaml'));
  const doc = designDocument(spec, planSweep(spec));

  it('exists', () => expect(SECTION.length).toBeGreaterThan(1000));

  it('documents every fixed table column and every kind of output column', () => {
    const fixed = tableColumns(doc).filter((c) => !doc.factors.some((f) => f.name === c.name) && !doc.outputs.some((o) => o.name === c.name));
    for (const c of fixed) expect(row(SECTION, c.name), c.name).toBe(true);
    for (const kind of ['verdict', 'delta_be', 'delta_nl', 'reference_match', 'displacement', 'dutch_link_be']) expect(row(SECTION, `${kind}_<market>_<echelon>`), kind).toBe(true);
  });

  it('documents every field of design.json, the sweep manifest and the store header', () => {
    for (const field of Object.keys(doc)) expect(row(SECTION, field), `design.json ${field}`).toBe(true);
    const manifest = sweepManifest(doc, [], completeness(doc, []), { gitCommit: null, sweepFile: 'x', finishedAt: '' });
    for (const field of Object.keys(manifest)) expect(row(SECTION, field), `manifest ${field}`).toBe(true);
    const header: StoreHeader = { type: 'header', format: STORE_FORMAT, identity: doc.identity, columns: [], shard: null, createdAt: '' };
    for (const field of Object.keys(header)) expect(row(SECTION, field), `store header ${field}`).toBe(true);
  });

  it('documents every sensitivity column and index', () => {
    for (const c of SENSITIVITY_COLUMNS) expect(row(SECTION, c), c).toBe(true);
    for (const index of [...Object.values(METHOD_INDICES).flat(), 'noise_share']) expect(row(SECTION, index), index).toBe(true);
    expect(SECTION).toContain(`\`${NOISE_FACTOR}\``);
  });
});

describe('docs/OUTPUTS.md, discovery.json', () => {
  it('documents every field, and the sweep folder lists the file', () => {
    const table = [
      ['point', 'scenario', 'replicate', 'seed', 'a', 'status', 'error', 'v'],
      ...Array.from({ length: 20 }, (_, i) => [`p${i}`, 's', '0', String(i), String(i), 'ok', '', i < 10 ? 'none' : 'expansion']),
    ];
    const report = discover({ name: 'd', factors: [{ name: 'a' }], scenarios: ['s'], outputs: [{ name: 'v', type: 'text' }] }, table, { ...DEFAULT_REQUEST, output: 'v', where: 'expansion' });
    const file = JSON.parse(discoveryJson(report));
    const section = SECTION.slice(SECTION.indexOf('### discovery.json'));
    for (const field of Object.keys(file)) expect(row(section, field), `discovery.json ${field}`).toBe(true);
    expect(row(SECTION, 'discovery.json')).toBe(true);
  });
});

describe('docs/SWEEPS.md', () => {
  it('documents scenario discovery and every operator of --where', () => {
    const part = SWEEPS.slice(SWEEPS.indexOf('## Scenario discovery'));
    expect(part.length).toBeGreaterThan(1000);
    for (const op of ['==', '=', '!=', '>=', '>', '<=', '<']) expect(part, op).toContain(`"${op} `);
  });

  it('documents every key of a sweep file and every design', () => {
    for (const key of SWEEP_KEYS) expect(row(SWEEPS, key), key).toBe(true);
    for (const design of DESIGN_TYPES) expect(SWEEPS).toContain(`- \`${design}\`:`);
  });

  // The library's sweep files (the README quotes measurements of the flip-* ones) must stay valid
  // as parameters and scenarios change, and be listed where a reader looks for them.
  const LIBRARY = path.join(ROOT, 'scenarios/sweeps');
  const files = fs.readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml'));

  it('lists every sweep file of scenarios/sweeps, each of which reads without a problem', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(row(SWEEPS, `scenarios/sweeps/${file}`), file).toBe(true);
      expect(() => readSweepFile(path.join(LIBRARY, file)), file).not.toThrow();
    }
  });
});

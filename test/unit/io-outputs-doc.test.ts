import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_ROWS, type AnalysisWindows, type ResolvedScenario, type RowKey } from '../../sim/core';
import { METRICS } from '../../sim/metrics/series';
import { COUNTRY_TOTAL, SERIES_COLUMNS } from '../../sim/metrics/aggregate';
import { SERIES_PARQUET_TYPES } from '../../sim/io/seriesParquet';
import { DEFAULT_RULE, VERDICTS, summarise } from '../../sim/metrics/verdict';
import { buildManifest, seriesMetadata, summaryDocument } from '../../sim/io/results';

// docs/OUTPUTS.md is the contract readers (the report, R/pandas users) rely on: it must name
// everything the writers produce.

const DOC = fs.readFileSync(path.resolve(__dirname, '../../docs/OUTPUTS.md'), 'utf8');
const tableRow = (name: string) => DOC.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));

describe('docs/OUTPUTS.md', () => {
  it('documents every metric with its kind, unit and true/observed', () => {
    for (const m of METRICS) {
      const line = tableRow(m.name);
      expect(line, `metric ${m.name}`).toBeDefined();
      const cells = line!.split('|').map((c) => c.trim());
      expect(cells.slice(2, 5), `metric ${m.name}`).toEqual([m.kind, m.unit, m.observed ? 'observed' : 'true']);
    }
  });

  it('documents every column of the series with its Parquet type, in file order', () => {
    const documentedType = { STRING: 'string', FLOAT: 'float' } as const;
    for (const column of SERIES_COLUMNS) {
      const line = tableRow(column);
      expect(line, `column ${column}`).toBeDefined();
      expect(line!.split('|')[2].trim(), `type of ${column}`).toBe(documentedType[SERIES_PARQUET_TYPES[column]]);
    }
    // and in file order, so the table reads like the header
    const order = SERIES_COLUMNS.map((c) => DOC.indexOf(`| \`${c}\` |`));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('documents the files of a run, the country-total rows and how to read the Parquet file', () => {
    for (const file of ['manifest.json', 'series.parquet', 'series.csv', 'flows.csv', 'summary.json', 'agents.parquet', 'report.html']) expect(tableRow(file), file).toBeDefined();
    expect(COUNTRY_TOTAL).toBe('');
    expect(tableRow('district')).toContain('empty for a country total');
    const scenario: ResolvedScenario = { name: 'x', description: '', start: '2010-01-01', end: '2010-12-31', parameters: {}, policies: [], reference: null, analysis: {} as Record<RowKey, AnalysisWindows> };
    const metadata = seriesMetadata(buildManifest({ scenario, seed: 1, reps: 1, workers: 1, startedAt: '', finishedAt: '' }));
    for (const key of Object.keys(metadata)) expect(DOC).toContain(`\`${key}\``);
    expect(DOC).toContain('read_parquet("results/run/series.parquet")');
    expect(DOC).toContain('pd.read_parquet("results/run/series.parquet")');
  });

  it('documents every verdict class and the default rule', () => {
    for (const v of VERDICTS) expect(tableRow(v), `verdict ${v}`).toBeDefined();
    expect(DOC).toContain(`\`minEffect\` = ${DEFAULT_RULE.minEffect}`);
    expect(DOC).toContain(`\`shiftRatio\` = ${DEFAULT_RULE.shiftRatio}`);
  });

  it('documents every manifest and summary field', () => {
    const windows: AnalysisWindows = { before: ['2010-01-01', '2010-12-31'], after: ['2011-01-01', '2011-12-31'] };
    const analysis = Object.fromEntries(TABLE_ROWS.map((r) => [`${r.market}/${r.echelon}`, windows])) as Record<RowKey, AnalysisWindows>;
    const scenario: ResolvedScenario = { name: 'x', description: '', start: '2010-01-01', end: '2012-01-01', parameters: {}, policies: [], analysis, reference: null };
    const manifest = buildManifest({ scenario, seed: 1, reps: 1, workers: 1, startedAt: '', finishedAt: '' });
    for (const field of Object.keys(manifest)) expect(tableRow(field), `manifest field ${field}`).toBeDefined();

    const months = ['2010-01', '2011-01'];
    const rows = summarise([{ months, keys: [], values: new Float64Array(0), flows: { years: [], districts: [], values: new Float64Array(0) } }], analysis);
    const doc = summaryDocument(rows);
    for (const field of Object.keys(doc)) expect(DOC, `summary field ${field}`).toContain(`"${field}"`);
    for (const field of Object.keys(doc.rule)) expect(DOC, `rule field ${field}`).toContain(`"${field}"`);
    const documented = DOC.split('\n').filter((l) => l.startsWith('| `')).join('\n');
    for (const field of Object.keys(rows[0])) expect(documented, `summary row field ${field}`).toContain(`\`${field}\``);
  });

  it('keeps the report.html placeholder', () => {
    expect(DOC).toMatch(/^## report\.html$/m);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_LABELS, metricLabel, metricOrder, metricUnit, rowLabel, rowOrder } from '../../viz/metrics';

// The report's metric labels restate docs/OUTPUTS.md (the report reads files, not engine code):
// hold them to the documentation so a change there shows up here.

const DOC = fs.readFileSync(path.resolve(__dirname, '../../docs/OUTPUTS.md'), 'utf8');
const documented = DOC.split('\n')
  .filter((l) => /^\| `[a-z_]+` \| (stock|flow) \|/.test(l))
  .map((l) => l.split('|').map((c) => c.trim()))
  .map((c) => ({ name: c[1].replace(/`/g, ''), kind: c[2], unit: c[3], observed: c[4] === 'observed' }));

describe('metric labels', () => {
  it('cover every documented metric with its kind, unit and true/observed', () => {
    expect(documented.length).toBeGreaterThan(10);
    for (const d of documented) {
      const m = METRIC_LABELS.find((x) => x.name === d.name);
      expect(m, d.name).toBeDefined();
      expect({ name: m!.name, kind: m!.kind, unit: m!.unit, observed: m!.observed }).toEqual(d);
    }
    expect(METRIC_LABELS.map((m) => m.name).sort()).toEqual(documented.map((d) => d.name).sort());
  });

  it('say monthly units, and show an unknown metric by its name', () => {
    expect(metricUnit('volume_kg')).toBe('kg per month');
    expect(metricUnit('active_sites')).toBe('sites (monthly mean)');
    expect(metricLabel('new_metric')).toEqual({ name: 'new_metric', label: 'new_metric', kind: 'flow', unit: '', observed: false });
    expect(metricUnit('new_metric')).toBe('per month');
  });

  it('order metrics as documented and rows along the DISMARK table', () => {
    expect(['arrests', 'zzz', 'volume_kg', 'active_sites'].sort(metricOrder)).toEqual(['active_sites', 'volume_kg', 'arrests', 'zzz']);
    expect(['cocaine/retail', 'cannabis/retail', 'cocaine/import', 'cannabis/production'].sort(rowOrder)).toEqual(['cannabis/production', 'cannabis/retail', 'cocaine/import', 'cocaine/retail']);
    expect(rowLabel('cocaine/middle')).toBe('Cocaine middle market');
    expect(rowLabel('synthetic/production')).toBe('Synthetic drugs production');
  });
});

import { describe, expect, it } from 'vitest';
import { simulateReplicate } from '../../sim/engine/simulate';
import { loadWorld } from '../../sim/io/worldData';
import { summarise } from '../../sim/metrics/verdict';
import { loadScenario } from '../../sim/scenario';
import { runOutputs } from '../../sim/metrics/runOutputs';
import { ALL_ROWS, outputColumns } from '../../sim/sweep/outputs';

// A sweep run's outputs are the one-run values of what summary.json reports: the same rule, the
// same deltas, the same Dutch link.

const scenario = loadScenario('test/fixtures/scenarios/short.yaml');
const series = simulateReplicate(scenario, loadWorld(), 5, 0).series;
const spec = { verdicts: [...ALL_ROWS], displacement: [...ALL_ROWS], dutchLink: [...ALL_ROWS], aggregates: [] };
const columns = outputColumns(spec, false);
const values = Object.fromEntries(columns.map((c, i) => [c.name, runOutputs(series, scenario, columns, spec.aggregates)[i]]));

describe('sweep run outputs', () => {
  it('name a verdict by each rule, the moved share, ΔBE, ΔNL, D and Dutch-link column per row, in that order of kinds', () => {
    expect(columns.map((c) => c.name).filter((n) => n.endsWith('cannabis_retail'))).toEqual([
      'verdict_cannabis_retail', 'volume_verdict_cannabis_retail', 'moved_share_cannabis_retail', 'delta_be_cannabis_retail', 'delta_nl_cannabis_retail', 'displacement_cannabis_retail', 'dutch_link_be_cannabis_retail',
    ]);
  });

  it('equal the verdict rows of summary.json for one run', () => {
    for (const r of summarise([series], scenario.analysis)) {
      const slug = `${r.market}_${r.echelon}`;
      expect(values[`verdict_${slug}`], slug).toBe(r.verdict);
      expect(r.verdictRule, slug).toBe('actors');
      expect(values[`volume_verdict_${slug}`], slug).toBe(r.marketVolume.verdict);
      expect(values[`moved_share_${slug}`], slug).toBe(r.carriers!.movedShare);
      expect(values[`delta_be_${slug}`], slug).toBe(r.deltaBE);
      expect(values[`delta_nl_${slug}`], slug).toBe(r.deltaNL);
      expect(values[`displacement_${slug}`], slug).toBe(r.displacementRatio);
      expect(values[`dutch_link_be_${slug}`], slug).toBe(r.dutchLinkBE[1]);
    }
    expect(values.dutch_link_be_cannabis_production).toBeGreaterThan(0);
  });
});

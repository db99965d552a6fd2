import type { DesignModule } from './design';
import { singleRowGroups } from './design';

// Points chosen by the code that runs the sweep, given as unit coordinates: a calibration wave's
// Latin hypercube over what is not yet ruled out, or its ABC sample (sim/calibrate). A sweep file
// cannot name this design; the points are in design.json's rows like any other design's.

export const points: DesignModule = {
  type: 'points',
  description: 'points given by the caller (a calibration stage)',
  samples: null,
  build(domains, spec) {
    const unit = spec.unit;
    if (!unit || unit.length === 0) throw new Error('points design: no points given');
    for (const row of unit) {
      if (row.length !== domains.length || row.some((u) => !(u >= 0 && u <= 1))) throw new Error(`points design: a row is not ${domains.length} unit coordinates in [0, 1]`);
    }
    return { type: 'points', unit: unit.map((row) => row.slice()), groups: singleRowGroups(unit.length), structure: { kind: 'plain' } };
  },
};

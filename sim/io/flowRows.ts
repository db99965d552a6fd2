import { meanFlows, type MeanFlow } from '../metrics/flows';
import type { ReplicateSeries } from '../metrics/series';
import { roundSignificant } from './numbers';

// The rows of flows.csv as the file holds them: meanFlows with value, lo and hi at the 6 significant
// digits the file writes. Pure, so the writer can hand them to the report it builds next (no
// reading back) and the explorer's report draws the same rows as the CLI's.

/** flows.csv's rows, in file order, with the numbers the file holds (reading the file back gives the same). */
export function storedFlows(replicates: readonly ReplicateSeries[]): MeanFlow[] {
  const flows = meanFlows(replicates);
  for (const f of flows) {
    f.value = roundSignificant(f.value);
    f.lo = roundSignificant(f.lo);
    f.hi = roundSignificant(f.hi);
  }
  return flows;
}

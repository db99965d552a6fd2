import { MARKET_ECHELONS } from '../core/types';
import { meanInterval } from './replicates';
import type { ReplicateSeries } from './series';

// Relocations between districts over replicates: what flows.csv holds (sim/io/results.ts) and the
// explorer draws as arrows.

export interface MeanFlow {
  year: string;
  market: string;
  echelon: string;
  from: string;
  to: string;
  fromCountry: string;
  toCountry: string;
  /** mean over replicates of the actors that moved, and its 95% interval */
  value: number;
  lo: number;
  hi: number;
}

/**
 * Actors that moved from one district to another, per year and market × echelon, in flows.csv's
 * order; pairs and years with no move in any replicate are left out.
 */
export function meanFlows(replicates: readonly ReplicateSeries[]): MeanFlow[] {
  const { years, districts } = replicates[0].flows;
  const K = districts.length;
  const Y = years.length;
  const yearText = years.map(String);
  const country = districts.map((id) => id.slice(0, 2).toUpperCase());
  const sample = new Float64Array(replicates.length);
  const perReplicate = replicates.map((r) => r.flows.values);
  const out: MeanFlow[] = [];
  for (const [row, { market, echelon }] of MARKET_ECHELONS.entries()) {
    for (let from = 0; from < K; from++) {
      for (let to = 0; to < K; to++) {
        const base = ((row * K + from) * K + to) * Y;
        for (let y = 0; y < Y; y++) {
          let any = false;
          for (let r = 0; r < perReplicate.length; r++) if ((sample[r] = perReplicate[r][base + y]) !== 0) any = true;
          if (!any) continue;
          const { mean, lo, hi } = meanInterval(sample);
          out.push({ year: yearText[y], market, echelon, from: districts[from], to: districts[to], fromCountry: country[from], toCountry: country[to], value: mean, lo, hi });
        }
      }
    }
  }
  return out;
}

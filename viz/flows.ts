// Relocation arrows from the documented data. series.csv has, per district, how many actors moved
// in (`relocations_in`) and out (`relocations_out`), but not where each came from or went to. The
// report therefore draws *net* flows: districts that lost actors on balance send to districts that
// gained on balance, in proportion to each one's share of the losses and of the gains. This is the
// simplest allocation consistent with the margins; it is not the true origin–destination pattern
// (which would need a new documented output, e.g. a flows.csv of origin, destination and count).

export interface Flow {
  from: string;
  to: string;
  /** net sites moved from `from` to `to` in the period (estimated, see above) */
  sites: number;
}

export interface PeriodFlows {
  /** gross relocations: the sum of all districts' moves in */
  gross: number;
  /** net relocations: what the districts that gained took in on balance */
  net: number;
  flows: Flow[];
}

/**
 * Net flows of one period from each district's moves in and out (both maps keyed by district).
 * Pairs smaller than `minShare` of the net total are left out (they would be hair-thin arrows),
 * and at most `maxFlows` of the largest are kept.
 */
export function netFlows(moveIn: ReadonlyMap<string, number>, moveOut: ReadonlyMap<string, number>, minShare = 0.02, maxFlows = 20): PeriodFlows {
  const districts = [...new Set([...moveIn.keys(), ...moveOut.keys()])].sort();
  const losers: [string, number][] = [];
  const gainers: [string, number][] = [];
  let gross = 0;
  for (const d of districts) {
    const into = moveIn.get(d) ?? 0;
    gross += into;
    const net = into - (moveOut.get(d) ?? 0);
    if (net < 0) losers.push([d, -net]);
    else if (net > 0) gainers.push([d, net]);
  }
  const lost = losers.reduce((s, [, x]) => s + x, 0);
  const gained = gainers.reduce((s, [, x]) => s + x, 0);
  // In the model every move stays within the 22 districts, so losses and gains balance; rounding in
  // series.csv can leave them a little apart, and the smaller of the two is what certainly moved.
  const net = Math.min(lost, gained);
  const flows: Flow[] = [];
  if (net > 0) {
    for (const [from, loss] of losers) {
      for (const [to, gain] of gainers) {
        const sites = net * (loss / lost) * (gain / gained);
        if (sites >= minShare * net) flows.push({ from, to, sites });
      }
    }
  }
  flows.sort((a, b) => b.sites - a.sites || (a.from + a.to < b.from + b.to ? -1 : 1));
  return { gross, net, flows: flows.slice(0, maxFlows) };
}

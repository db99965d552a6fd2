import { monthNumber } from './months';
import type { PolicyEventRecord } from './inputs';

// The scenario's policies as marks on the time charts: a numbered vertical line at the start (the
// number keys into a list under the charts, so long labels never overlap on a small panel), a light
// span until the end, and a short "where" for the list.

export interface DistrictInfo {
  name: string;
  country: string;
}

export interface EventMark {
  /** 1-based number shown on the charts */
  n: number;
  label: string;
  type: string;
  start: string;
  end: string | null;
  /** month index of the start and end within the run, clamped to it (null end: runs to the end) */
  from: number;
  to: number | null;
  /** the start lies before the run's first month */
  startsBefore: boolean;
  where: string;
  districts: string[];
  /** stacking row of the number badge, so badges of events close in time do not overlap */
  lane: number;
}

const COUNTRY_NAMES: Record<string, string> = { BE: 'Belgium', NL: 'the Netherlands' };

/** "all of Belgium", "Antwerpen and Limburg", "Antwerpen, Limburg, Leuven and 2 more districts". */
export function describeDistricts(ids: readonly string[], districts: ReadonlyMap<string, DistrictInfo>): string {
  if (ids.length === 0) return 'no district';
  const chosen = new Set(ids);
  const whole: string[] = [];
  const rest: string[] = [];
  for (const country of ['BE', 'NL']) {
    const all = [...districts].filter(([, d]) => d.country === country).map(([id]) => id);
    if (all.length > 0 && all.every((id) => chosen.has(id))) {
      whole.push(`all of ${COUNTRY_NAMES[country]}`);
      all.forEach((id) => chosen.delete(id));
    }
  }
  // Both countries have a Limburg: a name shared across countries gets its country.
  const label = (id: string) => {
    const d = districts.get(id);
    if (!d) return id;
    const shared = [...districts.values()].some((o) => o !== d && o.name === d.name);
    return shared ? `${d.name} (${d.country})` : d.name;
  };
  for (const id of ids) if (chosen.has(id)) rest.push(label(id));
  const parts = [...whole, ...(rest.length > 3 ? [...rest.slice(0, 3), `${rest.length - 3} more district${rest.length - 3 > 1 ? 's' : ''}`] : rest)];
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Greedy lanes: each start goes in the lowest lane whose last start is at least `minGap` earlier. */
export function assignLanes(starts: readonly number[], minGap: number): number[] {
  const order = starts.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(starts.length).fill(0);
  for (const [s, i] of order) {
    let lane = laneEnds.findIndex((last) => s - last >= minGap);
    if (lane < 0) lane = laneEnds.push(s) - 1;
    else laneEnds[lane] = s;
    lanes[i] = lane;
  }
  return lanes;
}

/**
 * Marks for the policies of a run that spans `months` (YYYY-MM, consecutive). Events wholly
 * outside the run are left out. Numbers follow start date, then the scenario's order.
 */
export function eventMarks(policies: readonly PolicyEventRecord[], districts: ReadonlyMap<string, DistrictInfo>, months: readonly string[]): EventMark[] {
  if (months.length === 0) return [];
  const first = monthNumber(months[0]);
  const last = monthNumber(months[months.length - 1]);
  const inRun = policies
    .map((p, order) => ({ p, order, s: monthNumber(p.start), e: p.end ? monthNumber(p.end) : null }))
    .filter(({ s, e }) => s <= last && (e === null || e >= first))
    .sort((a, b) => a.s - b.s || a.order - b.order);
  // Badges closer than ~4% of the run would touch on a panel of a few hundred pixels.
  const lanes = assignLanes(inRun.map(({ s }) => Math.max(s, first)), Math.max(1, Math.round((last - first + 1) * 0.04)));
  return inRun.map(({ p, s, e }, i) => ({
    n: i + 1,
    label: p.label && p.label.trim() !== '' ? p.label : p.type,
    type: p.type,
    start: p.start,
    end: p.end ?? null,
    from: Math.max(s, first) - first,
    to: e === null || e > last ? null : e - first,
    startsBefore: s < first,
    where: describeDistricts(p.districts, districts),
    districts: [...p.districts],
    lane: lanes[i],
  }));
}

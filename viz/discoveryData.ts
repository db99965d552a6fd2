// A sweep folder's discovery.json (`waterbed discover`, docs/OUTPUTS.md) as the sweep report shows it:
// the peeling trajectory for the coverage–density chart, the chosen box's limits with their
// quasi-p-values, and the CART tree. The type restates the file's contract rather than importing
// the simulator's, so the report depends on the file alone; numbers are rounded for the page.

interface LimitRecord {
  factor: string;
  lower: number | null;
  upper: number | null;
}

interface BoxRecord {
  box: number;
  runs: number;
  cases: number;
  coverage: number;
  density: number;
  mass: number;
  limits: LimitRecord[];
  move: { kind: string; factor: string; side: string } | null;
}

interface TreeRecord {
  runs: number;
  cases: number;
  density: number;
  split: { factor: string; value: number } | null;
  below: TreeRecord | null;
  above: TreeRecord | null;
}

export interface DiscoveryRecord {
  scenario: string;
  output: string;
  where: string;
  condition: string;
  runs: { scenario: number; used: number; failed: number; missing: number };
  cases: number;
  baseRate: number;
  factors: { name: string; min: number; max: number }[];
  options: { peelAlpha: number; pasteAlpha: number; massMin: number; threshold: number };
  trajectory: BoxRecord[];
  chosen: { box: number; by: string; meetsThreshold: boolean; pastes: BoxRecord[] };
  box: {
    runs: number;
    cases: number;
    coverage: number;
    density: number;
    mass: number;
    limits: (LimitRecord & { min: number; max: number; qpLower: number | null; qpUpper: number | null })[];
  };
  cart: { maxDepth: number; minLeafMass: number; tree: TreeRecord };
}

export type DiscoveryView = DiscoveryRecord;

const round = (x: number | null, digits = 4): number | null => (x === null || x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits)));
const r = (x: number) => round(x) as number;

function roundBox(b: BoxRecord): BoxRecord {
  return {
    ...b,
    coverage: r(b.coverage),
    density: r(b.density),
    mass: r(b.mass),
    limits: b.limits.map((l) => ({ factor: l.factor, lower: round(l.lower), upper: round(l.upper) })),
  };
}

function roundTree(t: TreeRecord): TreeRecord {
  return {
    runs: t.runs,
    cases: t.cases,
    density: r(t.density),
    split: t.split && { factor: t.split.factor, value: r(t.split.value) },
    below: t.below && roundTree(t.below),
    above: t.above && roundTree(t.above),
  };
}

/** The discovery for the page; null when the file is not a discovery (the part then says how to make one). */
export function discoveryView(d: DiscoveryRecord | null): DiscoveryView | null {
  if (!d || !Array.isArray(d.trajectory) || !d.box || !Array.isArray(d.box.limits) || !d.chosen) return null;
  return {
    ...d,
    baseRate: r(d.baseRate),
    factors: d.factors.map((f) => ({ name: f.name, min: r(f.min), max: r(f.max) })),
    trajectory: d.trajectory.map(roundBox),
    chosen: { ...d.chosen, pastes: d.chosen.pastes.map(roundBox) },
    box: {
      ...d.box,
      coverage: r(d.box.coverage),
      density: r(d.box.density),
      mass: r(d.box.mass),
      // quasi-p-values keep 2 digits: they span many orders of magnitude
      limits: d.box.limits.map((l) => ({ ...l, lower: round(l.lower), upper: round(l.upper), min: r(l.min), max: r(l.max), qpLower: round(l.qpLower, 2), qpUpper: round(l.qpUpper, 2) })),
    },
    cart: { ...d.cart, tree: roundTree(d.cart.tree) },
  };
}

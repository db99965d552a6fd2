import type { PrimData } from './prim';

// A classification tree (CART: Breiman et al. 1984, Gini impurity) of the same runs and cases, as a
// cross-check of PRIM's box: where the tree's purest leaves and PRIM's box name the same factors and
// similar limits, the box is not an artefact of peeling. Kept shallow, with large leaves, so it reads
// like a box: depth at most 3, no leaf smaller than PRIM's minimum mass, no split that lowers the
// impurity by less than 0.01.
//
// Written here rather than taken from ml-cart, which proposes a threshold only where two neighbours
// in a sort by the factor differ in class: between two levels of a grid factor whose neighbouring
// runs happen to agree it finds no split (a grid sweep's tree stopped at the root). Here every
// midpoint between two distinct values is a candidate, found in one pass over the sorted runs.

export interface CartNode {
  runs: number;
  cases: number;
  /** the share of the node's runs that are cases */
  density: number;
  /** the factor (index) and value split on; null on a leaf */
  split: { factor: number; value: number } | null;
  /** the runs with the factor below the value */
  below: CartNode | null;
  /** the runs with the factor at or above it */
  above: CartNode | null;
}

export interface CartOptions {
  maxDepth: number;
  /** the smallest share of all runs a leaf may hold */
  minLeafMass: number;
  /** the smallest decrease of the Gini impurity (weighted by the node's share of the runs) a split must bring */
  minGain: number;
}

export const CART_DEFAULTS: CartOptions = { maxDepth: 3, minLeafMass: 0.05, minGain: 0.01 };

const gini = (runs: number, cases: number) => (runs === 0 ? 0 : 2 * (cases / runs) * (1 - cases / runs));

export function cartTree(data: PrimData, options: CartOptions = CART_DEFAULTS): CartNode {
  const n = data.y.length;
  const minLeaf = Math.max(1, Math.ceil(options.minLeafMass * n));
  const grow = (runs: Int32Array, depth: number): CartNode => {
    let cases = 0;
    for (const i of runs) cases += data.y[i];
    const node: CartNode = { runs: runs.length, cases, density: runs.length ? cases / runs.length : 0, split: null, below: null, above: null };
    if (depth >= options.maxDepth || runs.length < 2 * minLeaf || cases === 0 || cases === runs.length) return node;
    const parent = gini(runs.length, cases);
    let best = { factor: -1, value: NaN, gain: -Infinity };
    for (let j = 0; j < data.x.length; j++) {
      const col = data.x[j];
      const order = Array.from(runs).sort((a, b) => col[a] - col[b]);
      let leftCases = 0;
      for (let k = 1; k < order.length; k++) {
        leftCases += data.y[order[k - 1]];
        const lo = col[order[k - 1]];
        const hi = col[order[k]];
        if (lo === hi || k < minLeaf || order.length - k < minLeaf) continue;
        const impurity = (k * gini(k, leftCases) + (order.length - k) * gini(order.length - k, cases - leftCases)) / order.length;
        // the decrease of impurity weighted by the node's share of all runs, as CART's pruning weighs it
        const gain = ((parent - impurity) * runs.length) / n;
        // ties: the first factor, the first threshold
        if (gain > best.gain) best = { factor: j, value: (lo + hi) / 2, gain };
      }
    }
    if (best.factor < 0 || !(best.gain >= options.minGain)) return node;
    const { factor, value } = best;
    const col = data.x[factor];
    node.split = { factor, value };
    node.below = grow(runs.filter((i) => col[i] < value), depth + 1);
    node.above = grow(runs.filter((i) => col[i] >= value), depth + 1);
    return node;
  };
  return grow(Int32Array.from({ length: n }, (_, i) => i), 0);
}

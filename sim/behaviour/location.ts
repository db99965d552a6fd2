import type { World } from '../world/world';
import { chooseLogitKeyed, type ChoiceDraw } from './choice';
import type { RiskMemory } from './risk';

// Where an actor goes: a logit choice over districts of
//   attractiveness (kind-specific: profit, costs, supply and market access)
//   − risk weight × stake × perceived risk (news + bias + own raids + contacts' raids)
//   − distance from the organisation's home base − a penalty for the foreign country
//   + a bonus for staying (moving costs, local ties).

export interface LocationTerms {
  /** attractiveness per origin × district: attract[origin * K + k] */
  attract: Float64Array;
  riskWeight: number;
  kmWeightPer100: number;
  foreignPenalty: number;
  stayBonus: number;
}

/** What the choice reads of a kind's actors (sim/agents/population.ts), by slot. */
export interface LocatedActors {
  district: Uint8Array;
  /** 0 = BE, 1 = NL */
  origin: Uint8Array;
  organisation: Int32Array;
  /** own raids, per district */
  risk: RiskMemory;
}

/** What the choice reads of their organisations (sim/agents/organisations.ts). */
export interface Organisers {
  home: Uint8Array;
  /** contacts' raids, per district */
  risk: RiskMemory;
}

export interface RiskView {
  /** news-based yearly raid probability per district of this market (offset into a market × district array) */
  publicRisk: Float64Array;
  publicOffset: number;
  /** additive belief bias per actor origin × district country: bias[origin * 2 + country] */
  bias: Float64Array;
}

const scratchUtility = new Float64Array(64);

export function perceivedRisk(pop: LocatedActors, orgs: Organisers, view: RiskView, world: World, i: number, k: number): number {
  const r =
    view.publicRisk[view.publicOffset + k] +
    view.bias[pop.origin[i] * 2 + world.country[k]] +
    pop.risk.get(i, k) +
    orgs.risk.get(pop.organisation[i], k);
  return r < 0 ? 0 : r > 1 ? 1 : r;
}

export function chooseLocation(
  pop: LocatedActors,
  orgs: Organisers,
  i: number,
  stake: number,
  terms: LocationTerms,
  view: RiskView,
  world: World,
  draw: ChoiceDraw,
): number {
  const K = world.size;
  const origin = pop.origin[i];
  const home = orgs.home[pop.organisation[i]];
  const current = pop.district[i];
  const riskScale = terms.riskWeight * stake;
  for (let k = 0; k < K; k++) {
    let utility = terms.attract[origin * K + k] - riskScale * perceivedRisk(pop, orgs, view, world, i, k);
    utility -= terms.kmWeightPer100 * world.distanceKm[home * K + k] * 0.01;
    if (world.country[k] !== origin) utility -= terms.foreignPenalty;
    if (k === current) utility += terms.stayBonus;
    scratchUtility[k] = utility;
  }
  return chooseLogitKeyed(scratchUtility, K, 1, draw);
}

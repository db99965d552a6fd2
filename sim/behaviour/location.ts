import type { World } from '../world/world';
import { chooseLogitKeyed, chooseLogitKeyedBounded, type ChoiceDraw, type DearUtilities } from './choice';
import { EXP_BRACKET_BOTTOM, expBracket } from '../core/math';
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

/** The location utility of district k for actor i (see the top of this file), from its home and its district now. */
function locationUtility(pop: LocatedActors, orgs: Organisers, i: number, riskScale: number, terms: LocationTerms, view: RiskView, world: World, home: number, k: number): number {
  const K = world.size;
  const origin = pop.origin[i];
  let utility = terms.attract[origin * K + k] - riskScale * perceivedRisk(pop, orgs, view, world, i, k);
  utility -= terms.kmWeightPer100 * world.distanceKm[home * K + k] * 0.01;
  if (world.country[k] !== origin) utility -= terms.foreignPenalty;
  if (k === pop.district[i]) utility += terms.stayBonus;
  return utility;
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
  const home = orgs.home[pop.organisation[i]];
  const riskScale = terms.riskWeight * stake;
  for (let k = 0; k < K; k++) scratchUtility[k] = locationUtility(pop, orgs, i, riskScale, terms, view, world, home, k);
  return chooseLogitKeyed(scratchUtility, K, 1, draw);
}

/**
 * chooseLocation for one kind's terms, working out the utilities of only the districts that may win
 * (chooseLogitKeyedBounded): risk only lowers a utility, so a district's utility without risk is a
 * ceiling of it, and e^(−ceiling) a floor of its cost, kept for every origin, home and district. Most
 * of a location choice's time was the 22 districts' risks; most choices now work out one to four.
 * The terms are read as they are at construction (a kind's do not change).
 */
export class LocationChooser implements DearUtilities {
  /** per origin × home × district: a floor of e^(−utility) with no risk and no stay bonus */
  private readonly floorCost: Float64Array;
  /** the same, for staying in a district: with the stay bonus, per origin × home × district */
  private readonly stayFloorCost: Float64Array;
  private readonly floor = new Float64Array(64);
  // the actor being placed (set by `choose` for `utility`)
  private pop!: LocatedActors;
  private orgs!: Organisers;
  private view!: RiskView;
  private i = 0;
  private riskScale = 0;
  private home = 0;

  constructor(
    private readonly terms: LocationTerms,
    private readonly world: World,
  ) {
    const K = world.size;
    this.floorCost = new Float64Array(2 * K * K);
    this.stayFloorCost = new Float64Array(2 * K * K);
    for (let origin = 0; origin < 2; origin++) {
      for (let home = 0; home < K; home++) {
        for (let k = 0; k < K; k++) {
          // locationUtility's sums, with no risk (riskScale × 0 = 0: the attractiveness as it is)
          let ceiling = terms.attract[origin * K + k];
          ceiling -= terms.kmWeightPer100 * world.distanceKm[home * K + k] * 0.01;
          if (world.country[k] !== origin) ceiling -= terms.foreignPenalty;
          const at = (origin * K + home) * K + k;
          this.floorCost[at] = expBracket(-ceiling) * EXP_BRACKET_BOTTOM;
          this.stayFloorCost[at] = expBracket(-(ceiling + terms.stayBonus)) * EXP_BRACKET_BOTTOM;
        }
      }
    }
  }

  /** The district chooseLocation would pick for actor i, with these terms and world. */
  choose(pop: LocatedActors, orgs: Organisers, i: number, stake: number, view: RiskView, draw: ChoiceDraw): number {
    const K = this.world.size;
    const riskScale = this.terms.riskWeight * stake;
    // (a negative weight of risk would raise utilities above their ceilings)
    if (!(riskScale >= 0)) return chooseLocation(pop, orgs, i, stake, this.terms, view, this.world, draw);
    this.pop = pop;
    this.orgs = orgs;
    this.view = view;
    this.i = i;
    this.riskScale = riskScale;
    this.home = orgs.home[pop.organisation[i]];
    const row = (pop.origin[i] * K + this.home) * K;
    const current = pop.district[i];
    for (let k = 0; k < K; k++) this.floor[k] = k === current ? this.stayFloorCost[row + k] : this.floorCost[row + k];
    return chooseLogitKeyedBounded(this.floor, K, 1, draw, this);
  }

  utility(k: number): number {
    return locationUtility(this.pop, this.orgs, this.i, this.riskScale, this.terms, this.view, this.world, this.home, k);
  }
}

import { MARKETS } from '../core/types';
import { COUNTRIES } from '../world/world';

// Policy levers: what policies can move. The policy phase resets them to neutral every tick and
// lets each active event act on them; the rest of the model only reads them. A new policy type
// therefore needs no change in the engine, only a module that moves levers.

export class Levers {
  readonly districts: number;
  /** multiplier on police capacity, per district */
  readonly capacity: Float64Array;
  /** multiplier on detection effort, per market × district (index m * K + k) */
  readonly detection: Float64Array;
  /** short-blow intensity (quick interventions per week per 100,000 inhabitants), per market × district */
  readonly shortBlows: Float64Array;
  /** multiplier on the rate of in-depth investigations, per market × district */
  readonly investigations: Float64Array;
  /** administrative pressure (closing premises), added hazard factor, per market × district */
  readonly administrative: Float64Array;
  /** share of coffee shops open to non-residents, per district */
  readonly coffeeShopAccess: Float64Array;
  /** multiplier on inspections of incoming cocaine at the district's ports */
  readonly portInspection: Float64Array;
  /** multiplier on how often police find mail vendors posting from the district (customs checks of outgoing post) */
  readonly postInspection: Float64Array;
  /** how easily growth material is bought in a country (1 = freely), per country BE, NL */
  readonly growShopAccess: Float64Array;
  /** multiplier on the risk of acquiring (pre-)precursors in a country, per country */
  readonly precursorRisk: Float64Array;
  /** share of the sites police dismantle that their statistics record, per market × district (recording practice) */
  readonly registered: Float64Array;
  /** 0..1: how much detection of actors with cross-border links rises on both sides */
  crossBorderCooperation = 0;

  constructor(districts: number) {
    const mk = MARKETS.length * districts;
    this.districts = districts;
    this.capacity = new Float64Array(districts);
    this.detection = new Float64Array(mk);
    this.shortBlows = new Float64Array(mk);
    this.investigations = new Float64Array(mk);
    this.administrative = new Float64Array(mk);
    this.coffeeShopAccess = new Float64Array(districts);
    this.portInspection = new Float64Array(districts);
    this.postInspection = new Float64Array(districts);
    this.growShopAccess = new Float64Array(COUNTRIES.length);
    this.precursorRisk = new Float64Array(COUNTRIES.length);
    this.registered = new Float64Array(mk);
    this.reset();
  }

  reset(): void {
    this.capacity.fill(1);
    this.detection.fill(1);
    this.shortBlows.fill(0);
    this.investigations.fill(1);
    this.administrative.fill(0);
    this.coffeeShopAccess.fill(1);
    this.portInspection.fill(1);
    this.postInspection.fill(1);
    this.growShopAccess.fill(1);
    this.precursorRisk.fill(1);
    this.registered.fill(1);
    this.crossBorderCooperation = 0;
  }
}

import { MARKETS } from '../core/types';
import type { ParameterReader } from '../params/read';
import type { Levers } from '../policies/levers';
import { effortPerSite } from '../behaviour/risk';
import type { World } from '../world/world';

// Police and justice per district (not agents). Each market gets a share of the district's capacity
// by priority; that effort finds sites at a rate that saturates with the workload (finite capacity,
// Holling type II). Short blows add quick interventions against the bottom of a chain. Raids give
// leads; a lead becomes an in-depth investigation when the district has an investigation slot free,
// and after its duration the organisation is taken down.

const M = MARKETS.length;

export class Enforcement {
  /** detections per week the police of district k can make on market m, before saturation */
  readonly effort: Float64Array;
  /** weekly hazard rate per unit of visibility for a site of market m in district k */
  readonly ratePerVisibility: Float64Array;
  /**
   * effort relative to an average district (capacity × priority share × levers), for what police
   * find without a workload of sites: dump sites, shipments at the border
   */
  readonly relativeEffort: Float64Array;
  /** extra rate from short blows for bottom-of-chain actors */
  readonly shortBlowRate: Float64Array;
  /** visibility-weighted sites counted during the last tick, and being counted this tick */
  readonly load: Float64Array;
  readonly loadNext: Float64Array;
  readonly bottomLoad: Float64Array;
  readonly bottomLoadNext: Float64Array;
  /** in-depth investigations under way, per market × district */
  readonly openInvestigations: Int32Array;
  /** investigation slots per market × district this tick */
  readonly investigationSlots: Float64Array;

  private readonly capacity: Float64Array;
  private readonly priority: Float64Array;
  private readonly populationUnits: Float64Array;
  private readonly effortPer100k: Float64Array;
  private readonly halfSaturationPer100k: Float64Array;
  private readonly slotsPer100k: Float64Array;
  readonly crossBorderBoost: number;
  private readonly shortBlowCost: number;
  private readonly shortBlowHalfShare: number;

  constructor(private readonly world: World, p: ParameterReader) {
    const K = world.size;
    this.effort = new Float64Array(M * K);
    this.ratePerVisibility = new Float64Array(M * K);
    this.shortBlowRate = new Float64Array(M * K);
    this.relativeEffort = new Float64Array(M * K);
    this.load = new Float64Array(M * K);
    this.loadNext = new Float64Array(M * K);
    this.bottomLoad = new Float64Array(M * K);
    this.bottomLoadNext = new Float64Array(M * K);
    this.openInvestigations = new Int32Array(M * K);
    this.investigationSlots = new Float64Array(M * K);
    this.capacity = p.perDistrict('enforcement.capacity');
    this.priority = new Float64Array(M * K);
    MARKETS.forEach((m, mi) => this.priority.set(p.perDistrict(`enforcement.priority.${m}`), mi * K));
    this.populationUnits = world.population.map((n) => n / 100_000);
    this.effortPer100k = p.list('enforcement.findingsPer100kPerWeek', MARKETS);
    this.halfSaturationPer100k = p.list('enforcement.halfSaturationSitesPer100k', MARKETS);
    this.slotsPer100k = p.list('enforcement.investigationSlotsPer100k', MARKETS);
    this.crossBorderBoost = p.num('enforcement.crossBorderDetectionBoost');
    this.shortBlowCost = p.num('enforcement.shortBlowCapacityCost');
    this.shortBlowHalfShare = p.num('enforcement.shortBlowHalfSaturationShare');
  }

  /** Policy levers and last tick's workload set this tick's hazards. */
  update(levers: Levers): void {
    const K = this.world.size;
    this.load.set(this.loadNext);
    this.loadNext.fill(0);
    this.bottomLoad.set(this.bottomLoadNext);
    this.bottomLoadNext.fill(0);
    for (let k = 0; k < K; k++) {
      const cap = this.capacity[k] * levers.capacity[k];
      const units = this.populationUnits[k];
      // Priorities divide one capacity among the markets: raising one lowers the others.
      let prioritySum = 0;
      for (let m = 0; m < M; m++) prioritySum += this.priority[m * K + k];
      for (let m = 0; m < M; m++) {
        const i = m * K + k;
        const share = (M * this.priority[i]) / prioritySum;
        const planned = this.effortPer100k[m] * units * cap * share * levers.detection[i] * (1 + levers.administrative[i]);
        // Short blows and in-depth work compete for the same people: quick interventions take
        // capacity from regular detection and from investigations alike.
        const shortBlows = levers.shortBlows[i] * units;
        const left = planned > 0 ? Math.max(0, 1 - (this.shortBlowCost * shortBlows) / planned) : 0;
        const effort = planned * left;
        const half = this.halfSaturationPer100k[m] * units;
        this.effort[i] = effort;
        this.ratePerVisibility[i] = effortPerSite(effort, this.load[i], half);
        this.relativeEffort[i] = effort / (this.effortPer100k[m] * units);
        this.shortBlowRate[i] = shortBlows / (half * this.shortBlowHalfShare + this.bottomLoad[i]);
        this.investigationSlots[i] = this.slotsPer100k[m] * units * cap * share * levers.investigations[i] * left;
      }
    }
  }

  /** A raid's lead can open an in-depth investigation if a slot is free. */
  tryOpenInvestigation(market: number, district: number): boolean {
    const i = market * this.world.size + district;
    if (this.openInvestigations[i] >= this.investigationSlots[i]) return false;
    this.openInvestigations[i]++;
    return true;
  }

  closeInvestigation(market: number, district: number): void {
    this.openInvestigations[market * this.world.size + district]--;
  }
}

// Perceived risk that an actor learns from its own raids and decays toward a floor without news.
//
// Every actor keeps one value per district: r = floor + excess × scale. Decay toward the floor
// multiplies every excess by the same factor each tick, so instead of touching agents × districts
// values a tick we keep one shared `scale` (lazy decay) and divide new news by it. When the scale
// gets small we fold it back into the stored values once.

const RENORMALISE_BELOW = 1e-6;

export class RiskMemory {
  readonly districts: number;
  readonly excess: Float32Array;
  /**
   * per agent: 1 once it has learned anything since it was cleared. Most agents never have (four in
   * five movers, half their organisations), and their rows are all 0: `get` answers for them without
   * reading a row, which is seldom in the cache when an actor chooses where to go.
   */
  private learned: Uint8Array;
  private scale = 1;

  constructor(
    readonly capacity: number,
    districts: number,
    /** level perceived with no news, per district slot */
    readonly floor: number,
    /** share of the excess kept from one tick to the next */
    readonly keepPerTick: number,
  ) {
    this.districts = districts;
    this.excess = new Float32Array(capacity * districts);
    this.learned = new Uint8Array(capacity);
  }

  get(agent: number, district: number): number {
    // (an agent that has learned nothing has a row of zeros: floor + 0 × scale)
    if (!this.learned[agent]) return this.floor + 0;
    return this.floor + this.excess[agent * this.districts + district] * this.scale;
  }

  /** Own news in one district: r ← r + weight × (1 − r). */
  learn(agent: number, district: number, weight: number): void {
    const i = agent * this.districts + district;
    const r = this.floor + this.excess[i] * this.scale;
    this.excess[i] += (weight * (1 - r)) / this.scale;
    this.learned[agent] = 1;
  }

  /** Forget everything (a new actor in a reused slot). */
  clear(agent: number): void {
    if (!this.learned[agent]) return;
    this.excess.fill(0, agent * this.districts, (agent + 1) * this.districts);
    this.learned[agent] = 0;
  }

  /** One tick passes without news. */
  decay(): void {
    this.scale *= this.keepPerTick;
    if (this.scale < RENORMALISE_BELOW) {
      const e = this.excess;
      for (let i = 0; i < e.length; i++) e[i] *= this.scale;
      this.scale = 1;
    }
  }

  /** A copy with room for more agents (the population grew). */
  widen(capacity: number): RiskMemory {
    const wider = new RiskMemory(capacity, this.districts, this.floor, this.keepPerTick);
    wider.excess.set(this.excess);
    wider.learned.set(this.learned);
    wider.scale = this.scale;
    return wider;
  }

  bytesPerAgent(): number {
    return this.districts * Float32Array.BYTES_PER_ELEMENT;
  }
}

/**
 * Weekly probability that police find a site: a Poisson hazard whose rate grows with the police
 * effort on the site's market and district and with the site's visibility, and falls with care.
 */
export function detectionHazard(effortPerWeek: number, visibility: number, care: number): number {
  return chanceOfRate(detectionRate(effortPerWeek, visibility, care));
}

/**
 * 1 − e^−rate: the chance of at least one event in a week at a weekly rate. Most rates are small,
 * and there the series to the fifth power is within 1e-13 of it and cheaper than expm1 (it is
 * worked out for every class and district of every kind every week).
 */
export function chanceOfRate(rate: number): number {
  if (rate >= 0.01) return -Math.expm1(-rate);
  return rate * (1 - (rate / 2) * (1 - (rate / 3) * (1 - (rate / 4) * (1 - rate / 5))));
}

/** The same as a rate (the weekly hazard): rates of independent ways of being found add up. */
export function detectionRate(effortPerWeek: number, visibility: number, care: number): number {
  const rate = effortPerWeek * visibility * (1 - care);
  return rate <= 0 ? 0 : rate;
}

/**
 * Effort that finite capacity spreads over a workload: detections grow with the number of sites but
 * saturate (Holling type II), so a district with many sites gives each of them a smaller hazard.
 */
export function effortPerSite(effort: number, sites: number, halfSaturation: number): number {
  return effort / (halfSaturation + sites);
}

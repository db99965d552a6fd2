import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// Short blows ('korte klappen'): many quick interventions against the bottom of a chain. They add a
// detection hazard for small sites and street-level sellers, take some capacity from regular
// detection and investigations (enforcement.shortBlowCapacityCost), and leave the organisation
// standing (no in-depth investigation follows from them).
export const shortBlows: PolicyModule = {
  type: 'short-blows',
  description:
    'Adds `intensity` quick interventions per week per 100,000 inhabitants against small sites and sellers of `market` in the targeted districts.',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market targeted: cannabis, synthetic or cocaine' },
    intensity: {
      kind: 'number',
      default: 0.5,
      unit: 'interventions / week / 100,000 inhabitants',
      range: [0, 20],
      description: 'extra quick interventions',
    },
  },
  // Aimed at the bottom of the chain, but they take capacity from all detection of the market.
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    const intensity = event.parameters.intensity as number;
    for (const k of event.districts) levers.shortBlows[m * levers.districts + k] += intensity;
  },
};

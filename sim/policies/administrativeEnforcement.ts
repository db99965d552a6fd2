import { MARKETS } from '../core/types';
import { ALL_ECHELONS, marketIndex, marketsOf, type PolicyModule } from './policy';

// Mayors close premises used for production or sale (the Netherlands ahead; recommended for
// Belgium): pressure outside criminal law that adds to police effort and shuts dealing houses.
export const administrativeEnforcement: PolicyModule = {
  type: 'administrative-enforcement',
  description:
    'Adds `intensity` administrative pressure for `market` (or every market with `all`) in the targeted districts: more sites found and fewer dealing houses open.',
  appliesTo: 'any',
  parameters: {
    market: { kind: 'markets', default: 'all', description: 'market targeted: cannabis, synthetic, cocaine or all' },
    intensity: { kind: 'number', default: 0.5, unit: 'added share of effort', range: [0, 5], description: 'administrative pressure' },
  },
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const market = event.parameters.market as string;
    const markets = market === 'all' ? MARKETS.map((_, m) => m) : [marketIndex(market)];
    const intensity = event.parameters.intensity as number;
    for (const m of markets) for (const k of event.districts) levers.administrative[m * levers.districts + k] += intensity;
  },
};

import { pow } from '../core/math';
import type { PolicyModule } from './policy';

// Customs checks of outgoing post (Dutch customs from about 2016: scanning letters and parcels posted
// to other countries, with the police following the finds back to senders): a mail vendor posting
// from the targeted districts is found `factor` times as often. Checks can grow year by year:
// `changePerYear` compounds the factor with the years the event has run.
export const postChecks: PolicyModule = {
  type: 'post-checks',
  description: 'Multiplies how often police find mail vendors posting from the targeted districts by `factor` × (1 + `changePerYear`)^(years since the start) (customs checks of outgoing post followed back to senders).',
  appliesTo: 'any',
  parameters: {
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [1, 10], description: 'detection multiplier for mail vendors in the first year' },
    changePerYear: { kind: 'number', default: 0, unit: 'share per year', range: [-0.5, 1], description: 'yearly change of the multiplier, compounded' },
  },
  actsOn: () => ({ markets: ['synthetic'], echelons: ['retail'] }),
  apply(levers, event) {
    const factor = (event.parameters.factor as number) * pow(1 + (event.parameters.changePerYear as number), event.yearsActive);
    for (const k of event.districts) levers.postInspection[k] *= factor;
  },
};

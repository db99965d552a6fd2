import type { PolicyModule } from './policy';

// Reporting of suspicious chemical orders (EU rules; the Belgian awareness programme from 2017):
// acquiring (pre-)precursors becomes riskier in the country of the targeted districts.
export const precursorMonitoring: PolicyModule = {
  type: 'precursor-monitoring',
  description: "Multiplies the risk of acquiring precursors in the targeted districts' country by `factor`.",
  appliesTo: 'any',
  parameters: {
    factor: { kind: 'number', default: 2, unit: 'multiplier', range: [1, 10], description: 'precursor acquisition risk multiplier' },
  },
  actsOn: () => ({ markets: ['synthetic'], echelons: ['production'] }),
  apply(levers, event, world) {
    const factor = event.parameters.factor as number;
    const countries = new Set(Array.from(event.districts, (k) => world.country[k]));
    for (const c of countries) levers.precursorRisk[c] *= factor;
  },
};

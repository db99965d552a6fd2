import type { PolicyModule } from './policy';

// Rules against grow shops (Belgian law on preparatory acts from 2014; the Netherlands earlier):
// growth material becomes harder to buy in the country of the targeted districts.
export const growShopRules: PolicyModule = {
  type: 'grow-shop-rules',
  description: "Multiplies how easily growth material is bought in the targeted districts' country by 1 − `strictness`.",
  appliesTo: 'any',
  parameters: {
    strictness: { kind: 'number', default: 0.5, unit: 'share', range: [0, 1], description: 'share of grow-shop supply closed' },
  },
  actsOn: () => ({ markets: ['cannabis'], echelons: ['production'] }),
  apply(levers, event, world) {
    const open = 1 - (event.parameters.strictness as number);
    const countries = new Set(Array.from(event.districts, (k) => world.country[k]));
    for (const c of countries) levers.growShopAccess[c] *= open;
  },
};

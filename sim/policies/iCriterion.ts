import type { PolicyModule } from './policy';

// The Dutch residence criterion: a share of the coffee shops in the targeted districts may not sell
// to non-residents. Events apply in order of start date and the later one sets the share, so a later
// event with a smaller share (or 0) models partial or full lifting by some municipalities.
export const iCriterion: PolicyModule = {
  type: 'i-criterion',
  description:
    'A `share` of the coffee shops in the targeted Dutch districts is closed to non-residents; a later event on the same districts replaces the share (lifting).',
  appliesTo: 'NL',
  parameters: {
    share: { kind: 'number', default: 1, unit: 'share of coffee shops', range: [0, 1], description: 'share closed to non-residents' },
  },
  // Coffee shops are where consumers buy: the residence rule acts on cannabis retail.
  actsOn: () => ({ markets: ['cannabis'], echelons: ['retail'] }),
  apply(levers, event) {
    const open = 1 - (event.parameters.share as number);
    for (const k of event.districts) levers.coffeeShopAccess[k] = open;
  },
};

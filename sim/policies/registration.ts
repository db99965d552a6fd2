import { marketIndex, marketsOf, ALL_ECHELONS, type PolicyModule } from './policy';

// How completely the police's statistics register the sites they dismantle: a change of recording
// practice, not of policing. Belgium's count of cannabis plantations rose 89% from 2006 to 2007,
// "partly a registration improvement at DJSOC/Drugs" (DISMARK; Senate question 5-4458): before it, a
// share of the plantations police dismantled did not reach the national count. Only the recorded
// `dismantled_sites` of the market change: what police do, and the news actors hear of it, do not.
export const registration: PolicyModule = {
  type: 'registration',
  description: "Multiplies the dismantled sites of `market` that police statistics record in the targeted districts by `share` (a recording practice; what police do and actors learn stay the same).",
  appliesTo: 'any',
  parameters: {
    market: { kind: 'market', default: 'cannabis', description: 'market whose dismantled sites are recorded: cannabis, synthetic or cocaine' },
    share: { kind: 'number', default: 0.5, unit: 'share', range: [0, 1], description: 'share of the dismantled sites that reach the statistics' },
  },
  actsOn: (p) => ({ markets: marketsOf(p.market), echelons: ALL_ECHELONS }),
  apply(levers, event) {
    const m = marketIndex(event.parameters.market as string);
    for (const k of event.districts) levers.registered[m * levers.districts + k] *= event.parameters.share as number;
  },
};

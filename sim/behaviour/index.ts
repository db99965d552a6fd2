// How actors decide and learn, independent of any one actor kind: logit choices, the location
// choice, risk memory and the detection hazard, public news, know-how and prices.
export { chooseFirstOfTwo, chooseLogit, firstOfTwoChance, logitProbabilities, pickWeighted } from './choice';
export { Knowhow } from './knowhow';
export { chooseLocation, LocationChooser, perceivedRisk, type LocatedActors, type LocationTerms, type Organisers, type RiskView } from './location';
export { MarketPrices, priceCell } from './market';
export { PublicSignal } from './publicSignal';
export { detectionHazard, effortPerSite, RiskMemory } from './risk';

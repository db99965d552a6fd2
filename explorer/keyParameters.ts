// The model parameters the explorer offers as sliders: the ones a policy question most often turns
// on (how many actors, how strongly they weigh risk and distance when choosing where to work, how
// far buyers travel, how fast cocaine supply grows). Every other catalogue parameter can still be
// set by typing its path, and the scenario's own overrides are listed whatever they are.
export const KEY_PARAMETERS: readonly string[] = [
  'population.scale',
  'growers.location.riskWeight',
  'growers.location.foreignPenalty',
  'labs.location.riskWeight',
  'sellers.location.riskWeight',
  'importers.routeRiskWeight',
  'importers.supplyGrowthPerYear',
  'consumers.travelKmWeightPer100',
  'consumers.demand.priceElasticity.cannabis',
];

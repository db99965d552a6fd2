import type { ParameterValue } from '../core/types';

// The trends a run imposes from outside the model: constant yearly growth rates of demand or supply
// that no mechanism produces. A verdict that rests on one of them is built in, not explained (issue 11),
// so a run's manifest lists those in force and `check-history --ablation` switches them all off.

/** Every parameter that imposes a trend (a yearly growth rate; 0 imposes none). */
export const IMPOSED_TRENDS = [
  'prices.exportGrowthPerYear.cannabis',
  'prices.exportGrowthPerYear.synthetic',
  'prices.exportGrowthPerYear.cocaine',
  'importers.supplyGrowthPerYear',
  'sellers.mail.demandGrowthPerYear',
] as const;

/** The imposed trends in force in a resolved scenario's parameters: each non-zero one, by path. */
export function imposedTrends(parameters: Readonly<Record<string, ParameterValue>>): Record<string, number> {
  const inForce: Record<string, number> = {};
  for (const path of IMPOSED_TRENDS) {
    const value = parameters[path];
    if (typeof value === 'number' && value !== 0) inForce[path] = value;
  }
  return inForce;
}

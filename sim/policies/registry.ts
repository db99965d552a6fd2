import { capacity } from './capacity';
import { iCriterion } from './iCriterion';
import type { PolicyModule } from './policy';
import { shortBlows } from './shortBlows';

// The one place that maps a scenario's `type:` to its module.
const modules: PolicyModule[] = [capacity, shortBlows, iCriterion];

export const policyRegistry: ReadonlyMap<string, PolicyModule> = new Map(modules.map((m) => [m.type, m]));

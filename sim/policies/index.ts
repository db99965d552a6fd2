// Policies act only through levers: the levers, what a policy module is, the registry of policy
// types and the schedule that applies a scenario's events week by week.
export { Levers } from './levers';
export { marketIndex, type ActiveEvent, type PolicyModule, type PolicyParameterSpec } from './policy';
export { policyRegistry } from './registry';
export { PolicySchedule } from './schedule';

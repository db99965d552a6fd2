// Scenario files: YAML in, ResolvedScenario out, with messages that point at the line to fix.
export { loadScenario, validateFiles, type FileCheck, type LoadOptions } from './load';
export { ScenarioError, type ScenarioErrorDetails } from './errors';
export { scenarioContext, type ScenarioContext } from './context';
export { closestMatch, didYouMean, editDistance } from './suggest';
export { defaultWindows, ROW_KEYS } from './analysis';
export { TOP_LEVEL_KEYS } from './schema';

// Scenario files: YAML in, ResolvedScenario out, with messages that point at the line to fix.
export { loadScenario, type LoadOptions } from './load';
export { ScenarioError, type ScenarioProblem } from './errors';
export { type ScenarioContext } from './context';
export { scenarioContext } from './projectContext';
export { resolveScenario } from './resolve';
export { closestMatch, didYouMean, editDistance } from './suggest';
export { defaultWindows, ROW_KEYS } from './analysis';
export { calibrationMarkersIn, sweepMarkersIn, TOP_LEVEL_KEYS } from './schema';
export { readYamlSource } from './yamlSource';

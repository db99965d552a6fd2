// The engine: builds a replicate from a resolved scenario, the world and a seed, and runs it week by
// week. Pure: no files, no threads, no clock, so it runs in the CLI, a worker, a test or a browser.
export { agentCount, buildModel, type Model } from './model';
export { step } from './scheduler';
export { simulateReplicate, type ReplicateOutcome } from './simulate';

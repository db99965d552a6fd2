import { toolVersion } from '../io/project';
import { scenarioHash } from '../io/results';
import type { SweepSpec } from './spec';

// What makes two sweep folders (or a folder and a sweep file) the same sweep: the tool version, the
// sweep file's bytes and the resolved scenarios. Resuming or merging across a difference is refused,
// since the runs would not belong to one table.

export interface SweepIdentity {
  tool: { name: 'waterbed'; version: string };
  /** posterior: sha256 of the posterior.csv a posterior design runs (absent for other designs) */
  sweep: { name: string; fileHash: string; posterior?: string };
  /** scenario (variant) name → sha256 of its resolved scenario */
  scenarios: Record<string, string>;
}

export function sweepIdentity(spec: SweepSpec): SweepIdentity {
  const scenarios: Record<string, string> = {};
  for (const v of spec.variants) scenarios[v.name] = scenarioHash(v.scenario);
  const posterior = spec.design.posterior?.sha256;
  return { tool: { name: 'waterbed', version: toolVersion() }, sweep: { name: spec.name, fileHash: spec.fileHash, ...(posterior ? { posterior } : {}) }, scenarios };
}

/** Why two identities differ, in words, or null when they are the same sweep. */
export function identityDifference(found: SweepIdentity, expected: SweepIdentity): string | null {
  if (found.sweep.fileHash !== expected.sweep.fileHash) {
    return `the sweep file has changed since the sweep started (sha256 ${found.sweep.fileHash.slice(0, 12)}… then, ${expected.sweep.fileHash.slice(0, 12)}… now)`;
  }
  if (found.sweep.posterior !== expected.sweep.posterior) {
    const hash = (h?: string) => (h ? `sha256 ${h.slice(0, 12)}…` : 'none');
    return `the calibration's posterior it runs has changed since the sweep started (posterior.csv: ${hash(found.sweep.posterior)} then, ${hash(expected.sweep.posterior)} now)`;
  }
  if (found.tool.version !== expected.tool.version) return `it was made by waterbed ${found.tool.version}, this is ${expected.tool.version}`;
  const names = new Set([...Object.keys(found.scenarios), ...Object.keys(expected.scenarios)]);
  for (const name of names) {
    if (found.scenarios[name] !== expected.scenarios[name]) return `the scenario "${name}" has changed since the sweep started (its resolved scenario's hash differs)`;
  }
  return null;
}

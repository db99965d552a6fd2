import { execFileSync } from 'node:child_process';
import { projectRoot } from './project';

// Where results come from, for their manifests: the git commit of the code that made them.

/** The commit checked out in the project, or null outside a git checkout (e.g. an npm install). */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

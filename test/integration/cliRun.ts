import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

// Running the command line from the integration tests: the real entry points as a user starts them.

export const ROOT = path.resolve(__dirname, '../..');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled entry point (relative to the project root) with node. */
export function runScript(script: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const waterbed = (...args: string[]): Run => runScript('bin/waterbed.js', ...args);

/**
 * runScript without blocking the test's worker: vitest's messages to it time out after 60 s
 * unanswered, which a file of synchronous runs that long reaches. For files with many long runs.
 */
export function runScriptAsync(script: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export const waterbedAsync = (...args: string[]): Promise<Run> => runScriptAsync('bin/waterbed.js', ...args);

/** Fails with the command's output, so a broken run explains itself. */
export function expectStatus(r: Run, status: number): void {
  expect(r.status, `exit status\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(status);
}

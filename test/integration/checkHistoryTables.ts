import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { waterbed } from './cliRun';

// Reading check-history's printed tables in the integration tests: the short history both files run,
// and the rows of its verdict and indicator tables.

export const SHORT_HISTORY = 'test/fixtures/scenarios/short-history.yaml';

/** The body of the table whose header line `isHeader` picks: from below its rule to the blank line after it. */
export function tableBody(lines: string[], isHeader: (line: string) => boolean): string[] {
  const head = lines.findIndex(isHeader);
  expect(head, 'table header').toBeGreaterThanOrEqual(0);
  return lines.slice(head + 2, lines.indexOf('', head));
}
export const verdictRows = (lines: string[]) => tableBody(lines, (line) => /^market\s+echelon\s+study\s/.test(line));
export const indicatorRows = (lines: string[]) => tableBody(lines, (line) => /^row\s+indicator\s/.test(line));

/**
 * One indicator statement's cells as `check-history --reps 2` on `scenario` prints them: figure
 * (before → after), replicates, points, verdict.
 */
export function statementCells(scenario: string, id: string): string[] {
  const r = waterbed('check-history', '--scenario', scenario, '--reps', '2', '--workers', '2');
  // (exit 1 while fewer than 80% of the indicators hold on the short history)
  expect([0, 1], r.stderr).toContain(r.status);
  const line = indicatorRows(r.stdout.split('\n')).find((l) => l.includes(id));
  expect(line, r.stdout).toBeDefined();
  return line!.trim().split(/\s{2,}/).slice(3);
}

/** Writes `dir/name.yaml`: the short history with some model parameters set; returns its path. */
export function shortHistoryWith(dir: string, name: string, description: string, parameters: Record<string, number>): string {
  return scenarioWith(SHORT_HISTORY, dir, name, description, parameters);
}

/** Writes `dir/name.yaml`: the scenario file `base` with some model parameters set; returns its path. */
export function scenarioWith(base: string, dir: string, name: string, description: string, parameters: Record<string, number>): string {
  const file = path.join(dir, `${name}.yaml`);
  const lines = [`name: ${name}`, `description: ${description}`, `extends: ${path.resolve(base)}`, 'parameters:'];
  for (const [key, value] of Object.entries(parameters)) lines.push(`  ${key}: ${value}`);
  fs.writeFileSync(file, [...lines, ''].join('\n'));
  return file;
}

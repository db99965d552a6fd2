import { expect } from 'vitest';

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

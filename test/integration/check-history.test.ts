import { describe, expect, it } from 'vitest';
import { REPLICATE_THRESHOLD, ROBUSTNESS_THRESHOLD, rowHolds } from '../../sim/metrics/historyCheck';
import { REFERENCE_TABLES } from '../../sim/metrics/study';
import { waterbed } from './cliRun';

// `waterbed check-history` through the command line, on the historical scenario cut to four years
// at half the agents (the real check, 1995-2025 with 20 replicates and 30 points, is in the README).

const SHORT_HISTORY = 'test/fixtures/scenarios/short-history.yaml';

describe('rowHolds', () => {
  it('needs the replicate share and, when asked, the robustness share at their thresholds', () => {
    expect(rowHolds(REPLICATE_THRESHOLD, ROBUSTNESS_THRESHOLD)).toBe(true);
    expect(rowHolds(1, null)).toBe(true);
    expect(rowHolds(REPLICATE_THRESHOLD - 0.01, 1)).toBe(false);
    expect(rowHolds(1, ROBUSTNESS_THRESHOLD - 0.01)).toBe(false);
    expect(rowHolds(REPLICATE_THRESHOLD - 0.01, null)).toBe(false);
  });
});

describe('waterbed check-history', () => {
  it('prints the six rows of the study with agreement shares, and exits 0 only when every row holds', () => {
    const r = waterbed('check-history', '--scenario', SHORT_HISTORY, '--reps', '2', '--robustness', '2', '--point-reps', '1', '--workers', '1');
    expect([0, 1], r.stderr).toContain(r.status);
    const table = REFERENCE_TABLES['dismark-2018'];
    const rows = r.stdout.split('\n').filter((line) => /\b(holds|FAILS)\s*$/.test(line));
    expect(rows).toHaveLength(table.rows.length);
    table.rows.forEach((ref, j) => {
      const cells = rows[j].trim().split(/\s{2,}/);
      expect(cells.slice(0, 3)).toEqual([ref.market, ref.echelon, ref.verdict]);
      // two replicates and two points: each share is 0%, 50% or 100%, with its 95% Wilson interval
      const wilson2: Record<string, string> = { '0%': '0% (0–66%)', '50%': '50% (9–91%)', '100%': '100% (34–100%)' };
      const share = (cell: string) => cell.split(' ')[0];
      expect(wilson2[share(cells[4])]).toBe(cells[4]);
      expect(wilson2[share(cells[5])]).toBe(cells[5]);
      const holds = rowHolds(Number(share(cells[4]).replace('%', '')) / 100, Number(share(cells[5]).replace('%', '')) / 100);
      expect(cells[cells.length - 1]).toBe(holds ? 'holds' : 'FAILS');
    });
    const allHold = rows.every((line) => line.trim().endsWith('holds'));
    expect(r.status).toBe(allHold ? 0 : 1);
    expect(r.stdout).toContain(allHold ? 'All rows of the study are reproduced.' : 'Not every row of the study is reproduced.');
  });

  it('refuses a scenario that names no reference table, and bad counts, with exit status 2', () => {
    const noReference = waterbed('check-history', '--scenario', 'test/fixtures/scenarios/short.yaml', '--reps', '1');
    expect(noReference.status).toBe(2);
    expect(noReference.stderr).toMatch(/analysis\.reference/);
    const badPoints = waterbed('check-history', '--scenario', SHORT_HISTORY, '--robustness', '-1');
    expect(badPoints.status).toBe(2);
    expect(badPoints.stderr).toMatch(/--robustness -1/);
  });
});

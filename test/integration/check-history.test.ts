import { describe, expect, it } from 'vitest';
import { INDICATORS_THRESHOLD, REPLICATE_THRESHOLD, ROBUSTNESS_THRESHOLD, rowHolds } from '../../sim/metrics/historyCheck';
import { ablationsOf } from '../../sim/metrics/ablations';
import { INDICATORS } from '../../sim/metrics/indicators';
import { REFERENCE_TABLES } from '../../sim/metrics/study';
import { VERDICTS } from '../../sim/metrics/verdict';
import { loadScenario } from '../../sim/scenario';
import { waterbed } from './cliRun';
import { indicatorRows, SHORT_HISTORY, verdictRows } from './checkHistoryTables';

// `waterbed check-history` through the command line, on the historical scenario cut to four years
// at half the agents (the real check, 1995-2025 with 20 replicates and 30 points, is in the README).

/** two replicates or points: each share is 0%, 50% or 100%, with its 95% Wilson interval */
const WILSON_2: Record<string, string> = { '0%': '0% (0–66%)', '50%': '50% (9–91%)', '100%': '100% (34–100%)' };
const share = (cell: string) => cell.split(' ')[0];

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
  it('prints the six rows of the study and its indicators with agreement shares, and exits 0 only when every row holds and 80% of the indicators do', () => {
    const r = waterbed('check-history', '--scenario', SHORT_HISTORY, '--reps', '2', '--robustness', '2', '--point-reps', '1', '--workers', '1');
    expect([0, 1], r.stderr).toContain(r.status);
    const lines = r.stdout.split('\n');
    const table = REFERENCE_TABLES['dismark-2018'];
    const rows = verdictRows(lines);
    const byIndicators = new Map<string, string>();
    expect(rows).toHaveLength(table.rows.length);
    table.rows.forEach((ref, j) => {
      const cells = rows[j].trim().split(/\s{2,}/);
      expect(cells.slice(0, 3)).toEqual([ref.market, ref.echelon, ref.verdict]);
      expect(WILSON_2[share(cells[4])]).toBe(cells[4]);
      expect(WILSON_2[share(cells[5])]).toBe(cells[5]);
      const holds = rowHolds(Number(share(cells[4]).replace('%', '')) / 100, Number(share(cells[5]).replace('%', '')) / 100);
      // a row the study reads two ways is judged by its indicators (checked against their table below)
      if (ref.readings) byIndicators.set(`${ref.market} ${ref.echelon}`, cells[cells.length - 1]);
      else expect(cells[cells.length - 1]).toBe(holds ? 'holds' : 'FAILS');
    });
    for (const reading of table.rows.flatMap((ref) => ref.readings ?? [])) expect(r.stdout).toContain(`${reading.verdict} (${reading.where}): "${reading.quote}"`);
    const allHold = rows.every((line) => line.trim().endsWith('holds'));
    expect(r.stdout).toContain(allHold ? 'All rows of the study are reproduced.' : 'Not every row of the study is reproduced.');

    // The indicators, after the verdict table: one line per statement, in the order they are defined.
    const statements = indicatorRows(lines);
    expect(lines.indexOf(statements[0])).toBeGreaterThan(lines.indexOf(rows[0]));
    expect(statements).toHaveLength(INDICATORS.length);
    let holding = 0;
    INDICATORS.forEach((s, j) => {
      const cells = statements[j].trim().split(/\s{2,}/);
      expect(cells.slice(0, 3), statements[j]).toEqual([s.row.replace('/', ' '), s.id, s.statement]);
      expect(cells, statements[j]).toHaveLength(7);
      // the replicates' share (and how many could not be measured), the points' share (pooled series)
      const [replicates, unmeasured] = cells[4].split(', ');
      expect(WILSON_2[share(replicates)], statements[j]).toBe(replicates);
      if (unmeasured) expect(unmeasured).toMatch(/^[12] not measurable$/);
      expect(WILSON_2[share(cells[5])], statements[j]).toBe(cells[5]);
      const holds = Number(share(replicates).replace('%', '')) / 100 >= REPLICATE_THRESHOLD;
      expect(cells[6], statements[j]).toBe(holds ? 'holds' : 'fails');
      if (holds) holding++;
    });
    for (const [row, printed] of byIndicators) {
      const own = statements.filter((line) => line.startsWith(row));
      const allOwnHold = own.length > 0 && own.every((line) => line.trim().endsWith(' holds'));
      expect(printed).toBe(`${allOwnHold ? 'holds' : 'FAILS'} (by its indicators)`);
    }
    const enough = holding / INDICATORS.length >= INDICATORS_THRESHOLD;
    expect(r.stdout).toContain(`${holding} of ${INDICATORS.length} indicator statements hold (${Math.round((100 * holding) / INDICATORS.length)}%; at least 80% must).`);
    expect(r.stdout.includes("Not enough of the study's indicators hold.")).toBe(!enough);
    expect(r.status).toBe(allHold && enough ? 0 : 1);
  });

  it('with --ablation, prints each row\'s verdict per ablation, the same whatever the worker count, and keeps the exit status of the check', () => {
    const r = waterbed('check-history', '--scenario', SHORT_HISTORY, '--reps', '2', '--ablation', '--workers', '2');
    expect([0, 1], r.stderr).toContain(r.status);
    const table = REFERENCE_TABLES['dismark-2018'];
    const lines = r.stdout.split('\n');
    // The check's own tables, as without --ablation.
    const checkRows = verdictRows(lines);
    expect(checkRows).toHaveLength(table.rows.length);
    const holding = indicatorRows(lines).filter((line) => line.trim().endsWith('holds')).length;
    expect(r.status).toBe(checkRows.every((line) => line.trim().endsWith('holds')) && holding / INDICATORS.length >= INDICATORS_THRESHOLD ? 0 : 1);
    // The ablation table: a header, the study's verdicts, the history ("none"), then every ablation.
    const head = lines.findIndex((line) => line.startsWith('ablation '));
    expect(lines[head].trim().split(/\s{2,}/)).toEqual(['ablation', ...table.rows.map((row) => `${row.market} ${row.echelon}`)]);
    expect(lines[head + 2].trim().split(/\s{2,}/)).toEqual(['(study)', ...table.rows.map((row) => row.verdict)]);
    const body = lines.slice(head + 3, lines.indexOf('', head));
    const names = ['none', ...ablationsOf(loadScenario(SHORT_HISTORY)).map((a) => a.name)];
    expect(body.map((line) => line.split(/\s{2,}/)[0])).toEqual(names);
    const cell = new RegExp(`^(${VERDICTS.join('|')})(/(${VERDICTS.join('|')}))* (0|50|100)%$`);
    for (const line of body) {
      const cells = line.trim().split(/\s{2,}/).slice(1);
      expect(cells, line).toHaveLength(table.rows.length);
      cells.forEach((c, j) => {
        expect(c, line).toMatch(cell);
        // The share is that of the study's verdict: all when the majority is it alone, none when it is not among them.
        const [verdicts, share] = c.split(' ');
        if (verdicts === table.rows[j].verdict) expect(share, line).not.toBe('0%');
        if (!verdicts.split('/').includes(table.rows[j].verdict)) expect(['0%', '50%'], line).toContain(share);
      });
    }
    // The history's line agrees with the check's replicate shares.
    const none = body[0].trim().split(/\s{2,}/).slice(1);
    checkRows.forEach((row, j) => expect(none[j].split(' ')[1]).toBe(row.trim().split(/\s{2,}/)[4].split(' ')[0]));
    for (const name of names.slice(1)) expect(r.stdout).toContain(`  ${name}: `);
    // Same seed, same replicates: the same bytes on one worker.
    const one = waterbed('check-history', '--scenario', SHORT_HISTORY, '--reps', '2', '--ablation', '--workers', '1');
    expect(one.stdout).toBe(r.stdout);
  });

  it('refuses --ablation with --robustness, with exit status 2', () => {
    const r = waterbed('check-history', '--scenario', SHORT_HISTORY, '--reps', '1', '--ablation', '--robustness', '2');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--ablation with --robustness 2/);
    expect(r.stdout).toBe('');
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openReport, SHOTS, waterbed } from './browser';

// A calibration's report in Chromium: the one-wave calibration (a wave of 6 points and an ABC stage
// of 4) run by the CLI; every target drawn against the record, every point of every stage, the
// posterior table and pairs plot, and the conflicts section, with no error and no request.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-browser-calibration-'));
const out = path.join(tmp, 'calibration');
let browser: Browser;

describe('calibration report in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
    waterbed('calibrate', 'test/fixtures/calibrations/one-wave.yaml', '--workers', '2', '--out', out);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('draws the fit of every target, the stages, the posterior and the conflicts', async () => {
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'calibration.json'), 'utf8'));
    const { page, problems } = await openReport(browser, path.join(out, 'report.html'));
    expect(await page.locator('#report-title').textContent()).toBe('Does the model fit the record? Calibration “one-wave”');
    const rows = await page.$$eval('#calibration-fit-chart g.target-row', (gs) => gs.map((g) => `${g.getAttribute('data-target')}:${g.getAttribute('data-use')}`));
    expect(rows).toEqual(summary.fit.map((f: { id: string; use: string }) => `${f.id}:${f.use}`));
    expect(await page.locator('#calibration-fit-chart circle.best-point').count()).toBe(rows.length);
    expect(await page.locator('#calibration-fit-chart line.posterior-band').count()).toBe(rows.length);
    expect(await page.locator('#calibration-waves-chart g.stage-points[data-stage="wave-1"] circle').count()).toBe(6);
    expect(await page.locator('#calibration-waves-chart g.stage-points[data-stage="abc"] circle').count()).toBe(4);
    expect(await page.locator('#calibration-posterior-table tbody tr').count()).toBe(2);
    expect(await page.locator('#calibration-pairs g.pair').count()).toBe(4);
    expect(await page.locator('#calibration-pairs circle.accepted').count()).toBe(2 * summary.posterior.accepted);
    expect(await page.locator('#calibration-best-command').textContent()).toContain('waterbed run ');
    expect(await page.locator('#calibration-conflicts').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'calibration.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

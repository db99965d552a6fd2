import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../sim/cli/writeReport';
import { launchChromium, openReport, SHOTS, waterbed } from './browser';

// A sweep's report in Chromium: the tiny Morris sweep (9 runs, 2 factors), first without
// sensitivity.json (the report written by `waterbed sweep` itself), then after `waterbed sensitivity`.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-browser-sweep-'));
const out = path.join(tmp, 'sweep');
let browser: Browser;
let report: string;
let sensitivity: { outputs: { output: string; factors: unknown[] }[] };

describe('sweep report in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
    waterbed('sweep', 'test/fixtures/sweeps/morris.yaml', '--workers', '2', '--out', out);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is written by the sweep, and says to run sensitivity when there is no sensitivity file', async () => {
    expect(fs.existsSync(path.join(out, 'report.html'))).toBe(true);
    const { page, problems } = await openReport(browser, path.join(out, 'report.html'));
    expect(await page.locator('#sweep-heatmap rect.cell').count()).toBeGreaterThan(0);
    expect(await page.locator('#sweep-tornado-none').textContent()).toContain('waterbed sensitivity');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the heatmap, follows the selections, and has one tornado bar per factor', async () => {
    waterbed('sensitivity', out);
    sensitivity = JSON.parse(fs.readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    report = await writeReport(out);
    const { page, problems } = await openReport(browser, report);
    const cells = () => page.$$eval('#sweep-heatmap rect.cell', (rs) => rs.map((r) => `${r.getAttribute('data-x')},${r.getAttribute('data-y')}=${r.getAttribute('data-value')}`));
    const before = await cells();
    expect(before.length).toBeGreaterThan(0);
    expect(await page.locator('#sweep-heatmap rect.cell:not(.empty)').count()).toBeGreaterThan(0);
    // swapping the factors transposes the grid
    await page.locator('#sweep-x').selectOption('1');
    expect(await page.locator('#sweep-y').inputValue()).toBe('0');
    const swapped = await cells();
    expect(swapped).not.toEqual(before);
    // another output recolours it
    const fills = () => page.$$eval('#sweep-heatmap rect.cell', (rs) => rs.map((r) => r.getAttribute('fill')));
    const f0 = await fills();
    await page.locator('#sweep-output').selectOption({ label: 'be_cannabis_sellers' });
    expect(await fills()).not.toEqual(f0);
    // tornado: one bar per factor, for the output chosen above
    const o = sensitivity.outputs.find((q) => q.output === 'be_cannabis_sellers')!;
    expect(await page.locator('#sweep-tornado-output').inputValue()).toBe(String(sensitivity.outputs.indexOf(o)));
    expect(await page.locator('#sweep-tornado rect.bar').count()).toBe(o.factors.length);
    expect(await page.locator('#sweep-tornado g.whisker').count()).toBeGreaterThan(0);
    expect(await page.locator('#sweep-tornado-none').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'sweep-full.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

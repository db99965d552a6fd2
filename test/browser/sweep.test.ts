import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../sim/cli/writeReport';
import { launchChromium, openReport, SHOTS, waterbed } from './browser';

// A sweep's report in Chromium: the tiny Morris sweep (9 runs, 2 factors), first without
// sensitivity.json (the report written by `waterbed sweep` itself), then after `waterbed sensitivity`,
// then after `waterbed discover`.

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
    expect(await page.locator('#discovery-none').textContent()).toContain('waterbed discover');
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

  it('shows the discovery: one point per box of the trajectory, the chosen box ringed, the box on each factor, the tree', async () => {
    const table = fs.readFileSync(path.join(out, 'table.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = table[0].indexOf('be_cannabis_sellers');
    const values = table.slice(1).map((r) => Number(r[col])).sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)];
    waterbed('discover', out, '--output', 'be_cannabis_sellers', '--where', `>= ${median}`);
    const discovery = JSON.parse(fs.readFileSync(path.join(out, 'discovery.json'), 'utf8'));
    report = await writeReport(out);
    const { page, problems } = await openReport(browser, report);
    expect(await page.locator('#discovery-none').count()).toBe(0);
    expect(await page.locator('#discovery-intro').textContent()).toContain(`be_cannabis_sellers >= ${median} hold?`);
    expect(await page.locator('#discovery-tradeoff circle.trajectory-point').count()).toBe(discovery.trajectory.length);
    expect(await page.locator('#discovery-tradeoff circle.chosen').getAttribute('data-box')).toBe(String(discovery.chosen.box));
    expect(await page.locator('#discovery-box g.box-row').count()).toBe(discovery.factors.length);
    const restricted = discovery.box.limits.filter((l: { lower: number | null; upper: number | null }) => l.lower !== null || l.upper !== null);
    expect(await page.locator('#discovery-box g.box-row.restricted').count()).toBe(restricted.length);
    expect(await page.locator('#discovery-cart li').first().textContent()).toContain(`all runs: ${discovery.runs.used} runs`);
    expect(await page.locator('nav a[href="#sweep-discovery"]').count()).toBe(1);
    await page.locator('#sweep-discovery').screenshot({ path: path.join(SHOTS, 'sweep-discovery.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});

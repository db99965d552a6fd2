import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../sim/cli/writeReport';
import { trueFlowData } from '../../viz/flows';
import { readFlowsCsv } from '../../viz/flowsCsv';
import { loadDistrictMap } from '../../viz/geo';
import { monthRange } from '../../viz/months';
import { launchChromium, openReport, ROOT, SHOTS, waterbed } from './browser';

// A run's report in a real browser (Chromium headless, through playwright-core; see ./browser.ts).
// Two real results folders come from the CLI on the short scenario: a plain one, and one whose names
// are markup (the escaping case) with policies and the study's table. Screenshots land in
// results/browser/ for a person to look at.

const ESCAPED_NAME = '<img src=x onerror=alert(1)>';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-browser-'));
let browser: Browser;
const open = (report: string) => openReport(browser, report);
const run = (scenario: string, out: string) => waterbed('run', scenario, '--reps', '2', '--workers', '2', '--out', out);

/** The short scenario's months (test/fixtures/scenarios/short.yaml): the map steps through each. */
const MONTHS = monthRange('2010-01', '2013-12');

/** The arrows on the true map and the rows of their data table (opened), as from → to pairs. */
async function arrowsShown(page: Page): Promise<{ paths: string[]; tableRows: number }> {
  const paths = await page.$$eval('#map-true path.flow', (ps) => ps.map((p) => `${p.getAttribute('data-from')}>${p.getAttribute('data-to')}`));
  const table = page.locator('#map-flow-table');
  if ((await table.getAttribute('open')) === null) await table.locator('summary').click();
  await expect.poll(() => table.locator('tbody tr').count(), { timeout: 5_000 }).toBe(paths.length);
  return { paths, tableRows: await table.locator('tbody tr').count() };
}

/** Fill colours of the true map's districts, by district id. */
const mapFills = (page: Page) =>
  page.$$eval('#map-true path[data-district]', (paths) => Object.fromEntries(paths.map((p) => [p.getAttribute('data-district'), p.getAttribute('fill')])));

describe('report.html in Chromium', () => {
  const plain = path.join(tmp, 'short');
  const escaped = path.join(tmp, 'escaped');
  let plainReport: string;
  let escapedReport: string;

  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
    run('test/fixtures/scenarios/short.yaml', plain);
    run('test/browser/fixtures/escaped.yaml', escaped);
    plainReport = await writeReport(plain);
    escapedReport = await writeReport(escaped);
  });

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes one self-contained file next to the results', () => {
    expect(plainReport).toBe(path.join(plain, 'report.html'));
    const html = fs.readFileSync(plainReport, 'utf8');
    // Nothing is loaded from elsewhere (d3's own text names XML namespaces by URL; those load nothing).
    expect(html.match(/<script[^>]*\bsrc=|<link\b|<iframe\b|<img\b|url\(\s*['"]?https?:/gi) ?? []).toEqual([]);
  });

  it('opens from file:// with no console errors or requests, and draws the 22 districts on both maps', async () => {
    const { page, problems } = await open(plainReport);
    expect(await page.locator('#map-true path[data-district]').count()).toBe(22);
    expect(await page.locator('#map-observed path[data-district]').count()).toBe(22);
    const ids = await page.$$eval('#map-true path[data-district]', (ps) => ps.map((p) => p.getAttribute('data-district')));
    expect(new Set(ids).size).toBe(22);
    expect(await page.locator('#multiples figure.panel').count()).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: path.join(SHOTS, 'report-full.png'), fullPage: true });
    await page.locator('#map').screenshot({ path: path.join(SHOTS, 'report-map.png') });
    await page.locator('#over-time').screenshot({ path: path.join(SHOTS, 'report-over-time.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sees a request the page makes, so "no requests" above is a check that can fail', async () => {
    // Port 9 (discard) on the loopback: refused at once, no network needed; both are requested.
    const page = path.join(tmp, 'requests.html');
    fs.writeFileSync(page, '<!doctype html><img src="http://127.0.0.1:9/image.png"><script>fetch("http://127.0.0.1:9/data").catch(() => {}); document.body.dataset.ready = "true";</script>');
    const { page: opened, problems } = await open(page);
    await expect.poll(() => problems.filter((p) => p.startsWith('unexpected request: http://127.0.0.1:9/')).length).toBe(2);
    await opened.close();
  });

  it('changes the map’s colours when the slider moves, month by month', async () => {
    const { page, problems } = await open(plainReport);
    const last = Number(await page.locator('#map-slider').getAttribute('max'));
    expect(last).toBe(MONTHS.length - 1);
    expect(await page.locator('#map-period').textContent()).toBe(MONTHS[last]);
    await page.locator('#map-slider').fill('0');
    const first = await mapFills(page);
    const firstLabel = await page.locator('#map-period').textContent();
    await page.locator('#map-slider').fill(String(last));
    const end = await mapFills(page);
    expect(Object.keys(end)).toHaveLength(22);
    expect(Object.keys(first).filter((id) => first[id] !== end[id]).length).toBeGreaterThan(0);
    expect(firstLabel).toBe(MONTHS[0]);
    await page.locator('#map-slider').fill('1');
    expect(await page.locator('#map-period').textContent()).toBe(MONTHS[1]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('advances time with the play button and pauses again', async () => {
    const { page, problems } = await open(plainReport);
    await page.locator('#map-slider').fill('0');
    const before = await page.locator('#map-period').textContent();
    await page.locator('#map-play').click();
    await expect.poll(async () => Number(await page.locator('#map-slider').inputValue()), { timeout: 5_000 }).toBeGreaterThan(2);
    expect(await page.locator('#map-play').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#map-play').click();
    expect(await page.locator('#map-play').getAttribute('aria-pressed')).toBe('false');
    const paused = await page.locator('#map-slider').inputValue();
    await page.waitForTimeout(600);
    expect(await page.locator('#map-slider').inputValue()).toBe(paused);
    // one step a month: the label is the month of the slider's position
    expect(before).toBe(MONTHS[0]);
    expect(await page.locator('#map-period').textContent()).toBe(MONTHS[Number(paused)]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws one arrow per flow of flows.csv shown for the selected year, from origin to destination', async () => {
    const districts = loadDistrictMap(path.join(ROOT, 'sim', 'world', 'data')).districts;
    const expected = trueFlowData(readFlowsCsv(path.join(plain, 'flows.csv')), districts, MONTHS);
    const { page, problems } = await open(plainReport);
    expect(await page.locator('#map-flow-source').getAttribute('data-source')).toBe('flows.csv');
    expect(await page.locator('#map-flow-source').textContent()).toContain('flows.csv');
    let drawn = 0;
    for (const row of ['cannabis/production', 'synthetic/retail', 'cocaine/retail']) {
      await page.locator('#map-row').selectOption(row);
      for (const month of [0, 20, MONTHS.length - 1]) {
        await page.locator('#map-slider').fill(String(month));
        const year = MONTHS[month].slice(0, 4);
        const want = expected.values[row]?.byPeriod[expected.periods.findIndex((p) => p.label === year)].arrows ?? [];
        const { paths, tableRows } = await arrowsShown(page);
        expect(paths.length).toBe(want.length);
        expect(tableRows).toBe(want.length);
        expect(paths).toEqual(want.map(([from, to]) => `${districts[from].id}>${districts[to].id}`));
        if (want.length > 0) expect(await page.locator('#map-flow-note').textContent()).toContain(`${year}:`);
        drawn += paths.length;
      }
    }
    expect(drawn).toBeGreaterThan(0);
    await page.locator('#map-row').selectOption('cannabis/production');
    await page.locator('#map-slider').fill(String(MONTHS.length - 1));
    await page.locator('#map').screenshot({ path: path.join(SHOTS, 'report-map-flows.png') });
    // switched off: no arrows
    await page.locator('#map-flows').uncheck();
    expect(await page.locator('#map-true path.flow').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('estimates the arrows, and says so, for a results folder without flows.csv', async () => {
    const older = path.join(tmp, 'older');
    fs.mkdirSync(older);
    for (const f of ['manifest.json', 'series.parquet', 'summary.json']) fs.copyFileSync(path.join(plain, f), path.join(older, f));
    const { page, problems } = await open(await writeReport(older));
    expect(await page.locator('#map-flow-source').getAttribute('data-source')).toBe('estimate');
    expect(await page.locator('#map-flow-source').textContent()).toMatch(/no flows\.csv.*estimate/);
    const { paths, tableRows } = await arrowsShown(page);
    expect(tableRows).toBe(paths.length);
    expect(await page.locator('#map-flow-table summary').textContent()).toContain('estimated');
    await page.locator('#map').screenshot({ path: path.join(SHOTS, 'report-map-estimated.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the verdict table of summary.json', async () => {
    const summary = JSON.parse(fs.readFileSync(path.join(plain, 'summary.json'), 'utf8'));
    const { page, problems } = await open(plainReport);
    expect(await page.locator('#verdict-table tbody tr').count()).toBe(summary.rows.length);
    expect(await page.locator('#verdict-table [data-field="study"]').count()).toBe(0); // no reference in short.yaml
    for (const r of summary.rows) {
      const tr = page.locator(`#verdict-table tr[data-row="${r.market}/${r.echelon}"]`);
      expect(await tr.locator('[data-field="verdict"]').getAttribute('data-verdict')).toBe(r.verdict);
      expect(await tr.locator('[data-field="agreement"]').textContent()).toBe(`${Math.round(r.agreement * 100)}%`);
      const d = r.displacementRatio === null ? '–' : r.displacementRatio.toFixed(2).replace('-', '−');
      expect(await tr.locator('[data-field="displacementRatio"]').textContent()).toBe(d);
      const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
      expect(await tr.locator('[data-field="dutchLinkBE"]').textContent()).toBe(`${pct(r.dutchLinkBE[0])} → ${pct(r.dutchLinkBE[1])}`);
    }
    await page.locator('#verdicts').screenshot({ path: path.join(SHOTS, 'report-verdicts.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('states the rule of each verdict, sets the market-volume verdict beside it, and draws who carried each row’s change', async () => {
    const summary = JSON.parse(fs.readFileSync(path.join(plain, 'summary.json'), 'utf8'));
    const { page, problems } = await open(plainReport);
    for (const r of summary.rows) {
      const tr = page.locator(`#verdict-table tr[data-row="${r.market}/${r.echelon}"]`);
      expect(await tr.locator('[data-field="verdictRule"]').getAttribute('data-rule')).toBe(r.verdictRule);
      expect(await tr.locator('[data-field="marketVolume"]').getAttribute('data-verdict')).toBe(r.marketVolume.verdict);
      expect(await tr.locator('[data-field="marketVolumeAgreement"]').textContent()).toBe(` ${Math.round(r.marketVolume.agreement * 100)}%`);
    }
    const withCarriers = summary.rows.filter((r: { carriers: unknown }) => r.carriers !== null);
    expect(withCarriers.length).toBeGreaterThan(0);
    expect(await page.locator('#carriers g.carrier-row').count()).toBe(withCarriers.length);
    let sides = '';
    for (const r of withCarriers) {
      const c = r.carriers;
      const side = r.deltaBE < 0 ? 'loss' : 'gain';
      sides += side[0];
      const want: Record<string, number> = side === 'gain' ? c.gain : { movedOut: c.movedOut, notMoved: c.loss - c.movedOut };
      const total = Object.values(want).reduce((a, b) => a + b, 0);
      const g = page.locator(`#carriers g.carrier-row[data-row="${r.market}/${r.echelon}"]`);
      expect(await g.getAttribute('data-side')).toBe(side);
      // The drawn widths, in screen pixels, against summary.json's parts: proportional, in the documented order.
      const drawn = await g.locator('rect.carrier-part').evaluateAll((rects) =>
        rects.map((e) => ({ part: e.getAttribute('data-part') as string, value: Number(e.getAttribute('data-value')), x: e.getBoundingClientRect().x, width: e.getBoundingClientRect().width })),
      );
      expect(drawn.map((d) => d.part)).toEqual(side === 'gain' ? ['moved', 'extended', 'newBelgian', 'other'] : ['movedOut', 'notMoved']);
      const barWidth = drawn.reduce((a, d) => a + d.width, 0);
      expect(barWidth).toBeGreaterThan(100);
      for (const d of drawn) {
        expect(d.value).toBeCloseTo(want[d.part], 6);
        expect(Math.abs(d.width / barWidth - want[d.part] / total)).toBeLessThan(0.005);
      }
      // the rule's mark at half of the bar, and the moved share in the label
      const mark = await g.locator('line.threshold').evaluate((e) => e.getBoundingClientRect());
      expect(Math.abs(mark.x + mark.width / 2 - (drawn[0].x + summary.rule.shiftRatio * barWidth))).toBeLessThan(1);
      const share = side === 'gain' ? c.movedShare : c.movedOutShare;
      expect(await g.locator('text.carriers-share').textContent()).toContain(`${side === 'gain' ? 'moved from NL' : 'moved to NL'}: ${Math.round(share * 100)}%`);
    }
    expect(sides).toMatch(/g/); // the short run has gains and losses both: each kind of bar is drawn
    expect(sides).toMatch(/l/);
    await page.locator('#carriers details.data-table summary').click();
    await expect.poll(() => page.locator('#carriers details.data-table tbody tr').count(), { timeout: 5_000 }).toBe(summary.rows.length);
    await page.locator('#carriers').screenshot({ path: path.join(SHOTS, 'report-carriers.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so for a row whose carriers are not known', async () => {
    const dir = path.join(tmp, 'no-carriers');
    fs.mkdirSync(dir);
    for (const f of ['manifest.json', 'series.parquet', 'flows.csv']) fs.copyFileSync(path.join(plain, f), path.join(dir, f));
    // A row as summary.json gives it for a series without carriers: the market-volume rule's verdict alone.
    const summary = JSON.parse(fs.readFileSync(path.join(plain, 'summary.json'), 'utf8'));
    const r = summary.rows[0];
    Object.assign(r, { verdict: r.marketVolume.verdict, agreement: r.marketVolume.agreement, verdictRule: 'market-volume', carriers: null });
    fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary));
    const { page, problems } = await open(await writeReport(dir));
    const key = `${r.market}/${r.echelon}`;
    expect(await page.locator(`#verdict-table tr[data-row="${key}"] [data-field="verdictRule"]`).getAttribute('data-rule')).toBe('market-volume');
    expect(await page.locator('#carriers g.carrier-row').count()).toBe(summary.rows.length - 1);
    expect(await page.locator(`#carriers g.carrier-row[data-row="${key}"]`).count()).toBe(0);
    expect(await page.locator(`#carriers g[data-row="${key}"]`).textContent()).toContain('Carriers not known');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a data table with every district', async () => {
    const { page, problems } = await open(plainReport);
    await page.locator('#map details.data-table summary').first().click();
    // The table is filled on the details' toggle event, which fires after the click returns.
    await expect.poll(() => page.locator('#map details.data-table').first().locator('tbody tr').count(), { timeout: 5_000 }).toBe(22);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a scenario named as markup as text, runs none of it, and sets the study beside the model', async () => {
    const { page, problems } = await open(escapedReport);
    expect(await page.locator('#report-title').textContent()).toContain(ESCAPED_NAME);
    expect(await page.title()).toContain(ESCAPED_NAME);
    expect(await page.locator('#fact-scenario').textContent()).toBe(ESCAPED_NAME);
    expect(await page.locator('#report-subtitle').textContent()).toContain('</script><script>alert(2)</script>');
    expect(await page.locator('#event-list').textContent()).toContain('<b onmouseover=alert(3)>more police</b>');
    // Nothing of the text became markup: no <img> or <b> anywhere, and no dialog opened.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    await page.locator('#event-list').hover();
    expect(await page.locator('#event-list li').count()).toBe(2);
    const summary = JSON.parse(fs.readFileSync(path.join(escaped, 'summary.json'), 'utf8'));
    expect(summary.reference).not.toBeNull();
    for (const s of summary.reference.rows) {
      const tr = page.locator(`#verdict-table tr[data-row="${s.market}/${s.echelon}"]`);
      expect(await tr.locator('[data-field="study"]').getAttribute('data-verdict')).toBe(s.verdict);
    }
    await page.screenshot({ path: path.join(SHOTS, 'report-escaped.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../sim/cli/writeReport';
import type { ComparisonRecord } from '../../viz/inputs';
import { launchChromium, openReport, SHOTS, waterbed } from './browser';

// A comparison's report in Chromium: `waterbed compare` of the short scenario against itself with
// the I-criterion (all Dutch districts) and with the escaping fixture (Belgian capacity, short blows
// in both Limburgs), two replicate pairs; the report is built from comparison.json.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-browser-compare-'));
const out = path.join(tmp, 'compare');
let browser: Browser;
let report: string;
// comparison.json as read in the test (its fields are documented in docs/OUTPUTS.md)
let comparison: ComparisonRecord;

describe('comparison report in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
    waterbed('compare', 'test/fixtures/scenarios/short.yaml', 'test/fixtures/scenarios/short-icriterion.yaml', 'test/browser/fixtures/escaped.yaml', '--reps', '2', '--workers', '2', '--out', out);
    comparison = JSON.parse(fs.readFileSync(path.join(out, 'comparison.json'), 'utf8'));
    report = await writeReport(out);
  });

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('draws one part per scenario with no console errors or requests', async () => {
    const { page, problems } = await openReport(browser, report);
    expect(await page.locator('section[id^="comparison-"]').count()).toBe(comparison.scenarios.length);
    expect(await page.locator('#comparison-1-map path[data-district]').count()).toBe(22);
    expect(await page.locator('#comparison-2 h2').textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'comparison-full.png'), fullPage: true });
    await page.locator('#comparison-1').screenshot({ path: path.join(SHOTS, 'comparison-1.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sets the verdicts side by side as in comparison.json, both over the windows it names', async () => {
    const { page, problems } = await openReport(browser, report);
    const verdictNames: Record<string, string> = await page.evaluate(() => (globalThis as unknown as { WB: { verdictNames: Record<string, string> } }).WB.verdictNames);
    // runs of the model record their carriers: every verdict is by who carried the change
    expect(comparison.scenarios.every((s) => [...s.baselineVerdicts, ...s.verdicts].every((v) => v.verdictRule === 'actors' && v.carriers))).toBe(true);
    for (const [i, s] of comparison.scenarios.entries()) {
      expect(await page.locator(`#comparison-${i + 1}-windows`).getAttribute('data-windows-from')).toBe(s.windowsFrom);
      for (const v of s.verdicts) {
        const tr = page.locator(`#comparison-${i + 1}-verdicts tr[data-row="${v.market}/${v.echelon}"]`);
        const base = s.baselineVerdicts.find((b) => b.market === v.market && b.echelon === v.echelon);
        const w = s.windows[`${v.market}/${v.echelon}`];
        expect(await tr.locator('[data-field="windows"]').textContent()).toBe(`before ${w.before[0]} to ${w.before[1]}, after ${w.after[0]} to ${w.after[1]}`);
        expect(await tr.locator('[data-field="scenario"]').getAttribute('data-verdict')).toBe(v.verdict);
        expect(await tr.locator('[data-field="baseline"]').getAttribute('data-verdict')).toBe(base!.verdict);
        const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
        expect(await tr.locator('[data-field="dutchLinkAfter"]').textContent()).toBe(`${pct(base!.dutchLinkBE?.[1] ?? null)} → ${pct(v.dutchLinkBE?.[1] ?? null)}`);
        // each verdict's rule, the market-volume verdicts and the moved shares of Belgium's gain beside them
        expect(await tr.locator('[data-field="baseline"] [data-field="verdictRule"]').getAttribute('data-rule')).toBe(base!.verdictRule);
        expect(await tr.locator('[data-field="scenario"] [data-field="verdictRule"]').getAttribute('data-rule')).toBe(v.verdictRule);
        const volume = tr.locator('[data-field="marketVolume"]');
        expect([await volume.getAttribute('data-baseline'), await volume.getAttribute('data-scenario')]).toEqual([base!.marketVolume!.verdict, v.marketVolume!.verdict]);
        expect(await volume.textContent()).toBe(`${verdictNames[base!.marketVolume!.verdict]} → ${verdictNames[v.marketVolume!.verdict]}`);
        expect(await tr.locator('[data-field="movedShare"]').textContent()).toBe(`${pct(base!.carriers?.movedShare ?? null)} → ${pct(v.carriers?.movedShare ?? null)}`);
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('greys and marks the effects whose interval includes 0, in the table, the quadrant and the map', async () => {
    const { page, problems } = await openReport(browser, report);
    const s = comparison.scenarios[0];
    const effects = s.effects.filter((e) => s.verdicts.some((v) => v.market === e.market && v.echelon === e.echelon));
    // two pairs of a short run: some effects are noise and, on the targeted cannabis market, some are not
    expect(effects.some((e) => !e.significant)).toBe(true);
    for (const e of effects) {
      const cell = page.locator(`#comparison-1-verdicts tr[data-row="${e.market}/${e.echelon}"] [data-field="effect${e.area}"]`);
      expect(await cell.getAttribute('data-significant')).toBe(String(e.significant));
      expect(await cell.evaluate((td) => td.classList.contains('ns'))).toBe(!e.significant);
      expect((await cell.textContent())!.endsWith(' n.s.')).toBe(!e.significant);
      if (!e.significant) expect(await cell.evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td).color)).toBe('rgb(118, 118, 118)');
    }
    const noise = (key: string) => !s.effects.some((e) => `${e.market}/${e.echelon}` === key && (e.area === 'BE' || e.area === 'NL') && e.significant);
    const points = await page.$$eval('#comparison-1-quadrant g.quadrant-point', (gs) => gs.map((g) => [g.getAttribute('data-row'), g.classList.contains('ns')] as const));
    for (const [key, grey] of points) expect(grey, key!).toBe(noise(key!));
    await page.locator('#comparison-1-row').selectOption('cannabis/production');
    const map = await page.$$eval('#comparison-1-map path[data-district]', (ps) => ps.map((p) => [p.getAttribute('data-district'), p.getAttribute('data-significant'), p.getAttribute('fill-opacity')] as const));
    for (const [district, significant, opacity] of map) {
      const e = s.districtEffects.find((x) => x.market === 'cannabis' && x.echelon === 'production' && x.area === district)!;
      expect(significant).toBe(String(e.significant));
      expect(opacity).toBe(e.significant ? null : '0.3');
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('puts a point in the quadrant for every row with baseline activity', async () => {
    const { page, problems } = await openReport(browser, report);
    const s = comparison.scenarios[0];
    const rows = new Set(
      s.effects
        .filter((be) => be.area === 'BE')
        .filter((be) => be.baseline + s.effects.find((e) => e.area === 'NL' && e.market === be.market && e.echelon === be.echelon)!.baseline > 0)
        .map((e) => `${e.market}/${e.echelon}`),
    );
    const drawn = await page.$$eval('#comparison-1-quadrant g.quadrant-point', (gs) => gs.map((g) => g.getAttribute('data-row')));
    expect(new Set(drawn)).toEqual(rows);
    expect(await page.locator('#comparison-1-quadrant line.shift-line').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('recolours the difference map for another market and echelon, and shows the WDQ', async () => {
    const { page, problems } = await openReport(browser, report);
    const fills = () => page.$$eval('#comparison-1-map path[data-district]', (ps) => ps.map((p) => p.getAttribute('fill')));
    const before = await fills();
    await page.locator('#comparison-1-row').selectOption('cocaine/middle');
    expect(await fills()).not.toEqual(before);
    expect(await page.locator('#comparison-1-wdq tbody tr').count()).toBe(comparison.scenarios[0].wdq.length);
    // the I-criterion acts on cannabis retail only: every other row says why it has no quotient
    for (const w of comparison.scenarios[0].wdq) {
      const tr = page.locator(`#comparison-1-wdq tr[data-row="${w.market}/${w.echelon}"]`);
      expect(await tr.locator('[data-field="actedOn"]').textContent()).toBe(w.actedOn ? 'yes' : 'no');
      expect(await tr.evaluate((el) => el.classList.contains('ns'))).toBe(w.wdq === null);
      if (w.reason) expect(await tr.locator('td').last().textContent()).toBe(w.reason);
    }
    expect(comparison.scenarios[0].wdq.filter((w) => w.actedOn).map((w) => `${w.market}/${w.echelon}`)).toEqual(['cannabis/retail']);
    expect(problems).toEqual([]);
    await page.close();
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openReport, ROOT, SHOTS, waterbed, type Opened } from './browser';

// The explorer (`waterbed explorer`) in Chromium: a scenario built in its forms runs in the page's
// Web Workers to the summary.json the CLI writes for the exported file, an I-criterion added through
// the form changes the verdict table and the map, a comparison with the baseline draws the
// comparison report, the forms work from the keyboard alone, and imported text stays text. Every
// page records its requests: only the file itself and the blob: URLs of its own workers and
// downloads may be asked for. The runs are short (2010-2013 at half the agents, two replicates).

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-explorer-'));
const page_ = path.join(tmp, 'explorer.html');
let browser: Browser;
/** blob: URLs the page made itself (its workers' code, downloads): no network. */
const local = (url: string) => url.startsWith('blob:null/') || url.startsWith('blob:file:');
const open = () => openReport(browser, page_, local);

async function run(page: Page): Promise<void> {
  await page.click('#run-button');
  await page.waitForSelector('body[data-state="done"], body[data-state="failed"]', { timeout: 90_000 });
  expect(await page.getAttribute('body', 'data-state'), (await page.locator('#status').textContent()) ?? '').toBe('done');
}

/** A short scenario in the forms: the baseline's, 2010-2013 at half the agents, 2010 against 2012-2013 (test/fixtures/scenarios/short.yaml). */
async function shortScenario(page: Page, name: string): Promise<void> {
  await page.selectOption('#start-from', 'scenarios/baseline.yaml');
  await page.click('#load');
  await page.fill('#scenario-name', name);
  await page.fill('#scenario-start', '2010-01-01');
  await page.fill('#scenario-end', '2013-12-31');
  await page.click('#default-windows');
  await page.fill('#window-before-first', '2010-01-01');
  await page.fill('#window-before-last', '2010-12-31');
  await page.fill('#window-after-first', '2012-01-01');
  await page.fill('#window-after-last', '2013-12-31');
  await page.fill('[data-parameter="population.scale"] input.slider-value', '0.5');
  await page.fill('#reps', '2');
  await page.fill('#seed', '3');
}

/** Each verdict row's ΔBE, as the table holds it. */
const deltaBE = (page: Page) =>
  page.$$eval('#verdict-table tr[data-row]', (rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-row'), r.querySelector('[data-field="deltaBE"]')?.getAttribute('data-value')])));

/** The true map's fills in its last period, the animation paused. */
async function lastMonthFills(page: Page): Promise<Record<string, string | null>> {
  if ((await page.getAttribute('#map-play', 'aria-pressed')) === 'true') await page.click('#map-play');
  await page.locator('#map-slider').fill((await page.getAttribute('#map-slider', 'max')) ?? '0');
  return page.$$eval('#map-true path[data-district]', (ps) => Object.fromEntries(ps.map((p) => [p.getAttribute('data-district'), p.getAttribute('fill')])));
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['bin/waterbed.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
}

describe('the explorer in Chromium', () => {
  let opened: Opened;
  let before: { delta: Record<string, string | null | undefined>; fills: Record<string, string | null> };

  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
    waterbed('explorer', '--out', page_);
    opened = await open();
  });

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is one file of at most 5 MB whose policy allows no network', () => {
    const html = fs.readFileSync(page_, 'utf8');
    expect(fs.statSync(page_).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('worker-src blob:');
    expect(csp).not.toMatch(/https?:|connect-src|\*/);
    expect(html).not.toMatch(/<script[^>]+src=|<link |<iframe|<img /);
  });

  it('runs a scenario built in its forms to the summary.json the CLI writes for the exported file', async () => {
    const { page, problems } = opened;
    await shortScenario(page, 'explorer-short');
    await expect.poll(() => page.locator('#problems').textContent()).toContain('The scenario is valid');
    await run(page);
    expect(await page.locator('#verdict-table tr[data-row]').count()).toBe(6);
    before = { delta: await deltaBE(page), fills: await lastMonthFills(page) };

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    expect(download.suggestedFilename()).toBe('explorer-short.yaml');
    const file = path.join(tmp, 'explorer-short.yaml');
    await download.saveAs(file);
    const validated = cli('validate', file);
    expect(validated.status, validated.stderr).toBe(0);
    expect(validated.stdout).toContain('ok (scenario)');
    const out = path.join(tmp, 'cli-short');
    const ran = cli('run', file, '--reps', '2', '--seed', '3', '--workers', '2', '--out', out);
    expect(ran.status, ran.stderr).toBe(0);
    // Byte for byte: the same engine and aggregation, in Chromium's workers and in Node's threads.
    expect(await page.locator('#summary-json').textContent()).toBe(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(problems).toEqual([]);
  });

  it('adds an I-criterion through the form, and the verdict table and the map change', async () => {
    const { page, problems } = opened;
    await page.selectOption('#new-policy-type', 'i-criterion');
    await page.click('#add-policy');
    const card = page.locator('fieldset.policy[data-type="i-criterion"]');
    await card.locator('.policy-label').fill('south');
    await card.locator('.policy-start').fill('2011-01-01');
    await card.locator('.target-districts').check();
    await card.locator('input[data-district="nl-limburg"]').check();
    // A click on the map picks a district as well, and ticks it in the list.
    await card.locator('.picker-map path[data-district="nl-oost-brabant"]').click();
    expect(await card.locator('input[data-district="nl-oost-brabant"]').isChecked()).toBe(true);
    // Belgian districts are not offered: the I-criterion applies to NL only.
    expect(await card.locator('input[data-district="be-limburg"]').count()).toBe(0);
    // Listed in the world's order, as a file lists them.
    await expect.poll(() => page.locator('#yaml-text').textContent()).toContain('districts:\n      - nl-oost-brabant\n      - nl-limburg');
    await expect.poll(() => page.locator('#problems').textContent()).toContain('1 policy event');
    await run(page);
    const after = { delta: await deltaBE(page), fills: await lastMonthFills(page) };
    expect(after.delta['cannabis/retail']).not.toBe(before.delta['cannabis/retail']);
    expect(after.fills).not.toEqual(before.fills);
    // The event is drawn on the time charts.
    expect(await page.locator('#over-time').textContent()).toContain('south');
    await page.screenshot({ path: path.join(SHOTS, 'explorer-run.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('marks a value out of range with the CLI’s message and will not run it', async () => {
    const { page, problems } = opened;
    const share = page.locator('fieldset.policy[data-type="i-criterion"] input.param-share');
    await share.fill('1.5');
    await expect.poll(() => page.locator('#problems').textContent()).toContain("policies[0].parameters.share: 1.5 is outside the range of i-criterion's share; expected a number from 0 to 1 (share of coffee shops).");
    expect(await share.getAttribute('aria-invalid')).toBe('true');
    await page.click('#run-button');
    expect(await page.locator('#status').textContent()).toContain('has problems');
    await share.fill('1');
    await expect.poll(() => share.getAttribute('aria-invalid')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('compares with the baseline on common random numbers: difference map, WDQ and quadrant', async () => {
    const { page, problems } = opened;
    await page.selectOption('#compare-with', 'without-policies');
    await run(page);
    const comparison = page.locator('section[id^="comparison-"]');
    expect(await comparison.count()).toBe(1);
    expect(await comparison.locator('svg[id$="-map"] path[data-district]').count()).toBe(22);
    expect(await comparison.locator('svg[id$="-quadrant"] g.quadrant-point').count()).toBeGreaterThan(0);
    const wdq = comparison.locator('table[id$="-wdq"]');
    expect(await wdq.count()).toBe(1);
    // The I-criterion acts on cannabis retail: its row has a quotient or says why not.
    expect(await wdq.textContent()).toMatch(/Cannabis retail/);
    await page.screenshot({ path: path.join(SHOTS, 'explorer-comparison.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('draws the replicates finished so far while the others run, then all of them', async () => {
    const { page, problems } = opened;
    await page.selectOption('#compare-with', '');
    await page.fill('#reps', '4');
    await page.fill('#workers', '1');
    await page.click('#run-button');
    await page.waitForSelector('#partial-note', { timeout: 60_000 });
    expect(await page.getAttribute('body', 'data-state')).toBe('running');
    expect(await page.locator('#partial-note').textContent()).toMatch(/Drawn from [123] of 4 replicates so far/);
    expect(await page.locator('#verdict-table tr[data-row]').count()).toBe(6);
    await page.waitForSelector('body[data-state="done"]', { timeout: 90_000 });
    expect(await page.locator('#partial-note').count()).toBe(0);
    expect(await page.locator('#fact-seed').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('stops a run on Stop, and is ready for the next', async () => {
    const { page, problems } = opened;
    await page.click('#run-button');
    await page.waitForSelector('#partial-note', { timeout: 60_000 });
    await page.click('#stop-button');
    await page.waitForSelector('body[data-state="stopped"]', { timeout: 10_000 });
    expect(await page.locator('#status').textContent()).toBe('Stopped.');
    expect(await page.locator('#run-button').isDisabled()).toBe(false);
    expect(await page.locator('#stop-button').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('can be worked from the keyboard alone: load, dates, a policy event with districts, run', async () => {
    const { page, problems } = await open();
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 400; i++) {
        if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('#start-from');
    await page.keyboard.type('baseline');
    await tabTo('#load');
    await page.keyboard.press('Enter');
    await tabTo('#scenario-name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('keyboard-only');
    await tabTo('#scenario-start');
    await page.keyboard.type('01012010');
    await tabTo('#scenario-end');
    await page.keyboard.type('12312011');
    await tabTo('#default-windows');
    await page.keyboard.press('Enter');
    await tabTo('#new-policy-type');
    await page.keyboard.type('i-crit');
    await tabTo('#add-policy');
    await page.keyboard.press('Enter');
    // The new event's first field has the focus.
    expect(await page.evaluate("document.activeElement?.classList.contains('policy-label')")).toBe(true);
    await page.keyboard.type('by keyboard');
    await tabTo('fieldset.policy input[type="radio"]:checked');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('fieldset.policy .target-districts').isChecked()).toBe(true);
    await tabTo('fieldset.policy input[data-district="nl-limburg"]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('#yaml-text').textContent()).toContain('- nl-limburg');
    const yaml = (await page.locator('#yaml-text').textContent()) ?? '';
    expect(yaml).toContain('start: 2010-01-01\nend: 2011-12-31');
    expect(yaml).toContain('label: by keyboard');
    await tabTo('#reps');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await tabTo('#run-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('#verdict-table tr[data-row]').count()).toBe(6);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('imports a scenario file as text, never as markup, and says what is wrong with a bad one as the CLI does', async () => {
    const { page, problems } = await open();
    const hostile = 'name: "<img src=x onerror=alert(1)>"\ndescription: "<script>alert(2)</script>"\nextends: baseline.yaml\nstart: 2010-01-01\nend: 2011-12-31\nanalysis: {before: [2010-01-01, 2010-12-31], after: [2011-01-01, 2011-12-31]}\n';
    await page.setInputFiles('#import-file', { name: 'hostile.yaml', mimeType: 'text/yaml', buffer: Buffer.from(hostile) });
    await expect.poll(() => page.inputValue('#scenario-name')).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('#import-text').textContent()).toBe(hostile);
    expect(await page.inputValue('#scenario-description')).toBe('<script>alert(2)</script>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#explorer script').count()).toBe(0);

    const bad = 'name: bad\ndescription: d\nstart: 2010-01-01\nend: 2011-12-31\npolicies:\n  - type: i-criterion\n    start: 2011-01-01\n    districts: [nl-limbourg]\n';
    await page.setInputFiles('#import-file', { name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
    await expect.poll(() => page.locator('#import-problems li').count()).toBe(1);
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, bad);
    const validated = cli('validate', file);
    expect(validated.status).toBe(2);
    // The same message but for the file's name: the page names it scenarios/imported.yaml.
    const message = (text: string) => text.slice(text.indexOf(':8:'));
    expect(message((await page.locator('#import-problems li').textContent()) ?? '')).toBe(message(validated.stderr.trim()));
    // The draft on screen is still the hostile one: a bad file changes nothing.
    expect(await page.inputValue('#scenario-name')).toBe('<img src=x onerror=alert(1)>');
    expect(problems).toEqual([]);
    await page.close();
  });
});

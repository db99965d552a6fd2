import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// What the browser tests share: Debian's Chromium (never a downloaded browser), the CLI that makes
// real results folders, and a page that records every console error, failed or unexpected request
// and dialog, so each test can assert that none happened.

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'results', 'browser');
export const haveChromium = fs.existsSync(CHROMIUM);
/** Without Chromium the tests fail, saying why; only an explicit opt-out outside CI skips them. */
export const optOut = !haveChromium && process.env.WATERBED_SKIP_BROWSER_TESTS === '1' && !process.env.CI;
if (optOut) console.warn(`browser tests skipped: ${CHROMIUM} not found and WATERBED_SKIP_BROWSER_TESTS=1`);

export function requireChromium(): void {
  if (haveChromium) return;
  throw new Error(
    `Chromium not found at ${CHROMIUM}. The browser tests drive Debian's Chromium headless: install it with ` +
      '`bash .ci/setup.d/chromium.sh` (as root; .ci/run does this in CI). On a machine without it, WATERBED_SKIP_BROWSER_TESTS=1 skips them (not in CI).',
  );
}

/** A fresh temporary profile per launch (Playwright's default), and no network side channels. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** `node bin/waterbed.js ...args` in the project (dist/ must be built, as `npm test` does). */
export function waterbed(...args: string[]): void {
  const r = spawnSync(process.execPath, ['bin/waterbed.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  if (r.status !== 0) throw new Error(`waterbed ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface Opened {
  page: Page;
  /** console errors, page errors, failed or unexpected requests, dialogs: all should stay empty */
  problems: string[];
}

export async function openReport(browser: Browser, report: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems: string[] = [];
  const url = pathToFileURL(report).href;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`unexpected request: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}

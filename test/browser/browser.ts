import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// What the browser tests share: a Chromium that `npm ci` brings (never one downloaded by a set-up
// step), the CLI that makes real results folders, and a page that records every console error,
// failed or unexpected request and dialog, so each test can assert that none happened.

export const ROOT = path.resolve(__dirname, '../..');
export const SHOTS = path.join(ROOT, 'results', 'browser');

/** The distribution's Chromium. Preferred where installed: it is ready to start, while the packaged
 * build is first unpacked (~200 MB into the temporary directory, 2-4 s), and the distribution keeps
 * it patched. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** A dev dependency that ships a headless Chromium for Linux x86-64 inside the npm package itself
 * (brotli-packed, no install script), so `npm ci` is the whole set-up. */
const PACKAGE = '@sparticuz/chromium';

interface Executable {
  /** where it came from, for messages */
  source: string;
  path: string;
  env?: Record<string, string | undefined>;
}

/** The package's folder and version, found from its entry point (its exports hide package.json). */
function packageRoot(): { dir: string; version: string } {
  for (let dir = path.dirname(require.resolve(PACKAGE)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    const pkg = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string }) : {};
    if (pkg.name === PACKAGE && pkg.version) return { dir, version: pkg.version };
  }
  throw new Error(`${PACKAGE} has no package.json above ${require.resolve(PACKAGE)}`);
}

/**
 * The packaged Chromium, unpacked by the package itself once per package version. The package
 * unpacks into os.tmpdir() and trusts any `chromium` it finds there, so a child process does it with
 * TMPDIR pointing at a folder of our own, which is renamed into place only when complete: test files
 * starting in parallel, an interrupted unpacking or an older version left in /tmp never launch half
 * a binary or the wrong one. AWS_LAMBDA_JS_RUNTIME makes it unpack also its copies of the libraries
 * Chromium links (NSS, NSPR, expat), which it otherwise does only on AWS Lambda: with them on
 * LD_LIBRARY_PATH the browser needs nothing from the machine beyond glibc.
 */
function packagedChromium(): Executable {
  const { dir: packageDir, version } = packageRoot();
  const folder = path.join(os.tmpdir(), `waterbed-chromium-${version}`);
  if (!fs.existsSync(folder)) {
    const partial = fs.mkdtempSync(`${folder}.partial-`);
    const unpack = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { default: c } = await import(${JSON.stringify(PACKAGE)}); await c.executablePath(process.argv[1]);`, path.join(packageDir, 'bin')],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: partial, AWS_LAMBDA_JS_RUNTIME: 'nodejs20.x' } },
    );
    if (unpack.status !== 0) {
      fs.rmSync(partial, { recursive: true, force: true });
      throw new Error(`${PACKAGE} ${version} could not unpack its Chromium into ${partial}:\n${unpack.stderr}`);
    }
    try {
      fs.renameSync(partial, folder);
    } catch (e) {
      // Another test file renamed its copy first: use that one.
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(folder)) throw e;
    }
  }
  return {
    source: `${PACKAGE} ${version}`,
    path: path.join(folder, 'chromium'),
    env: { ...process.env, LD_LIBRARY_PATH: [path.join(folder, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) },
  };
}

/**
 * Chromium headless, a fresh temporary profile per launch (Playwright's default). Playwright itself
 * passes --headless, --no-sandbox and switches that keep the browser off the network
 * (--disable-background-networking, --disable-component-update, --disable-sync, --no-first-run); they
 * are repeated here because the tests assert that nothing is requested. The package's own Lambda
 * flags are left out on purpose: --disable-web-security and --allow-running-insecure-content would
 * let a report do in the test what a reader's browser forbids, and --single-process is needed only
 * in Lambda's sandbox. Requests the page itself makes (pings included) stay visible to the tests.
 * Fails, saying why, when no Chromium can be launched: the browser tests are never skipped.
 */
export async function launchChromium(): Promise<Browser> {
  let browser: Executable | undefined;
  try {
    browser = fs.existsSync(SYSTEM_CHROMIUM) ? { source: 'the system', path: SYSTEM_CHROMIUM } : packagedChromium();
    return await chromium.launch({
      executablePath: browser.path,
      env: browser.env,
      args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-domain-reliability', '--disable-sync', '--no-first-run'],
    });
  } catch (e) {
    throw new Error(
      `The browser tests could not launch Chromium${browser ? ` (${browser.source}'s, ${browser.path})` : ''}: ${(e as Error).message}\n` +
        `They use ${SYSTEM_CHROMIUM} where it exists, else the Linux x86-64 build in the ${PACKAGE} dev dependency (this is ${process.platform} ${process.arch}); ` +
        '`npm ci` installs it. Elsewhere, install Chromium at /usr/bin/chromium.',
    );
  }
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

/**
 * Opens a page from disk and waits for it to be ready. `local`: URLs besides the page's own that
 * are no network request and may be asked for (the explorer's workers and downloads: blob: URLs it
 * made itself).
 */
export async function openReport(browser: Browser, report: string, local: (url: string) => boolean = () => false): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  const problems: string[] = [];
  const url = pathToFileURL(report).href;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => {
    if (r.url() !== url && !local(r.url())) problems.push(`unexpected request: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}

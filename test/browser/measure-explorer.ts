// Measures the explorer against the CLI on this machine (README, "The scenario explorer"): the
// 1995-2025 history with 4 replicates, seed 1 and 2 workers, in the page (Chromium, from the Run
// button to the drawn report) and with `waterbed run` (the whole command: replicates, files,
// report). Also checks that both wrote the same summary.json and how long the page's thread was
// ever kept busy during the run (the longest gap between ticks of a 50 ms timer). Writes the
// README's pictures, docs/explorer-policies.png and docs/explorer-map.png.
// Run: npm run build && npx ts-node -T test/browser/measure-explorer.ts [REPS]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, openReport, ROOT, waterbed } from './browser';

const SCENARIO = 'scenarios/dismark-history.yaml';

async function main(): Promise<void> {
  const reps = process.argv[2] ?? '4';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-measure-'));
  const page_ = path.join(tmp, 'explorer.html');
  waterbed('explorer', '--out', page_);

  const t0 = performance.now();
  const cli = spawnSync(process.execPath, ['bin/waterbed.js', 'run', SCENARIO, '--reps', reps, '--seed', '1', '--workers', '2', '--out', path.join(tmp, 'cli')], { cwd: ROOT, encoding: 'utf8' });
  const cliMs = performance.now() - t0;
  if (cli.status !== 0) throw new Error(cli.stderr);

  const browser = await launchChromium();
  const { page, problems } = await openReport(browser, page_, (url) => url.startsWith('blob:'));
  await page.selectOption('#start-from', SCENARIO);
  await page.click('#load');
  await page.fill('#reps', reps);
  await page.fill('#seed', '1');
  await page.fill('#workers', '2');
  // A 50 ms timer on the page's thread: the longest gap between its ticks is how long the page was unresponsive.
  await page.evaluate(`(() => { let last = performance.now(); window.__gap = 0; setInterval(() => { const now = performance.now(); window.__gap = Math.max(window.__gap, now - last - 50); last = now; }, 50); })()`);
  await page.click('#run-button');
  await page.waitForSelector('body[data-state="done"]', { timeout: 600_000 });
  const pageMs = Number(await page.getAttribute('#status', 'data-elapsed-ms'));
  const gap = Number(await page.evaluate('window.__gap'));
  const phase = async (name: string) => Number(await page.getAttribute('#status', `data-${name}-ms`)) / 1000;
  const [simulated, aggregated] = [await phase('simulated'), await phase('aggregated')];
  const same = (await page.locator('#summary-json').textContent()) === fs.readFileSync(path.join(tmp, 'cli', 'summary.json'), 'utf8');
  // The README's pictures: the history's policy events in their forms, and the run's map.
  await page.setViewportSize({ width: 1366, height: 1600 });
  await page.evaluate(`document.getElementById('policies').scrollIntoView()`);
  const box = (await page.locator('#policies').boundingBox())!;
  const second = (await page.locator('fieldset.policy').nth(1).boundingBox())!;
  await page.screenshot({ path: path.join(ROOT, 'docs', 'explorer-policies.png'), clip: { x: box.x, y: box.y, width: box.width, height: second.y + second.height - box.y + 8 } });
  if ((await page.getAttribute('#map-play', 'aria-pressed')) === 'true') await page.click('#map-play');
  await page.locator('#map-slider').fill('300');
  await page.locator('section#map').screenshot({ path: path.join(ROOT, 'docs', 'explorer-map.png') });
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${SCENARIO}, ${reps} replicates, seed 1, 2 workers`);
  console.log(`CLI (waterbed run, whole command): ${(cliMs / 1000).toFixed(1)} s`);
  console.log(`explorer (Run to drawn report):   ${(pageMs / 1000).toFixed(1)} s (${(pageMs / cliMs).toFixed(2)} × the CLI)`);
  console.log(`  of which replicates ${simulated.toFixed(1)} s, aggregation ${(aggregated - simulated).toFixed(1)} s, drawing ${(pageMs / 1000 - aggregated).toFixed(1)} s`);
  console.log(`longest the page's thread was busy during the run: ${Math.round(gap)} ms`);
  console.log(`same summary.json: ${same ? 'yes' : 'NO'}; page problems: ${problems.length ? problems.join('; ') : 'none'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, waterbed } from './cliRun';

// `waterbed explorer` on the command line (dist/ built, as `npm test` does): the file it writes, and
// what it says to an --out it cannot write. What the page does is test/browser/explorer.test.ts's.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-explorer-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('waterbed explorer', () => {
  it('writes one HTML file, making its folder, and says where and how large', () => {
    const out = path.join(tmp, 'new', 'folder', 'explorer.html');
    const r = waterbed('explorer', '--out', out);
    expectStatus(r, 0);
    expect(r.stdout).toMatch(/^explorer: .*explorer\.html \(\d\.\d MB; open it in a browser, nothing to install\)$/m);
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<main id="explorer"></main>');
    expect(html).toContain('<script id="explorer-code">');
    // The library is inlined: the page offers every scenario file of scenarios/.
    for (const f of fs.readdirSync(path.join(__dirname, '../../scenarios')).filter((n) => n.endsWith('.yaml'))) expect(html).toContain(`scenarios/${f}`);
  });

  it('refuses a folder or a name that is not .html, with exit status 2 and one message', () => {
    const asFolder = waterbed('explorer', '--out', tmp);
    expectStatus(asFolder, 2);
    expect(asFolder.stderr).toContain('is a folder; expected the HTML file to write');
    const notHtml = waterbed('explorer', '--out', path.join(tmp, 'explorer.txt'));
    expectStatus(notHtml, 2);
    expect(notHtml.stderr).toContain('expected a file name ending in .html');
    expect(notHtml.stderr).not.toMatch(/^\s*at /m);
    expect(fs.existsSync(path.join(tmp, 'explorer.txt'))).toBe(false);
  });
});

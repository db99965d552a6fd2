import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, renderPage } from '../../viz/html';

// The page shell: text escaped, data inlined so it cannot end its <script>, scripts allowed by hash.

const NASTY = '<img src=x onerror=alert(1)></script><!-- & "q" \'s\' \u2028';

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(NASTY)).toBe('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;!-- &amp; &quot;q&quot; &#39;s&#39; \u2028');
  });
});

describe('jsonForScript', () => {
  it('contains no "<", so neither "</script>" nor "<!--", and parses back to the same value', () => {
    const value = { name: NASTY, list: ['</SCRIPT >', '<!--x-->'] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/</);
    expect(text).not.toMatch(/\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('renderPage', () => {
  const page = renderPage({ title: NASTY, css: 'body{}', scripts: [{ name: 'a.js', code: 'var a = 1;' }], data: { name: NASTY } });

  it('escapes the title and inlines the data as inert JSON', () => {
    expect(page).toContain(`<title>${escapeHtml(NASTY)}</title>`);
    expect(page).not.toContain('<img');
    const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1];
    expect(JSON.parse(json)).toEqual({ name: NASTY });
  });

  it('allows exactly its own scripts, by hash, and no network', () => {
    const hash = createHash('sha256').update('var a = 1;').digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1].replace(/&#39;/g, "'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(page).toContain('<script>var a = 1;</script>');
  });

  it('refuses a script that would end its own element', () => {
    expect(() => renderPage({ title: 't', css: '', scripts: [{ name: 'bad.js', code: 'x = "</script>"' }], data: {} })).toThrow(/bad\.js/);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The README's "Use it from code" example is real code: it is type-checked against the sources as a
// file in the repository root, then run on the build (dist/, which `npm test` makes first).

const ROOT = path.resolve(__dirname, '../..');
const HEADING = '## Use it from code';

function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(`\n${HEADING}\n`)[1]?.split('\n## ')[0];
  if (section === undefined) throw new Error(`README.md has no section "${HEADING}"`);
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error(`README.md's "${HEADING}" has no \`\`\`ts block`);
  return code;
}

/** Type errors of `code` as if it were the file `try.ts` in the repository root, with the project's compiler options. */
function typeErrors(code: string): string[] {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const file = path.join(ROOT, 'try.ts');
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile;
  host.fileExists = (f) => f === file || ts.sys.fileExists(f);
  host.readFile = (f) => (f === file ? code : readFile(f));
  const program = ts.createProgram([file], { ...options, noEmit: true }, host);
  const source = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
    const at = d.start === undefined ? '' : `line ${source.getLineAndCharacterOfPosition(d.start).line + 1}: `;
    return at + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe("README's example of using the engine from code", () => {
  const code = readmeExample();

  it('type-checks against the sources', () => {
    expect(typeErrors(code)).toEqual([]);
  });

  it('runs one replicate and prints a figure from it', () => {
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    // The example imports './sim/…' from the repository root; the build of those modules is in dist/sim/.
    const built = js.replace(/require\("\.\/sim\//g, `require(${JSON.stringify(path.join(ROOT, 'dist', 'sim'))} + "/`);
    expect(built).not.toBe(js);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-readme-'));
    try {
      fs.writeFileSync(path.join(dir, 'try.js'), built);
      const out = execFileSync(process.execPath, [path.join(dir, 'try.js')], { cwd: ROOT, encoding: 'utf8' });
      const m = /^(\d{4}-\d{2}): (\d+) cannabis plantations in Belgium\n$/.exec(out);
      expect(m, out).not.toBeNull();
      expect(m![1]).toBe('2025-12');
      expect(Number(m![2])).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

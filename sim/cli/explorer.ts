import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../io/atomic';
import { projectPath, toolVersion } from '../io/project';
import { buildExplorer } from '../../viz/explorerPage';
import { d3Bundle } from './writeReport';
import { UserError } from './userError';

// `waterbed explorer [--out FILE]`: writes the explorer, one HTML file that runs the simulator in a browser.

export const DEFAULT_EXPLORER = path.join('results', 'explorer.html');

/** The explorer's bundle, made by `npm run build` (explorer/bundle.js). */
function bundleFile(): string {
  const file = projectPath('dist', 'explorer', 'explorer.js');
  if (!fs.existsSync(file)) throw new UserError(`${file}: not found; the explorer's bundle is made by \`npm run build\` (it needs the dev dependencies: npm ci). Run it, then waterbed explorer again.`);
  return file;
}

export async function explorerCommand(out: string | undefined, log: (line: string) => void): Promise<string> {
  const file = path.resolve(out ?? DEFAULT_EXPLORER);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new UserError(`--out ${out}: is a folder; expected the HTML file to write, e.g. --out ${path.join(out ?? '.', 'explorer.html')}.`);
  }
  if (!/\.html?$/i.test(file)) throw new UserError(`--out ${out}: expected a file name ending in .html (a browser opens it by its extension), e.g. --out explorer.html.`);
  const html = buildExplorer({ root: projectPath(), pageDir: projectPath('viz', 'page'), d3File: d3Bundle(), bundleFile: bundleFile(), version: toolVersion() });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, html);
  log(`explorer: ${path.relative(process.cwd(), file) || file} (${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB; open it in a browser, nothing to install)`);
  return file;
}

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ExplorerData, LibraryFile } from '../explorer/data';
import { parseDistrictsCsv } from '../sim/world/districtsCsv';
import { loadDistrictMap } from './geo';
import { renderPage } from './html';
import { COMMON_SCRIPTS } from './report';
import { COMPARISON_SCRIPTS, RUN_SCRIPTS } from './sections';

// The explorer's page (`waterbed explorer`): one self-contained HTML file, like the report, with the
// report's styles and page code (viz/page) and d3 to draw, the explorer's bundle (the engine, the
// scenario loader and the report's data functions: explorer/bundle.js builds it at build time)
// and the data the CLI reads from the project's files, inlined. Its Content-Security-Policy allows
// only its own scripts and workers made from them: the page can make no network request.

/** The largest page the explorer may be: it must stay quick to open and to send by e-mail. */
export const EXPLORER_MAX_BYTES = 5 * 1024 * 1024;

export interface ExplorerAssets {
  root: string;
  /** viz/page */
  pageDir: string;
  d3File: string;
  /** dist/explorer/explorer.js */
  bundleFile: string;
  version: string;
}

/** The scenario files of the library: scenarios/*.yaml (sweep and calibration files live in subfolders). */
export function libraryFiles(root: string): LibraryFile[] {
  const dir = path.join(root, 'scenarios');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ path: `scenarios/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export function explorerData(assets: ExplorerAssets): ExplorerData {
  const read = (...parts: string[]) => fs.readFileSync(path.join(assets.root, ...parts), 'utf8');
  return {
    version: assets.version,
    catalog: YAML.parse(read('sim', 'params', 'parameters.yaml')),
    districts: parseDistrictsCsv(read('sim', 'world', 'data', 'districts.csv')),
    map: loadDistrictMap(path.join(assets.root, 'sim', 'world', 'data')),
    library: libraryFiles(assets.root),
  };
}

export function buildExplorer(assets: ExplorerAssets): string {
  const read = (name: string) => fs.readFileSync(path.join(assets.pageDir, name), 'utf8');
  const html = renderPage({
    title: 'waterbed explorer: what if?',
    css: `${read('report.css')}\n${read('explorer.css')}`,
    scripts: [
      { name: 'd3.min.js', code: fs.readFileSync(assets.d3File, 'utf8') },
      ...[...COMMON_SCRIPTS, ...RUN_SCRIPTS, ...COMPARISON_SCRIPTS].map((name) => ({ name, code: read(name) })),
      { name: 'explorer.js', code: fs.readFileSync(assets.bundleFile, 'utf8'), id: 'explorer-code' },
    ],
    data: explorerData(assets),
    rootId: 'explorer',
    dataId: 'explorer-data',
    noscript: 'The explorer runs the simulator in this page with JavaScript; please allow scripts for this file.',
    workers: true,
  });
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > EXPLORER_MAX_BYTES) throw new Error(`explorer: the page would be ${(bytes / 1e6).toFixed(1)} MB, more than the ${EXPLORER_MAX_BYTES / 1024 / 1024} MiB allowed`);
  return html;
}

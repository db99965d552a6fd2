import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../sim/io/atomic';
import { renderPage } from './html';
import { MissingResultsError, REPORT, SERIES } from './inputs';
import { partsFor, PART_SOURCES, type PartSource, type ReportContext } from './sections';

// Builds DIR/report.html from the documented files of a results folder: one self-contained file
// with the styles, d3, the page scripts and the prepared data inlined, so it opens from disk with
// no server and no network.

export interface ReportAssets {
  /** viz/page: the page's scripts and styles */
  pageDir: string;
  /** d3's browser bundle */
  d3File: string;
}

/** Common page scripts, before the parts' own; main.js runs last. */
export const COMMON_SCRIPTS = ['common.js'];
const MAIN_SCRIPT = 'main.js';

export async function buildReport(dir: string, ctx: ReportContext, assets: ReportAssets, sources: readonly PartSource[] = PART_SOURCES): Promise<string> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new MissingResultsError(`${dir}: no such folder. Name a results folder written by \`waterbed run\`, \`compare\`, \`sweep\` or \`calibrate\`.`);
  const found = partsFor(dir, sources);
  if (found.length === 0) {
    const wanted = sources.map((s) => s.files.join(', ')).join('; or ');
    // Before series.parquet a run's folder had its series as series.csv only.
    const older = fs.existsSync(path.join(dir, 'series.csv')) && !fs.existsSync(path.join(dir, SERIES))
      ? ` It has series.csv but no ${SERIES}: it was written by an older waterbed; run the scenario again to get a report.`
      : '';
    throw new MissingResultsError(`${dir}: not a results folder (expected ${wanted}).${older}`);
  }
  const parts = [];
  for (const source of found) parts.push(await source.build(dir, ctx));
  const read = (name: string) => fs.readFileSync(path.join(assets.pageDir, name), 'utf8');
  const pageScripts = [...COMMON_SCRIPTS, ...new Set(parts.flatMap((p) => p.scripts)), MAIN_SCRIPT];
  return renderPage({
    title: parts[0].title,
    css: read('report.css'),
    scripts: [{ name: 'd3.min.js', code: fs.readFileSync(assets.d3File, 'utf8') }, ...pageScripts.map((name) => ({ name, code: read(name) }))],
    data: { title: parts[0].title, subtitle: parts[0].subtitle, parts: parts.map((p) => ({ kind: p.kind, data: p.data })) },
  });
}

/** Writes DIR/report.html atomically, so a reader never sees half a report; returns its path. */
export async function writeReportFile(dir: string, ctx: ReportContext, assets: ReportAssets): Promise<string> {
  const html = await buildReport(dir, ctx, assets);
  const file = path.join(dir, REPORT);
  await writeFileAtomically(file, html);
  return file;
}

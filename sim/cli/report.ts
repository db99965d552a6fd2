import path from 'node:path';
import { projectPath } from '../io/project';
import { MissingResultsError } from '../../viz/inputs';
import { writeReportFile } from '../../viz/report';
import type { SeriesColumns } from '../../viz/seriesParquet';
import { UserError } from './userError';

// `waterbed report DIR`: (re)builds DIR/report.html from the results folder's documented files.
// `run` calls writeReport at its end, so every results folder comes with its report.

/** d3's browser bundle. d3's package exports only its ES modules; its folder is found from them. */
function d3Bundle(): string {
  return path.join(path.dirname(require.resolve('d3')), '..', 'dist', 'd3.min.js');
}

/**
 * Writes DIR/report.html and returns its path; `series`: the columns of DIR/series.parquet when the
 * caller just wrote them. A folder that is not a results folder is a UserError.
 */
export async function writeReport(dir: string, series?: SeriesColumns): Promise<string> {
  try {
    return await writeReportFile(
      path.resolve(dir),
      { dataDir: projectPath('sim', 'world', 'data'), generatedAt: new Date(), series },
      { pageDir: projectPath('viz', 'page'), d3File: d3Bundle() },
    );
  } catch (err) {
    if (err instanceof MissingResultsError) throw new UserError(err.message);
    throw err;
  }
}

export async function reportCommand(dir: string, log: (l: string) => void): Promise<number> {
  const file = await writeReport(dir);
  log(`report: ${path.relative(process.cwd(), file) || file}`);
  return 0;
}

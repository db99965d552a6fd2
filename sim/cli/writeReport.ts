import path from 'node:path';
import { projectPath } from '../io/project';
import { writeReportFile } from '../../viz/report';
import type { SeriesColumns } from '../../viz/seriesParquet';

// DIR/report.html from a results folder. `run`, `compare`, `sweep` and `sweep merge` call it at their
// end, so every results folder comes with its report; `report` rebuilds it.

/** d3's browser bundle. d3's package exports only its ES modules; its folder is found from them. */
export function d3Bundle(): string {
  return path.join(path.dirname(require.resolve('d3')), '..', 'dist', 'd3.min.js');
}

/**
 * Writes DIR/report.html and returns its path; `series`: the columns of DIR/series.parquet when the
 * caller just wrote them. A folder that is not a results folder is a UserError (viz/inputs.ts).
 */
export async function writeReport(dir: string, series?: SeriesColumns): Promise<string> {
  return writeReportFile(
    path.resolve(dir),
    { dataDir: projectPath('sim', 'world', 'data'), generatedAt: new Date(), series },
    { pageDir: projectPath('viz', 'page'), d3File: d3Bundle() },
  );
}

import path from 'node:path';
import { projectPath } from '../io/project';
import { writeReportFile } from '../../viz/report';
import type { SeriesColumns } from '../../viz/seriesParquet';
import type { FlowRow } from '../../viz/flows';

// DIR/report.html from a results folder. `run`, `compare`, `sweep` and `sweep merge` call it at their
// end, so every results folder comes with its report; `report` rebuilds it.

/** d3's browser bundle. d3's package exports only its ES modules; its folder is found from them. */
export function d3Bundle(): string {
  return path.join(path.dirname(require.resolve('d3')), '..', 'dist', 'd3.min.js');
}

/**
 * Writes DIR/report.html and returns its path; `written`: the columns of DIR/series.parquet and the
 * rows of DIR/flows.csv when the caller just wrote them (writeRunResults). A folder that is not a
 * results folder is a UserError (viz/inputs.ts).
 */
export async function writeReport(dir: string, written?: { series: SeriesColumns; flows: readonly FlowRow[] }): Promise<string> {
  return writeReportFile(
    path.resolve(dir),
    { dataDir: projectPath('sim', 'world', 'data'), generatedAt: new Date(), series: written?.series, flows: written?.flows },
    { pageDir: projectPath('viz', 'page'), d3File: d3Bundle() },
  );
}

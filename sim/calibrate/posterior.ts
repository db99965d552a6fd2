import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { parseCsv } from '../io/csv';
import { displayPath } from '../scenario/displayPath';
import { ScenarioError } from '../scenario/errors';
import { formatKeyPath, parseYamlBytes, type At } from '../scenario/yamlText';
import { PLAN_FILE, POSTERIOR_CSV, SUMMARY_FILE } from './fileNames';

// A finished calibration's posterior sample read back from its folder, for what runs the model at
// the posterior's points (`check-history --robustness K --posterior DIR`). calibration.json says
// which calibration it was, of which scenario, and the parameters' factor paths; posterior.csv
// holds the accepted points (docs/OUTPUTS.md, "The calibration folder").

export interface PosteriorParameter {
  /** the column of posterior.csv */
  name: string;
  /** the factor path the calibration set it by (sim/sweep/factors.ts) */
  path: string;
  /** where calibration.json gives the path, for messages about it */
  at: At;
}

export interface PosteriorSample {
  /** the folder as messages and output name it */
  shown: string;
  calibration: string;
  scenario: { name: string; scenarioHash: string };
  parameters: PosteriorParameter[];
  /** the accepted ABC points, in posterior.csv's order */
  points: { id: string; values: number[] }[];
}

interface SummaryFields {
  calibration?: { name?: unknown };
  scenario?: { name?: unknown; scenarioHash?: unknown };
  parameters?: { name?: unknown; path?: unknown }[];
  outcome?: unknown;
  stoppedAfter?: unknown;
  posterior?: { ids?: unknown } | null;
}

const FINISHED = 'a finished calibration folder (what `waterbed calibrate FILE --out DIR` writes: calibration.json and posterior.csv)';

/**
 * Reads the posterior of the calibration folder `dir`; a folder that holds none is the user's mistake,
 * said as such, beginning with `asked` (how the folder was asked for: `--posterior DIR` by default).
 */
export function readPosteriorSample(dir: string, asked?: string): PosteriorSample {
  const absolute = path.resolve(dir);
  const shown = displayPath(absolute);
  const ask = asked ?? `--posterior ${shown}`;
  if (!fs.existsSync(absolute)) throw new UserError(`${ask}: no such folder; expected ${FINISHED}.`);
  if (!fs.statSync(absolute).isDirectory()) throw new UserError(`${ask}: not a folder; expected ${FINISHED}.`);
  const summaryFile = path.join(absolute, SUMMARY_FILE);
  if (!fs.existsSync(summaryFile)) {
    // calibration.json is written last: with plan.json alone the calibration is under way or stopped.
    if (fs.existsSync(path.join(absolute, PLAN_FILE))) {
      throw new UserError(`${ask}: the calibration has not finished (no ${SUMMARY_FILE}, which it writes last); expected ${FINISHED}. Finish it with \`waterbed calibrate FILE --out ${shown} --resume\`.`);
    }
    throw new UserError(`${ask}: not a calibration folder (no ${SUMMARY_FILE}); expected ${FINISHED}.`);
  }
  // JSON is YAML: read this way, the places of the parameters' paths are known for messages.
  const source = parseYamlBytes(summaryFile, displayPath(summaryFile), fs.readFileSync(summaryFile), 'a calibration summary');
  const summary = source.doc.toJS() as SummaryFields;
  const bad = (keyPath: (string | number)[], problem: string, expected: string): never => {
    throw new ScenarioError({ file: source.display, line: source.lineOf(source.doc.getIn(keyPath, true)), keyPath: keyPath.length ? formatKeyPath(keyPath) : undefined, problem, expected, suggestion: `Is ${shown} a calibration folder written by this version of waterbed? Run the calibration again.` });
  };
  if (!summary || typeof summary !== 'object') bad([], 'not a calibration summary', 'the JSON object `waterbed calibrate` writes');
  const text = (value: unknown, keyPath: (string | number)[], expected: string): string => (typeof value === 'string' && value ? value : bad(keyPath, `${JSON.stringify(value ?? null)} is not ${expected}`, expected));
  const calibration = text(summary.calibration?.name, ['calibration', 'name'], "the calibration's name");
  const scenario = { name: text(summary.scenario?.name, ['scenario', 'name'], "the calibrated scenario's name"), scenarioHash: text(summary.scenario?.scenarioHash, ['scenario', 'scenarioHash'], "the resolved scenario's sha256") };

  if (summary.outcome === 'nothing-survives') {
    const after = typeof summary.stoppedAfter === 'string' ? ` ${summary.stoppedAfter}` : '';
    throw new UserError(
      `${ask}: nothing survives${after} in the calibration ${calibration} (${SUMMARY_FILE}: outcome nothing-survives), so it has no posterior to draw points from; expected a calibration that ended with a posterior. ` +
        `Its summary names the targets that conflict (docs/CALIBRATING.md, "When nothing survives"); or leave out --posterior for ±25% points on the uncertain parameters.`,
    );
  }
  if (summary.outcome !== 'posterior') bad(['outcome'], `${JSON.stringify(summary.outcome ?? null)} is not an outcome`, 'posterior or nothing-survives');
  if (!Array.isArray(summary.parameters) || summary.parameters.length === 0) bad(['parameters'], 'no parameters', "the calibration's parameters, { name, path } each");
  const parameters = summary.parameters!.map((p, k): PosteriorParameter => {
    const keyPath = ['parameters', k, 'path'];
    return {
      name: text(p?.name, ['parameters', k, 'name'], "a parameter's column name"),
      path: text(p?.path, keyPath, "a parameter's factor path"),
      at: { source, path: keyPath, line: source.lineOf(source.doc.getIn(keyPath, true)) },
    };
  });
  const ids = summary.posterior?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) bad(['posterior', 'ids'], 'no accepted points', "the ids of the posterior's accepted points");

  return { shown, calibration, scenario, parameters, points: readPosteriorCsv(absolute, shown, ask, parameters, ids as string[]) };
}

/** posterior.csv's rows: each accepted point's id and its parameters' values, which must be those calibration.json lists. */
function readPosteriorCsv(dir: string, shown: string, ask: string, parameters: readonly PosteriorParameter[], ids: readonly string[]): PosteriorSample['points'] {
  const file = path.join(dir, POSTERIOR_CSV);
  const named = displayPath(file);
  if (!fs.existsSync(file)) throw new UserError(`${ask}: ${SUMMARY_FILE} says the calibration has a posterior, but ${named} is missing; expected ${FINISHED}. Write it again with \`waterbed calibrate FILE --out ${shown} --resume\` (its runs are stored).`);
  const rows = parseCsv(fs.readFileSync(file, 'utf8')).filter((row) => row.length > 1 || row[0] !== '');
  const header = rows[0] ?? [];
  const columns = parameters.map((p) => header.indexOf(p.name));
  const pointColumn = header.indexOf('point');
  const missing = parameters.filter((_, k) => columns[k] < 0).map((p) => p.name);
  if (pointColumn < 0 || missing.length) {
    throw new UserError(`${named}: no column ${[...(pointColumn < 0 ? ['point'] : []), ...missing].join(', ')}; expected the columns point, distance and one per parameter of ${SUMMARY_FILE} (${parameters.map((p) => p.name).join(', ')}).`);
  }
  const points = rows.slice(1).map((row, r) => ({
    id: row[pointColumn],
    values: columns.map((c, k) => {
      const value = row[c] === undefined || row[c] === '' ? NaN : Number(row[c]);
      if (!Number.isFinite(value)) throw new UserError(`${named}, row ${r + 2}, column ${parameters[k].name}: "${row[c] ?? ''}" is not a number; expected the point's value of the parameter.`);
      return value;
    }),
  }));
  const differs = points.findIndex((p, i) => p.id !== ids[i]);
  if (points.length !== ids.length || differs >= 0) {
    const how = points.length !== ids.length ? `${points.length} rows for ${ids.length} points` : `row ${differs + 2} is ${points[differs].id}, not ${ids[differs]}`;
    throw new UserError(`${named} does not hold the accepted points ${SUMMARY_FILE} lists (posterior.ids): ${how}; expected the two files of one calibration. Write them again with \`waterbed calibrate FILE --out ${shown} --resume\` (its runs are stored).`);
  }
  return points;
}

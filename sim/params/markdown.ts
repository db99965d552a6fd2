import type { Catalog, ParameterSpec } from './catalog';

// The parameter catalogue as a Markdown table, for docs/ODD.md. Pure: a catalogue and the world's
// district order in, text out. The document holds the table between two marker lines, and
// `replaceParameterTable` swaps a fresh table in, so the documentation is generated and never drifts
// from sim/params/parameters.yaml (test/unit/odd-doc.test.ts checks it).

export const PARAMETERS_BEGIN = '<!-- parameters:begin -->';
export const PARAMETERS_END = '<!-- parameters:end -->';

const COLUMNS = ['parameter', 'default', 'unit', 'range', 'uncertain', 'source', 'description'] as const;

/** A cell's text on one line, with the characters that would break a Markdown table escaped. */
function cell(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').trim();
}

function num(value: number): string {
  return String(value);
}

/**
 * The default: a single number, or for a per-district parameter the value every district gets
 * unless listed, followed by the districts that differ (in the world's district order; ids the
 * world does not know, if any, last and alphabetically, so a typo stays visible).
 */
function defaultCell(spec: ParameterSpec, districtIds: readonly string[]): string {
  if (!spec.perDistrict) return num(spec.value);
  const exceptions = spec.districts ?? {};
  const known = districtIds.filter((id) => id in exceptions);
  const unknown = Object.keys(exceptions)
    .filter((id) => !districtIds.includes(id))
    .sort();
  const listed = [...known, ...unknown].map((id) => `${id} ${num(exceptions[id])}`);
  return listed.length === 0 ? `${num(spec.value)} (every district)` : `${num(spec.value)}; ${listed.join(', ')}`;
}

/** One row per catalogued parameter, in the order of the parameters file. */
export function parameterTableMarkdown(catalog: Catalog, districtIds: readonly string[]): string {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const spec of catalog.values()) {
    const cells = [
      `\`${spec.path}\``,
      cell(defaultCell(spec, districtIds)),
      cell(spec.unit),
      `[${num(spec.range[0])}, ${num(spec.range[1])}]${spec.posterior ? `; posterior 5%–95%: [${num(spec.posterior[0])}, ${num(spec.posterior[1])}]` : ''}`,
      spec.uncertain ? 'yes' : '',
      cell(spec.source),
      cell(spec.description),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The text between the marker lines of a document, or undefined when the markers are missing. */
export function parameterSection(doc: string): string | undefined {
  const begin = doc.indexOf(PARAMETERS_BEGIN);
  const end = doc.indexOf(PARAMETERS_END);
  if (begin < 0 || end < begin) return undefined;
  return doc.slice(begin + PARAMETERS_BEGIN.length, end);
}

/** The document with the text between the marker lines replaced by `table`. */
export function replaceParameterTable(doc: string, table: string): string {
  const begin = doc.indexOf(PARAMETERS_BEGIN);
  const end = doc.indexOf(PARAMETERS_END);
  if (begin < 0 || end < begin) throw new Error(`the document has no ${PARAMETERS_BEGIN} … ${PARAMETERS_END} section`);
  return `${doc.slice(0, begin + PARAMETERS_BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

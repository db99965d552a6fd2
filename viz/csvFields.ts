// Fields of the small CSV files the report reads (flows.csv, the district seats): RFC 4180 quoting
// and numbers as waterbed writes them. The series itself is read from Parquet (viz/seriesParquet.ts).

/** The fields of one CSV line, RFC 4180 quoting (these files' fields never hold line breaks). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unclosed quote in a CSV line: ${line}`);
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** A number as waterbed's CSV files write it: empty is NA (NaN), `Inf`/`-Inf` are infinities. */
export function parseCsvNumber(field: string): number {
  if (field === '') return NaN;
  if (field === 'Inf') return Infinity;
  if (field === '-Inf') return -Infinity;
  return Number(field);
}

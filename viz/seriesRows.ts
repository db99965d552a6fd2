import type { TotalRow } from './totals';

// The total rows of the series, from series.parquet's columns (seriesParquet.ts reads them; the CLI
// hands over those it wrote; the explorer makes them with the same writer's code), column by column:
// the default job's file has ~1.2 M rows, so no object is made per row, and breakdown rows are
// skipped at once, since the report shows totals only (adding breakdowns to totals would count
// things twice).

/** The columns the report reads, as series.parquet names them. */
export const COLUMNS = ['date', 'district', 'country', 'market', 'echelon', 'channel', 'buyer', 'origin', 'size', 'metric', 'value', 'lo', 'hi'] as const;
type Column = (typeof COLUMNS)[number];
/** A text column: one string per row (as read), or a dictionary and each row's index into it (as written). */
export type TextColumn = ArrayLike<string> | { dictionary: readonly string[]; codes: ArrayLike<number> };
/** The columns of series.parquet by name: text columns, and numbers for value, lo and hi. */
export type SeriesColumns = Readonly<Record<string, TextColumn | ArrayLike<number>>>;

/** Row i's text of a column, whichever form it has. */
function textAt(column: TextColumn): (i: number) => string {
  if ('codes' in column) {
    const { dictionary, codes } = column;
    return (i) => dictionary[codes[i]];
  }
  return (i) => column[i];
}

/** Calls `onRow` for every total row (channel, buyer, origin and size all empty), in file order; the row object is reused. */
export function forEachTotalRow(c: SeriesColumns, onRow: (row: TotalRow) => void): void {
  const missing = COLUMNS.filter((name) => !c[name]);
  if (missing.length > 0) throw new Error(`series columns: no ${missing.join(', ')}`);
  const text = (name: Column) => textAt(c[name] as TextColumn);
  const number = (name: Column) => c[name] as ArrayLike<number>;
  const [channel, buyer, origin, size] = [text('channel'), text('buyer'), text('origin'), text('size')];
  const [date, district, country, market, echelon, metric] = [text('date'), text('district'), text('country'), text('market'), text('echelon'), text('metric')];
  const [value, lo, hi] = [number('value'), number('lo'), number('hi')];
  const row: TotalRow = { date: '', district: '', country: '', market: '', echelon: '', metric: '', value: 0, lo: 0, hi: 0 };
  for (let i = 0; i < value.length; i++) {
    if (channel(i) !== '' || buyer(i) !== '' || origin(i) !== '' || size(i) !== '') continue;
    row.date = date(i);
    row.district = district(i);
    row.country = country(i);
    row.market = market(i);
    row.echelon = echelon(i);
    row.metric = metric(i);
    row.value = value[i];
    row.lo = lo[i];
    row.hi = hi[i];
    onRow(row);
  }
}

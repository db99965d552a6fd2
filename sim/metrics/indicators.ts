import type { AnalysisWindows, Echelon, Market, RowKey } from '../core/types';
import { mainSeaport } from '../world/queries';
import { BE, type World } from '../world/world';
import { keyString, type ReplicateSeries, type SeriesKey } from './series';
import { monthsInPeriod } from './windows';

// The indicators the DISMARK study's Table 1 gives beside each verdict, as statements about one
// replicate's series, defined once here (docs/ODD.md, "The study's indicators", says the same in
// words). Each statement reads true activity of the outputs (docs/OUTPUTS.md) over the row's analysis
// windows, unless the study's words name a date of their own, and answers true, false, or null when
// it cannot be measured in that replicate (a zero denominator, an empty window). Places come from the
// map (Belgian districts on the Dutch border, Belgium's main seaport), never from district names.
//
// The words of the thresholds, once:
//   rise / fall     the after window's monthly mean above / below the before window's
//   most            more than half, in the after window (the study describes the situation it found)
//   a share rises   the after window's share (ratio of monthly means) above the before window's
//   small           above 0 and below a quarter, in the after window

/** One statement's answer in one replicate: null when it cannot be measured there. */
export type Outcome = boolean | null;

/** The places statements name, from the world's map. */
export interface StudyPlaces {
  belgium: readonly string[];
  netherlands: readonly string[];
  /** Belgian districts that share a land border with a Dutch one */
  dutchBorder: readonly string[];
  /** Belgium's main seaport district (Antwerp's), or null when the map has none */
  belgianPort: string | null;
}

export function studyPlaces(world: World): StudyPlaces {
  const ids = (accept: (k: number) => boolean) => world.ids.filter((_, k) => accept(k));
  const port = mainSeaport(world, BE);
  return {
    belgium: ids((k) => world.country[k] === BE),
    netherlands: ids((k) => world.country[k] !== BE),
    dutchBorder: ids((k) => world.country[k] === BE && world.bordersOtherCountry[k] === 1),
    belgianPort: port >= 0 ? world.ids[port] : null,
  };
}

type Place = 'BE' | 'NL' | 'border' | 'port' | { district: string };
type Breakdown = Partial<Pick<SeriesKey, 'channel' | 'buyer' | 'origin' | 'size'>>;
type WindowName = 'before' | 'after';

/** One replicate's series as statements read it: monthly means of metrics over places and windows. */
export class IndicatorReader {
  /** key indices by everything but the district, then by district */
  private readonly index = new Map<string, Map<string, number[]>>();

  constructor(
    private readonly series: ReplicateSeries,
    readonly places: StudyPlaces,
    /** the windows of the statement being read */
    public windows: AnalysisWindows,
  ) {
    series.keys.forEach((key, k) => {
      if (key.district === '') return;
      const text = keyString({ ...key, district: '' });
      let byDistrict = this.index.get(text);
      if (!byDistrict) this.index.set(text, (byDistrict = new Map()));
      const list = byDistrict.get(key.district) ?? [];
      list.push(k);
      byDistrict.set(key.district, list);
    });
  }

  /** Monthly mean over a window of a metric summed over the districts of a place; null when the window holds no month of the run. */
  mean(row: RowKey, metric: string, place: Place, window: WindowName, breakdown: Breakdown = {}): number | null {
    const [market, echelon] = row.split('/') as [Market, Echelon];
    const months = monthsInPeriod(this.series.months, this.windows[window]);
    if (months.length === 0) return null;
    const key: SeriesKey = { district: '', country: 'BE', market, echelon, channel: '', buyer: '', origin: '', size: '', metric, ...breakdown };
    const byDistrict = this.index.get(keyString(key));
    if (!byDistrict) return 0;
    const stride = this.series.months.length;
    let sum = 0;
    for (const district of this.districts(place)) {
      for (const k of byDistrict.get(district) ?? []) for (const m of months) sum += this.series.values[k * stride + m];
    }
    return sum / months.length;
  }

  /** The districts of a place. */
  districts(place: Place): readonly string[] {
    if (typeof place === 'object') return [place.district];
    switch (place) {
      case 'BE': return this.places.belgium;
      case 'NL': return this.places.netherlands;
      case 'border': return this.places.dutchBorder;
      case 'port': return this.places.belgianPort ? [this.places.belgianPort] : [];
    }
  }
}

/** A quantity a statement reads, in a window. */
type Measure = (r: IndicatorReader, window: WindowName) => number | null;

/** A metric of a market × echelon's series, summed over a place (read in the statement's windows: cocaine import in the middle market's). */
const measure = (row: RowKey, metric: string, place: Place, breakdown?: Breakdown): Measure => (r, w) => r.mean(row, metric, place, w, breakdown);
/** An index (know-how) averaged over the districts of a place. */
const meanOverDistricts = (row: RowKey, metric: string, place: Place): Measure => (r, w) => {
  const sum = r.mean(row, metric, place, w);
  const n = r.districts(place).length;
  return sum === null || n === 0 ? null : sum / n;
};
const plus = (...parts: Measure[]): Measure => (r, w) => {
  let sum = 0;
  for (const part of parts) {
    const v = part(r, w);
    if (v === null) return null;
    sum += v;
  }
  return sum;
};
const minus = (a: Measure, b: Measure): Measure => (r, w) => {
  const x = a(r, w);
  const y = b(r, w);
  return x === null || y === null ? null : x - y;
};

/** A statement's answer in one replicate, and the figure it rests on (e.g. "41% → 32%": before → after). */
export interface Judgement {
  outcome: Outcome;
  figure: string;
}

type Test = (r: IndicatorReader) => Judgement;

/** A figure for the terminal: shares as whole percentages, amounts to 3 significant digits; '-' where not measurable. */
const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 100)}%`);
const amount = (x: number | null): string => (x === null ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
const change = (b: number | null, a: number | null, f: (x: number | null) => string) => `${f(b)} → ${f(a)}`;

const shareIn = (num: Measure, den: Measure, r: IndicatorReader, w: WindowName): number | null => {
  const d = den(r, w);
  const n = num(r, w);
  return d === null || n === null || !(d > 0) ? null : n / d;
};
/** Compares a before and an after value (null when either is missing). */
const compare = (b: number | null, a: number | null, f: (b: number, a: number) => Outcome): Outcome => (a === null || b === null ? null : f(b, a));

/** after > before */
const rises = (q: Measure): Test => (r) => {
  const [b, a] = [q(r, 'before'), q(r, 'after')];
  return { outcome: compare(b, a, (b, a) => a > b), figure: change(b, a, amount) };
};
/** after < before (null when there was nothing before) */
const falls = (q: Measure): Test => (r) => {
  const [b, a] = [q(r, 'before'), q(r, 'after')];
  return { outcome: compare(b, a, (b, a) => (b > 0 ? a < b : null)), figure: change(b, a, amount) };
};
/** after ≥ (1 − fraction) × before (null when there was nothing before) */
const fallsAtMost = (q: Measure, fraction: number): Test => (r) => {
  const [b, a] = [q(r, 'before'), q(r, 'after')];
  return { outcome: compare(b, a, (b, a) => (b > 0 ? a >= (1 - fraction) * b : null)), figure: change(b, a, amount) };
};
/** num / den > 1/2 in the after window */
const most = (num: Measure, den: Measure): Test => (r) => {
  const [b, a] = [shareIn(num, den, r, 'before'), shareIn(num, den, r, 'after')];
  return { outcome: a === null ? null : a > 0.5, figure: change(b, a, pct) };
};
/** num / den after > num / den before */
const shareRises = (num: Measure, den: Measure): Test => (r) => {
  const [b, a] = [shareIn(num, den, r, 'before'), shareIn(num, den, r, 'after')];
  return { outcome: compare(b, a, (b, a) => a > b), figure: change(b, a, pct) };
};
const shareFalls = (num: Measure, den: Measure): Test => (r) => {
  const [b, a] = [shareIn(num, den, r, 'before'), shareIn(num, den, r, 'after')];
  return { outcome: compare(b, a, (b, a) => a < b), figure: change(b, a, pct) };
};
/** lo < num / den < hi in the after window */
const shareBetween = (num: Measure, den: Measure, lo: number, hi: number): Test => (r) => {
  const [b, a] = [shareIn(num, den, r, 'before'), shareIn(num, den, r, 'after')];
  return { outcome: a === null ? null : a > lo && a < hi, figure: change(b, a, pct) };
};
/** num / den < hi in the after window */
const shareBelow = (num: Measure, den: Measure, hi: number): Test => (r) => {
  const [b, a] = [shareIn(num, den, r, 'before'), shareIn(num, den, r, 'after')];
  return { outcome: a === null ? null : a < hi, figure: change(b, a, pct) };
};
/** `a` rises, by at least the factor `b` changes by (null when either was zero before) */
const growsAsWellAs = (a: Measure, b: Measure): Test => (r) => {
  const [ab, aa, bb, ba] = [a(r, 'before'), a(r, 'after'), b(r, 'before'), b(r, 'after')];
  if (ab === null || aa === null || bb === null || ba === null || !(ab > 0) || !(bb > 0)) return { outcome: null, figure: '-' };
  return { outcome: aa > ab && aa / ab >= ba / bb, figure: `×${(aa / ab).toFixed(2)} against ×${(ba / bb).toFixed(2)}` };
};
/** every test holds (null when any cannot be measured); the figures side by side, named */
const allOf = (parts: Record<string, Test>): Test => (r) => {
  let outcome: Outcome = true;
  const figures: string[] = [];
  for (const [name, test] of Object.entries(parts)) {
    const j = test(r);
    figures.push(`${name} ${j.figure}`);
    if (j.outcome === null) outcome = null;
    else if (outcome !== null) outcome = outcome && j.outcome;
  }
  return { outcome, figure: figures.join('; ') };
};
/** `q` of each Belgian district rises, in more than half of them */
const risesInMostBelgianDistricts = (row: RowKey, metric: string): Test => (r) => {
  let up = 0;
  for (const district of r.places.belgium) {
    const o = rises(measure(row, metric, { district }))(r).outcome;
    if (o === null) return { outcome: null, figure: '-' };
    if (o) up++;
  }
  return { outcome: up > r.places.belgium.length / 2, figure: `${up} of ${r.places.belgium.length} districts` };
};

export interface IndicatorStatement {
  row: RowKey;
  id: string;
  /** the study's indicator, in its words */
  statement: string;
  /** what it reads, in the outputs' terms (docs/OUTPUTS.md) */
  reads: string;
  /** how it is judged */
  threshold: string;
  /** dates the study's words name, replacing the row's windows (else the row's analysis windows) */
  ownWindows?: { describe: string; of: (row: AnalysisWindows) => AnalysisWindows };
  /** the test on one replicate */
  test: Test;
}

const CP: RowKey = 'cannabis/production';
const CR: RowKey = 'cannabis/retail';
const SP: RowKey = 'synthetic/production';
const SR: RowKey = 'synthetic/retail';
const CI: RowKey = 'cocaine/import';
const CM: RowKey = 'cocaine/middle';
const CoR: RowKey = 'cocaine/retail';

/** the two larger of the plantation size classes (docs/OUTPUTS.md, `size`) */
const LARGER_SIZES = ['large', 'industrial'];
const GROWER_SIZES = ['small', 'medium', ...LARGER_SIZES];
const sitesOfSizes = (place: Place, sizes: readonly string[]) => plus(...sizes.map((size) => measure(CP, 'active_sites', place, { size })));
/** producers whose supplies for this cycle were bought in Belgium: all sites less those supplied from NL */
const suppliedInBelgium = (row: RowKey, place: Place) => minus(measure(row, 'active_sites', place), measure(row, 'supplied_from_nl_sites', place));
/** what Belgian buyers bought, wherever */
const belgianBuyers = (row: RowKey, place: Place) => measure(row, 'volume_kg', place, { buyer: 'BE' });
/** what buyers from across the border bought through a place's dealers and couriers */
const visitorsOfSellers = (row: RowKey, place: Place) => plus(measure(row, 'visitors_kg', place, { channel: 'dealer' }), measure(row, 'visitors_kg', place, { channel: 'courier' }));
/** what Belgian buyers bought at Dutch shops: all they bought in NL but from its dealers and couriers */
const belgiansAtShops = (row: RowKey) => minus(belgianBuyers(row, 'NL'), visitorsOfSellers(row, 'NL'));

/** "after 2012": from 2013 to the end of the row's after window, against the row's before window up to 2012 at the latest */
const AFTER_2012 = {
  describe: 'before: the row\'s before window, up to 2012-12-31 at the latest; after: 2013-01-01 to the end of the row\'s after window',
  of: (w: AnalysisWindows): AnalysisWindows => ({ before: [w.before[0], w.before[1] < '2012-12-31' ? w.before[1] : '2012-12-31'], after: ['2013-01-01', w.after[1]] }),
};

/** The study's indicators, by row of its Table 1 (in the table's order). */
export const INDICATORS: readonly IndicatorStatement[] = [
  {
    row: CP, id: 'dismantled-rise-be',
    statement: 'dismantled plantations rise in most Belgian districts',
    reads: 'dismantled_sites of each Belgian district',
    threshold: 'rises in more than half of the Belgian districts',
    test: risesInMostBelgianDistricts(CP, 'dismantled_sites'),
  },
  {
    row: CP, id: 'dismantled-nl-hold',
    statement: 'Dutch dismantled plantations do not fall by more than a quarter',
    reads: 'dismantled_sites, NL',
    threshold: 'after ≥ 0.75 × before',
    test: fallsAtMost(measure(CP, 'dismantled_sites', 'NL'), 0.25),
  },
  {
    row: CP, id: 'belgian-run-grow',
    statement: 'Belgian-run plantations in Belgium grow as well as Dutch-run ones',
    reads: 'active_sites − dutch_run_sites (Belgian-run) against dutch_run_sites (Dutch-run), BE',
    threshold: 'Belgian-run rise, by at least the factor Dutch-run change by (after/before)',
    test: growsAsWellAs(minus(measure(CP, 'active_sites', 'BE'), measure(CP, 'dutch_run_sites', 'BE')), measure(CP, 'dutch_run_sites', 'BE')),
  },
  {
    row: CP, id: 'growth-material-nl',
    statement: 'most growth material of Belgian plantations comes from NL',
    reads: 'supplied_from_nl_sites / active_sites, BE',
    threshold: 'most (after)',
    test: most(measure(CP, 'supplied_from_nl_sites', 'BE'), measure(CP, 'active_sites', 'BE')),
  },
  {
    row: CP, id: 'grow-shops-be-rise',
    statement: 'Belgian grow shops supply a rising share (of the growth material of Belgian plantations)',
    reads: '1 − supplied_from_nl_sites / active_sites, BE',
    threshold: 'the share rises',
    test: shareRises(suppliedInBelgium(CP, 'BE'), measure(CP, 'active_sites', 'BE')),
  },
  {
    row: CP, id: 'plantations-larger',
    statement: 'plantations grow larger',
    reads: `active_sites of size ${LARGER_SIZES.join(' or ')} / active_sites by size, BE`,
    threshold: 'the share rises',
    test: shareRises(sitesOfSizes('BE', LARGER_SIZES), sitesOfSizes('BE', GROWER_SIZES)),
  },
  {
    row: CP, id: 'harvest-sold-nl',
    statement: 'most of the Belgian harvest is sold in NL',
    reads: 'volume_kg with buyer NL / volume_kg, BE',
    threshold: 'most (after)',
    test: most(measure(CP, 'volume_kg', 'BE', { buyer: 'NL' }), measure(CP, 'volume_kg', 'BE')),
  },
  {
    row: CR, id: 'coffee-shops-fall',
    statement: "Belgian buyers' purchases in Dutch coffee shops fall after 2012",
    reads: 'volume_kg with buyer BE less visitors_kg of dealer and courier, NL',
    threshold: 'falls',
    ownWindows: AFTER_2012,
    test: falls(belgiansAtShops(CR)),
  },
  {
    row: CR, id: 'purchases-be-rise',
    statement: 'their purchases in Belgium rise',
    reads: 'volume_kg with buyer BE, BE',
    threshold: 'rises',
    test: rises(belgianBuyers(CR, 'BE')),
  },
  {
    row: CR, id: 'dutch-run-sellers',
    statement: '(their purchases in Belgium come) mostly from Dutch-run sellers',
    reads: 'dutch_run_kg of dealer and courier / volume_kg with buyer BE, BE',
    threshold: 'most (after)',
    test: most(plus(measure(CR, 'dutch_run_kg', 'BE', { channel: 'dealer' }), measure(CR, 'dutch_run_kg', 'BE', { channel: 'courier' })), belgianBuyers(CR, 'BE')),
  },
  {
    row: CR, id: 'few-still-in-shops',
    statement: 'a small share (above 0, below a quarter) still buys in Dutch shops',
    reads: 'volume_kg with buyer BE less visitors_kg of dealer and courier, NL / volume_kg with buyer BE, BE and NL',
    threshold: '0 < share < 0.25 (after)',
    test: shareBetween(belgiansAtShops(CR), plus(belgianBuyers(CR, 'NL'), belgianBuyers(CR, 'BE')), 0, 0.25),
  },
  {
    row: SP, id: 'production-be-rise',
    statement: 'Belgian production rises',
    reads: 'volume_kg, BE',
    threshold: 'rises',
    test: rises(measure(SP, 'volume_kg', 'BE')),
  },
  {
    row: SP, id: 'production-border',
    statement: '(Belgian production) stays mostly in districts on the Dutch border',
    reads: 'volume_kg of the Belgian districts bordering NL / volume_kg, BE',
    threshold: 'most (after)',
    test: most(measure(SP, 'volume_kg', 'border'), measure(SP, 'volume_kg', 'BE')),
  },
  {
    row: SP, id: 'labs-dutch-run',
    statement: 'Dutch organisations run most Belgian labs',
    reads: 'dutch_run_sites / active_sites, BE',
    threshold: 'most (after)',
    test: most(measure(SP, 'dutch_run_sites', 'BE'), measure(SP, 'active_sites', 'BE')),
  },
  {
    row: SP, id: 'knowhow-be-rise',
    statement: 'Belgian know-how rises',
    reads: 'knowhow, mean over the Belgian districts',
    threshold: 'rises',
    test: rises(meanOverDistricts(SP, 'knowhow', 'BE')),
  },
  {
    row: SP, id: 'precursors-in-be',
    statement: 'Dutch labs buy a rising share of (pre-)precursors in Belgium',
    reads: '1 − supplied_from_nl_sites / active_sites, NL',
    threshold: 'the share rises',
    test: shareRises(suppliedInBelgium(SP, 'NL'), measure(SP, 'active_sites', 'NL')),
  },
  {
    row: SP, id: 'conversion-many-orgs',
    statement: 'Belgian conversion labs serve more than one Dutch organisation',
    reads: 'multi_client_sites / conversion_sites, BE (conversion labs that supplied two or more Dutch organisations in the past 52 weeks)',
    threshold: 'most (after)',
    test: most(measure(SP, 'multi_client_sites', 'BE'), measure(SP, 'conversion_sites', 'BE')),
  },
  {
    row: SR, id: 'mail-be-dutch-rise',
    statement: 'posting from Belgium by Dutch-run vendors rises',
    reads: 'dutch_run_kg of mail, BE',
    threshold: 'rises',
    test: rises(measure(SR, 'dutch_run_kg', 'BE', { channel: 'mail' })),
  },
  {
    row: SR, id: 'mail-dutch-share-be',
    statement: "the share of Dutch-run vendors' posting that leaves from Belgium rises",
    reads: 'dutch_run_kg of mail, BE / BE and NL',
    threshold: 'the share rises',
    test: shareRises(measure(SR, 'dutch_run_kg', 'BE', { channel: 'mail' }), plus(...(['BE', 'NL'] as const).map((c) => measure(SR, 'dutch_run_kg', c, { channel: 'mail' })))),
  },
  {
    row: CM, id: 'antwerp-to-dutch',
    statement: 'most cocaine entering through Antwerp is sold on to Dutch buyers',
    reads: "import volume_kg with buyer NL / import volume_kg, Belgium's main seaport district",
    threshold: 'most (after)',
    test: most(measure(CI, 'volume_kg', 'port', { buyer: 'NL' }), measure(CI, 'volume_kg', 'port')),
  },
  {
    row: CM, id: 'antwerp-stays-rise',
    statement: 'the share (of cocaine entering through Antwerp) that stays in Belgium rises',
    reads: "import volume_kg with buyer BE / import volume_kg, Belgium's main seaport district",
    threshold: 'the share rises',
    test: shareRises(measure(CI, 'volume_kg', 'port', { buyer: 'BE' }), measure(CI, 'volume_kg', 'port')),
  },
  {
    row: CM, id: 'foreign-buyers-be-rise',
    statement: 'foreign buyers supplied in Belgium rise',
    reads: 'import volume_kg with buyer NL, BE (Dutch brokers supplied from what enters Belgium)',
    threshold: 'rises',
    test: rises(measure(CI, 'volume_kg', 'BE', { buyer: 'NL' })),
  },
  {
    row: CM, id: 'antwerp-belgian-run',
    statement: "Belgian organisations run most of Antwerp's import and middle market",
    reads: "1 − dutch_run_kg / volume_kg of import and of the middle market, Belgium's main seaport district",
    threshold: 'most (after), for both',
    test: allOf({
      import: most(minus(measure(CI, 'volume_kg', 'port'), measure(CI, 'dutch_run_kg', 'port')), measure(CI, 'volume_kg', 'port')),
      middle: most(minus(measure(CM, 'volume_kg', 'port'), measure(CM, 'dutch_run_kg', 'port')), measure(CM, 'volume_kg', 'port')),
    }),
  },
  {
    row: CoR, id: 'couriers-be-rise',
    statement: 'courier deliveries to Belgian buyers rise',
    reads: 'volume_kg of courier, BE',
    threshold: 'rises',
    test: rises(measure(CoR, 'volume_kg', 'BE', { channel: 'courier' })),
  },
  {
    row: CoR, id: 'couriers-from-nl',
    statement: '(courier deliveries to Belgian buyers) are mostly run from NL',
    reads: 'dutch_run_kg of courier / volume_kg of courier, BE',
    threshold: 'most (after)',
    test: most(measure(CoR, 'dutch_run_kg', 'BE', { channel: 'courier' }), measure(CoR, 'volume_kg', 'BE', { channel: 'courier' })),
  },
  {
    row: CoR, id: 'dealing-houses-lose',
    statement: 'dealing houses lose share',
    reads: "volume_kg with buyer BE less visitors_kg of dealer and courier, NL (dealing houses) / volume_kg with buyer BE, BE and NL: Belgian buyers' share bought at dealing houses",
    threshold: 'the share falls',
    test: shareFalls(belgiansAtShops(CoR), plus(belgianBuyers(CoR, 'NL'), belgianBuyers(CoR, 'BE'))),
  },
  {
    row: CoR, id: 'no-couriers-in-nl',
    statement: 'almost no Belgian buyer is served by couriers in NL',
    reads: "visitors_kg of courier, NL / that and volume_kg with buyer BE of courier, BE: Belgian buyers' courier purchases made in NL",
    threshold: 'share < 0.05 (after)',
    test: shareBelow(
      measure(CoR, 'visitors_kg', 'NL', { channel: 'courier' }),
      plus(measure(CoR, 'visitors_kg', 'NL', { channel: 'courier' }), minus(measure(CoR, 'volume_kg', 'BE', { channel: 'courier' }), measure(CoR, 'visitors_kg', 'BE', { channel: 'courier' }))),
      0.05,
    ),
  },
];

/** The windows a statement is judged over: its own dates where the study's words name them, else its row's. */
export function statementWindows(statement: IndicatorStatement, analysis: Readonly<Record<RowKey, AnalysisWindows>>): AnalysisWindows {
  const row = analysis[statement.row];
  if (!row) throw new RangeError(`indicators: no analysis windows for ${statement.row}`);
  return statement.ownWindows ? statement.ownWindows.of(row) : row;
}

/** Every statement on one replicate's series: true, false, or null (not measurable there), with its figure. */
export function evaluateIndicators(series: ReplicateSeries, analysis: Readonly<Record<RowKey, AnalysisWindows>>, places: StudyPlaces, statements: readonly IndicatorStatement[] = INDICATORS): Judgement[] {
  const reader = new IndicatorReader(series, places, { before: ['', ''], after: ['', ''] });
  return statements.map((s) => {
    reader.windows = statementWindows(s, analysis);
    return s.test(reader);
  });
}

/**
 * Several replicates' series as one (a robustness point's): the mean of each key's values over the
 * replicates, a key absent from one counting 0 there.
 */
export function pooledSeries(list: readonly ReplicateSeries[]): ReplicateSeries {
  if (list.length === 0) throw new RangeError('pooledSeries: no replicates');
  const first = list[0];
  const M = first.months.length;
  const keys: SeriesKey[] = [];
  const at = new Map<string, number>();
  for (const s of list) {
    if (s.months.length !== M || s.months.some((m, i) => m !== first.months[i])) throw new RangeError('pooledSeries: replicates with different months');
    for (const key of s.keys) {
      const text = keyString(key);
      if (!at.has(text)) {
        at.set(text, keys.length);
        keys.push(key);
      }
    }
  }
  const values = new Float64Array(keys.length * M);
  for (const s of list) {
    s.keys.forEach((key, k) => {
      const to = at.get(keyString(key))! * M;
      for (let m = 0; m < M; m++) values[to + m] += s.values[k * M + m] / list.length;
    });
  }
  return { months: first.months.slice(), keys, values, flows: first.flows };
}

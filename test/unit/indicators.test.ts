import { describe, expect, it } from 'vitest';
import { TABLE_ROWS, type AnalysisWindows, type RowKey } from '../../sim/core';
import { loadWorld } from '../../sim/io/worldData';
import { checkIndicators, INDICATORS_THRESHOLD, indicatorsVerdict, REPLICATE_THRESHOLD } from '../../sim/metrics/historyCheck';
import { evaluateIndicators, INDICATORS, pooledSeries, statementWindows, studyPlaces, type IndicatorStatement } from '../../sim/metrics/indicators';
import type { ReplicateSeries, SeriesKey } from '../../sim/metrics/series';

// The study's indicators on hand-built series: a baseline on which every statement holds,
// and per statement a change that makes it fail (and nothing else), so each test can fail.

const world = loadWorld();
const places = studyPlaces(world);
const MONTHS = Array.from({ length: 16 * 12 }, (_, i) => `${2004 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const WINDOWS: AnalysisWindows = { before: ['2005-01-01', '2010-12-31'], after: ['2014-01-01', '2018-12-31'] };
const ANALYSIS = Object.fromEntries(TABLE_ROWS.map((r) => [`${r.market}/${r.echelon}`, WINDOWS])) as Record<RowKey, AnalysisWindows>;

type Breakdown = Partial<Pick<SeriesKey, 'channel' | 'buyer' | 'origin' | 'size'>>;
/** One key's level before 2012 and from 2012 on. */
interface Level { district: string; row: RowKey; metric: string; by?: Breakdown; before: number; after: number }
type Levels = Map<string, Level>;

const levelKey = (l: Pick<Level, 'district' | 'row' | 'metric' | 'by'>) => `${l.district}|${l.row}|${l.metric}|${JSON.stringify(l.by ?? {})}`;

function levels(list: Level[]): Levels {
  return new Map(list.map((l) => [levelKey(l), l]));
}

/** `base` with some levels replaced or added. */
function changed(base: Levels, ...list: Level[]): Levels {
  const out = new Map(base);
  for (const l of list) out.set(levelKey(l), l);
  return out;
}

function series(from: Levels): ReplicateSeries {
  const keys: SeriesKey[] = [];
  const cells: number[] = [];
  for (const l of from.values()) {
    const [market, echelon] = l.row.split('/') as [SeriesKey['market'], SeriesKey['echelon']];
    const country = world.country[world.index(l.district)] === 0 ? 'BE' : 'NL';
    keys.push({ district: l.district, country, market, echelon, channel: '', buyer: '', origin: '', size: '', metric: l.metric, ...l.by });
    for (const m of MONTHS) cells.push(m < '2012' ? l.before : l.after);
  }
  return { months: MONTHS, keys, values: Float64Array.from(cells), flows: { years: [], districts: [], values: new Float64Array(0) } };
}

const L = (district: string, row: RowKey, metric: string, before: number, after: number, by?: Breakdown): Level => ({ district, row, metric, before, after, by });
const CP: RowKey = 'cannabis/production';
const CR: RowKey = 'cannabis/retail';
const SP: RowKey = 'synthetic/production';
const SR: RowKey = 'synthetic/retail';
const CI: RowKey = 'cocaine/import';
const CM: RowKey = 'cocaine/middle';
const CoR: RowKey = 'cocaine/retail';

const BASE = levels([
  // cannabis production
  ...places.belgium.map((d) => L(d, CP, 'dismantled_sites', 10, 20)),
  ...places.netherlands.map((d) => L(d, CP, 'dismantled_sites', 100, 90)),
  L('be-antwerpen', CP, 'active_sites', 100, 200),
  L('be-antwerpen', CP, 'dutch_run_sites', 50, 80),
  L('be-antwerpen', CP, 'supplied_from_nl_sites', 80, 120),
  L('be-antwerpen', CP, 'active_sites', 50, 50, { size: 'small' }),
  L('be-antwerpen', CP, 'active_sites', 30, 30, { size: 'medium' }),
  L('be-antwerpen', CP, 'active_sites', 15, 60, { size: 'large' }),
  L('be-antwerpen', CP, 'active_sites', 5, 60, { size: 'industrial' }),
  L('be-antwerpen', CP, 'volume_kg', 1000, 2000),
  L('be-antwerpen', CP, 'volume_kg', 700, 1400, { buyer: 'NL' }),
  // cannabis retail (Belgian buyers in NL are at coffee shops: none buys from dealers or couriers there)
  L('nl-limburg', CR, 'volume_kg', 500, 50, { buyer: 'BE' }),
  L('be-limburg', CR, 'volume_kg', 200, 1000, { buyer: 'BE' }),
  L('be-limburg', CR, 'dutch_run_kg', 50, 400, { channel: 'dealer' }),
  L('be-limburg', CR, 'dutch_run_kg', 50, 300, { channel: 'courier' }),
  // synthetic production: be-limburg borders NL, be-namur does not
  L('be-limburg', SP, 'volume_kg', 100, 400),
  L('be-namur', SP, 'volume_kg', 100, 200),
  L('be-limburg', SP, 'active_sites', 10, 20),
  L('be-limburg', SP, 'dutch_run_sites', 8, 15),
  L('be-limburg', SP, 'knowhow', 0.1, 0.3),
  L('nl-limburg', SP, 'active_sites', 50, 50),
  L('nl-limburg', SP, 'supplied_from_nl_sites', 45, 30),
  L('be-limburg', SP, 'conversion_sites', 4, 6),
  L('be-limburg', SP, 'multi_client_sites', 1, 4),
  // synthetic retail
  L('be-antwerpen', SR, 'dutch_run_kg', 10, 40, { channel: 'mail' }),
  L('nl-amsterdam', SR, 'dutch_run_kg', 100, 100, { channel: 'mail' }),
  // cocaine import and middle market in Antwerp
  L('be-antwerpen', CI, 'volume_kg', 1000, 2000),
  L('be-antwerpen', CI, 'volume_kg', 700, 1200, { buyer: 'NL' }),
  L('be-antwerpen', CI, 'volume_kg', 300, 800, { buyer: 'BE' }),
  L('be-antwerpen', CI, 'dutch_run_kg', 300, 600),
  L('be-antwerpen', CM, 'volume_kg', 500, 800),
  L('be-antwerpen', CM, 'dutch_run_kg', 100, 200),
  // cocaine retail: Belgian buyers in NL are at dealing houses
  L('be-antwerpen', CoR, 'volume_kg', 10, 50, { channel: 'courier' }),
  L('be-antwerpen', CoR, 'dutch_run_kg', 5, 40, { channel: 'courier' }),
  L('nl-rotterdam', CoR, 'volume_kg', 100, 50, { buyer: 'BE' }),
  L('be-antwerpen', CoR, 'volume_kg', 100, 200, { buyer: 'BE' }),
]);

const outcomes = (from: Levels) => Object.fromEntries(evaluateIndicators(series(from), ANALYSIS, places).map((j, i) => [INDICATORS[i].id, j.outcome]));
const ids = INDICATORS.map((s) => s.id);

describe('study places', () => {
  it('come from the map: Belgian districts bordering NL, and Antwerp as Belgium\'s main seaport', () => {
    expect(places.belgium).toHaveLength(12);
    expect(places.netherlands).toHaveLength(10);
    expect([...places.dutchBorder].sort()).toEqual(['be-antwerpen', 'be-liege', 'be-limburg', 'be-oost-vlaanderen', 'be-west-vlaanderen']);
    expect(places.belgianPort).toBe('be-antwerpen');
  });
});

describe('the study\'s indicator statements', () => {
  it('are one list with unique ids, each on a row of the table', () => {
    expect(new Set(INDICATORS.map((s) => s.id)).size).toBe(INDICATORS.length);
    const rows = TABLE_ROWS.map((r) => `${r.market}/${r.echelon}`);
    for (const s of INDICATORS) expect(rows, s.id).toContain(s.row);
  });

  it('all hold on the baseline series', () => {
    const o = outcomes(BASE);
    for (const id of ids) expect(o[id], id).toBe(true);
  });

  // Per statement: a change of the baseline that makes it (and only it) fail.
  const failing: [string, Level[]][] = [
    // 6 of 12 districts rising is not most
    ['dismantled-rise-be', places.belgium.slice(0, 6).map((d) => L(d, CP, 'dismantled_sites', 20, 10))],
    ['dismantled-nl-hold', places.netherlands.map((d) => L(d, CP, 'dismantled_sites', 100, 74))],
    ['belgian-run-grow', [L('be-antwerpen', CP, 'dutch_run_sites', 50, 150)]],
    // exactly half is not most; the Belgian share still rises (20% → 50%)
    ['growth-material-nl', [L('be-antwerpen', CP, 'supplied_from_nl_sites', 80, 100)]],
    ['grow-shops-be-rise', [L('be-antwerpen', CP, 'supplied_from_nl_sites', 80, 170)]],
    ['plantations-larger', [L('be-antwerpen', CP, 'active_sites', 15, 15, { size: 'large' }), L('be-antwerpen', CP, 'active_sites', 5, 5, { size: 'industrial' })]],
    ['harvest-sold-nl', [L('be-antwerpen', CP, 'volume_kg', 700, 1000, { buyer: 'NL' })]],
    ['coffee-shops-fall', [L('nl-limburg', CR, 'volume_kg', 5, 50, { buyer: 'BE' })]],
    ['purchases-be-rise', [L('be-limburg', CR, 'volume_kg', 2000, 1000, { buyer: 'BE' })]],
    ['dutch-run-sellers', [L('be-limburg', CR, 'dutch_run_kg', 50, 200, { channel: 'dealer' })]],
    ['few-still-in-shops', [L('nl-limburg', CR, 'volume_kg', 5000, 500, { buyer: 'BE' })]],
    ['production-be-rise', [L('be-limburg', SP, 'volume_kg', 100, 150), L('be-namur', SP, 'volume_kg', 100, 0)]],
    ['production-border', [L('be-limburg', SP, 'volume_kg', 100, 150), L('be-namur', SP, 'volume_kg', 100, 150)]],
    ['labs-dutch-run', [L('be-limburg', SP, 'dutch_run_sites', 8, 10)]],
    ['knowhow-be-rise', [L('be-limburg', SP, 'knowhow', 0.3, 0.3)]],
    ['precursors-in-be', [L('nl-limburg', SP, 'supplied_from_nl_sites', 45, 48)]],
    // exactly half is not most
    ['conversion-many-orgs', [L('be-limburg', SP, 'multi_client_sites', 1, 3)]],
    ['mail-be-dutch-rise', [L('be-antwerpen', SR, 'dutch_run_kg', 10, 5, { channel: 'mail' }), L('nl-amsterdam', SR, 'dutch_run_kg', 100, 10, { channel: 'mail' })]],
    ['mail-dutch-share-be', [L('nl-amsterdam', SR, 'dutch_run_kg', 100, 1000, { channel: 'mail' })]],
    ['antwerp-to-dutch', [L('be-antwerpen', CI, 'volume_kg', 700, 1000, { buyer: 'NL' })]],
    ['antwerp-stays-rise', [L('be-antwerpen', CI, 'volume_kg', 300, 500, { buyer: 'BE' })]],
    // Dutch brokers supplied elsewhere in Belgium (a marina) fall more than Antwerp's rise
    ['foreign-buyers-be-rise', [L('be-oost-vlaanderen', CI, 'volume_kg', 600, 0, { buyer: 'NL' })]],
    ['antwerp-belgian-run', [L('be-antwerpen', CM, 'dutch_run_kg', 100, 400)]],
    ['couriers-be-rise', [L('be-antwerpen', CoR, 'volume_kg', 10, 8, { channel: 'courier' }), L('be-antwerpen', CoR, 'dutch_run_kg', 5, 6, { channel: 'courier' })]],
    ['couriers-from-nl', [L('be-antwerpen', CoR, 'dutch_run_kg', 5, 25, { channel: 'courier' })]],
    ['dealing-houses-lose', [L('nl-rotterdam', CoR, 'volume_kg', 100, 200, { buyer: 'BE' })]],
    // Belgian buyers at Dutch couriers: 5 of 55 kg after, 9% (not below 5%); counted as Belgian buyers' purchases in NL, not at dealing houses
    ['no-couriers-in-nl', [L('nl-rotterdam', CoR, 'visitors_kg', 0, 5, { channel: 'courier' }), L('nl-rotterdam', CoR, 'volume_kg', 100, 55, { buyer: 'BE' })]],
  ];

  it('has a failing case for every statement', () => {
    expect(failing.map(([id]) => id).sort()).toEqual([...ids].sort());
  });

  for (const [id, change] of failing) {
    it(`${id} fails when its figure goes the other way, and nothing else does`, () => {
      const o = outcomes(changed(BASE, ...change));
      expect(o[id]).toBe(false);
      for (const other of ids) if (other !== id) expect(o[other], other).toBe(true);
    });
  }

  it('takes its thresholds at their edges: a quarter less still holds, a small share must be above 0', () => {
    expect(outcomes(changed(BASE, ...places.netherlands.map((d) => L(d, CP, 'dismantled_sites', 100, 75))))['dismantled-nl-hold']).toBe(true);
    expect(outcomes(changed(BASE, L('nl-limburg', CR, 'volume_kg', 500, 0, { buyer: 'BE' })))['few-still-in-shops']).toBe(false);
    // 7 of 12 districts rising is most
    expect(outcomes(changed(BASE, ...places.belgium.slice(0, 5).map((d) => L(d, CP, 'dismantled_sites', 20, 10))))['dismantled-rise-be']).toBe(true);
    // Belgian-run plantations that rise, but by less than the Dutch-run ones
    expect(outcomes(changed(BASE, L('be-antwerpen', CP, 'dutch_run_sites', 20, 80)))['belgian-run-grow']).toBe(false);
  });

  it('cannot be measured without a denominator or a window: null, not false', () => {
    const noSites = new Map([...BASE].filter(([, l]) => !(l.row === CP && l.metric === 'active_sites' && !l.by)));
    expect(outcomes(noSites)['growth-material-nl']).toBeNull();
    expect(outcomes(noSites)['grow-shops-be-rise']).toBeNull();
    const noDutchBefore = changed(BASE, ...places.netherlands.map((d) => L(d, CP, 'dismantled_sites', 0, 10)));
    expect(outcomes(noDutchBefore)['dismantled-nl-hold']).toBeNull();
    // a history that ends before 2013 has no "after 2012"
    const short = { ...ANALYSIS, 'cannabis/retail': { before: WINDOWS.before, after: ['2011-01-01', '2012-06-30'] as [string, string] } };
    const j = evaluateIndicators(series(BASE), short, places);
    expect(j[INDICATORS.findIndex((s) => s.id === 'coffee-shops-fall')].outcome).toBeNull();
  });

  it('reads "after 2012" from the statement, the other windows from the row', () => {
    const statement = (id: string) => INDICATORS.find((s) => s.id === id) as IndicatorStatement;
    expect(statementWindows(statement('coffee-shops-fall'), ANALYSIS)).toEqual({ before: ['2005-01-01', '2010-12-31'], after: ['2013-01-01', '2018-12-31'] });
    const late = { ...ANALYSIS, 'cannabis/retail': { before: ['2008-01-01', '2014-12-31'], after: ['2015-01-01', '2020-12-31'] } } as Record<RowKey, AnalysisWindows>;
    expect(statementWindows(statement('coffee-shops-fall'), late)).toEqual({ before: ['2008-01-01', '2012-12-31'], after: ['2013-01-01', '2020-12-31'] });
    expect(statementWindows(statement('purchases-be-rise'), late)).toEqual(late['cannabis/retail']);
  });

  it('gives the figure it rests on', () => {
    const j = evaluateIndicators(series(BASE), ANALYSIS, places);
    const figure = (id: string) => j[INDICATORS.findIndex((s) => s.id === id)].figure;
    expect(figure('dismantled-rise-be')).toBe('12 of 12 districts');
    expect(figure('growth-material-nl')).toBe('80% → 60%');
    expect(figure('coffee-shops-fall')).toBe('500 → 50.0');
    expect(figure('belgian-run-grow')).toBe('×2.40 against ×1.60');
    expect(figure('antwerp-belgian-run')).toBe('import 70% → 70%; middle 80% → 75%');
    expect(figure('no-couriers-in-nl')).toBe('0% → 0%');
  });
});

describe('pooledSeries', () => {
  it('is the mean of the replicates\' series, a key absent from one counting 0 there', () => {
    const a = series(levels([L('be-antwerpen', CP, 'volume_kg', 10, 20)]));
    const b = series(levels([L('be-antwerpen', CP, 'volume_kg', 30, 40), L('be-limburg', CP, 'volume_kg', 8, 8)]));
    const p = pooledSeries([a, b]);
    expect(p.keys.map((k) => k.district)).toEqual(['be-antwerpen', 'be-limburg']);
    expect(p.values[0]).toBe(20);
    expect(p.values[MONTHS.length - 1]).toBe(30);
    expect(p.values[MONTHS.length]).toBe(4);
    expect(() => pooledSeries([])).toThrow(RangeError);
  });
});

describe('checkIndicators', () => {
  const holdsIn = (n: number, of: number) => Array.from({ length: of }, (_, i) => series(i < n ? BASE : changed(BASE, L('be-namur', SP, 'volume_kg', 100, 0), L('be-limburg', SP, 'volume_kg', 100, 150))));

  it('holds a statement when it holds in at least 80% of the replicates, counting unmeasurable ones as not holding', () => {
    const at = (rows: ReturnType<typeof checkIndicators>, id: string) => rows.find((r) => r.statement.id === id)!;
    const four = checkIndicators(ANALYSIS, places, holdsIn(4, 5), []);
    expect(at(four, 'production-be-rise').replicates.share).toBe(0.8);
    expect(at(four, 'production-be-rise').holds).toBe(true);
    expect(at(four, 'production-be-rise').points).toBeNull();
    const three = checkIndicators(ANALYSIS, places, holdsIn(3, 5), []);
    expect(at(three, 'production-be-rise').replicates.share).toBe(0.6);
    expect(at(three, 'production-be-rise').holds).toBe(false);
    expect(at(three, 'production-be-rise').figure).toBe('200 → 420');
    expect(at(three, 'no-couriers-in-nl').holds).toBe(true);
    expect(at(three, 'no-couriers-in-nl').unmeasured).toBe(0);
    const noSites = new Map([...BASE].filter(([, l]) => !(l.row === CP && l.metric === 'active_sites' && !l.by)));
    const unmeasured = checkIndicators(ANALYSIS, places, [series(BASE), series(noSites)], []);
    expect(at(unmeasured, 'growth-material-nl').unmeasured).toBe(1);
    expect(at(unmeasured, 'growth-material-nl').replicates.share).toBe(0.5);
    expect(REPLICATE_THRESHOLD).toBe(0.8);
  });

  it('judges each robustness point on its replicates pooled', () => {
    // one replicate rises, the other falls by more: pooled, production falls
    const up = series(BASE);
    const down = series(changed(BASE, L('be-limburg', SP, 'volume_kg', 100, 0), L('be-namur', SP, 'volume_kg', 1000, 0)));
    const rows = checkIndicators(ANALYSIS, places, [up], [[up, up], [up, down]]);
    expect(rows.find((r) => r.statement.id === 'production-be-rise')!.points!.share).toBe(0.5);
  });

  it('passes the check when at least 80% of the statements hold', () => {
    const rows = checkIndicators(ANALYSIS, places, [series(BASE)], []);
    const v = indicatorsVerdict(rows);
    expect(v.total).toBe(INDICATORS.length);
    expect(v.holding).toBe(INDICATORS.length);
    expect(v.holds).toBe(true);
    // 22 of 27 is 81%, 21 of 27 78%
    expect(INDICATORS_THRESHOLD).toBe(0.8);
    const holding = (n: number) => indicatorsVerdict(rows.map((r, i) => ({ ...r, holds: i < n })));
    expect(holding(22).holding).toBe(22);
    expect(holding(22).holds).toBe(true);
    expect(holding(21).holding).toBe(21);
    expect(holding(21).holds).toBe(false);
    expect(indicatorsVerdict(rows.map((r) => ({ ...r, holds: true }))).holds).toBe(true);
  });
});

describe('a row the study reads two ways', () => {
  it('is judged by its indicators: it holds only when all of them hold, whatever the verdict', async () => {
    const { judgeByIndicators } = await import('../../sim/metrics/historyCheck');
    const { REFERENCE_TABLES } = await import('../../sim/metrics/study');
    const table = REFERENCE_TABLES['dismark-2018'];
    const twoWays = table.rows.filter((r) => r.readings);
    expect(twoWays.map((r) => `${r.market}/${r.echelon}`)).toEqual(['synthetic/retail']);
    const study = twoWays[0];
    const row = { study, holds: false } as unknown as Parameters<typeof judgeByIndicators>[0][number];
    const other = { study: table.rows[0], holds: false } as unknown as Parameters<typeof judgeByIndicators>[0][number];
    const indicator = (id: string, holds: boolean, r = 'synthetic/retail') => ({ statement: { row: r, id }, holds }) as unknown as Parameters<typeof judgeByIndicators>[1][number];
    const all = [indicator('a', true), indicator('b', true), indicator('c', false, 'cannabis/production')];
    const [judged, untouched] = judgeByIndicators([row, other], all);
    expect(judged.holds).toBe(true);
    expect(judged.byIndicators).toEqual({ holding: 2, total: 2 });
    expect(untouched).toBe(other);
    expect(judgeByIndicators([row], [indicator('a', true), indicator('b', false)])[0].holds).toBe(false);
  });
});

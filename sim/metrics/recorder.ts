import type { Calendar } from '../core/calendar';
import { MARKET_ECHELONS, type Echelon, type Market } from '../core/types';
import { COUNTRIES, type World } from '../world/world';
import { keyString, METRIC_INDEX, type ReplicateSeries, type SeriesKey } from './series';

// Records the true and observed indicators of one replicate into monthly buckets.
// Actor modules ask for a lookup table of key ids once, before the first tick (`table`), so the tick
// loop only adds numbers into a Float64Array: no strings, maps or objects per event. The buckets are
// key-major (one key's months side by side), the layout of the result, so the result is the buckets
// themselves and no second copy is made: a replicate's series is 8 MB, and in a virtual machine
// touching that much fresh memory costs more than recording it. But a month's buckets are then one
// per key's row, thousands of cache lines and memory pages apart, and a week writes to most of them:
// so the months being recorded are summed in a buffer of their own, month-major (`current` is this
// month's part, `current[id]` its bucket for key id), and copied into the keys' rows every
// MONTHS_BUFFERED months, a cache line of months per key at a time.
//
// Only keys that can be non-zero are registered: a table's cells that the model can never record
// (`possible` says which) point to one spare slot after the keys, the sink, which is not output and
// must stay 0; `result` fails if it did not, because then a `possible` rule is wrong.

/** months summed in the buffer before they go to the keys' rows: 8 doubles, one cache line per key */
const MONTHS_BUFFERED = 8;

export type Breakdown = 'channel' | 'buyer' | 'origin' | 'size';

/** Whether a table's cell, district k × breakdown label b (b = 0 without a breakdown), can ever be recorded. */
export type Possible = (k: number, b: number) => boolean;

export class Recorder {
  readonly keys: SeriesKey[] = [];
  private readonly idOf = new Map<string, number>();
  /** every table handed out, so that open() can point their impossible cells at the sink */
  private readonly tables: Int32Array[] = [];
  readonly months: number;
  /** key-major buckets: values[key * months + month], the sink at key = keys.length */
  private values: Float64Array;
  private readonly stockWeight: Float64Array;
  private month = 0;
  /**
   * This month's buckets, by id (see `table`), the sink last. Hot loops add flows here directly: a call
   * to `flow` with a fractional number that V8 does not inline boxes the number on the heap, and at one
   * call per consumer cohort per week that was most of a run's garbage.
   */
  current: Float64Array = new Float64Array(0);
  /** the buffered months' buckets, month-major: buffer[(month % MONTHS_BUFFERED) * (keys + 1) + id] */
  private buffer = new Float64Array(0);
  /** whether `result` has emptied the buffer for the last time */
  private finished = false;
  private year = 0;
  private readonly years: string[];
  private readonly yearOfMonth: Int32Array;
  private readonly flows: Float64Array;
  private stockWeightNow = 0;

  constructor(
    private readonly world: World,
    private readonly calendar: Calendar,
  ) {
    this.months = calendar.months.length;
    this.values = new Float64Array(0);
    const ticksInMonth = new Float64Array(this.months);
    for (let t = 0; t < calendar.ticks; t++) ticksInMonth[calendar.monthOfTick[t]]++;
    this.stockWeight = ticksInMonth.map((n) => (n > 0 ? 1 / n : 0));
    this.years = [...new Set(calendar.months.map((m) => m.slice(0, 4)))];
    this.yearOfMonth = Int32Array.from(calendar.months, (m) => this.years.indexOf(m.slice(0, 4)));
    const K = world.size;
    this.flows = new Float64Array(MARKET_ECHELONS.length * K * K * this.years.length);
  }

  /**
   * Registers one key per district (× breakdown label) and returns their ids: table[k] without a
   * breakdown, table[k * labels.length + b] with one. Cells that are not `possible` get no key.
   */
  table(market: Market, echelon: Echelon, metric: string, breakdown?: { by: Breakdown; labels: readonly string[] }, possible?: Possible): Int32Array {
    if (!METRIC_INDEX.has(metric)) throw new Error(`unknown metric ${metric}`);
    const labels = breakdown ? breakdown.labels : [''];
    const ids = new Int32Array(this.world.size * labels.length).fill(-1);
    this.tables.push(ids);
    for (let k = 0; k < this.world.size; k++) {
      labels.forEach((label, b) => {
        if (possible && !possible(k, b)) return;
        const key: SeriesKey = {
          district: this.world.ids[k],
          country: COUNTRIES[this.world.country[k]],
          market,
          echelon,
          channel: breakdown?.by === 'channel' ? label : '',
          buyer: breakdown?.by === 'buyer' ? (label as 'BE' | 'NL') : '',
          origin: breakdown?.by === 'origin' ? (label as 'BE' | 'NL') : '',
          size: breakdown?.by === 'size' ? label : '',
          metric,
        };
        // Two kinds may record the same key (consumers' and mail vendors' retail totals): one id.
        const text = keyString(key);
        let id = this.idOf.get(text);
        if (id === undefined) {
          id = this.keys.length;
          this.idOf.set(text, id);
          this.keys.push(key);
        }
        ids[k * labels.length + b] = id;
      });
    }
    return ids;
  }

  /** Called once all tables are registered: from here on a table's impossible cells are the sink's id. */
  open(): void {
    const sink = this.keys.length;
    for (const ids of this.tables) for (let i = 0; i < ids.length; i++) if (ids[i] < 0) ids[i] = sink;
    this.values = new Float64Array((sink + 1) * this.months);
    this.buffer = new Float64Array(MONTHS_BUFFERED * (sink + 1));
    this.current = this.buffer.subarray(0, sink + 1);
  }

  startTick(tick: number): void {
    const month = this.calendar.monthOfTick[tick];
    if (month !== this.month) {
      if (Math.floor(month / MONTHS_BUFFERED) !== Math.floor(this.month / MONTHS_BUFFERED)) this.emptyBuffer();
      const width = this.keys.length + 1;
      this.current = this.buffer.subarray((month % MONTHS_BUFFERED) * width, (month % MONTHS_BUFFERED + 1) * width);
    }
    this.month = month;
    this.year = this.yearOfMonth[this.month];
    this.stockWeightNow = this.stockWeight[this.month];
  }

  /** Adds to a flow (monthly sum). */
  flow(id: number, value: number): void {
    this.current[id] += value;
  }

  /** Adds this week's level of a stock (monthly mean). */
  stock(id: number, value: number): void {
    this.current[id] += value * this.stockWeightNow;
  }

  /** An actor of market × echelon `row` (MARKET_ECHELONS) moved from one district to another. */
  relocation(row: number, from: number, to: number, actors: number): void {
    const K = this.world.size;
    this.flows[((row * K + from) * K + to) * this.years.length + this.year] += actors;
  }

  /** Copies the buffered months (those up to this month since the last multiple of MONTHS_BUFFERED) into the keys' rows, and empties the buffer. */
  private emptyBuffer(): void {
    const { buffer, values, months } = this;
    const width = this.keys.length + 1;
    const first = this.month - (this.month % MONTHS_BUFFERED);
    const count = this.month - first + 1;
    for (let key = 0; key < width; key++) {
      for (let j = 0; j < count; j++) values[key * months + first + j] = buffer[j * width + key];
    }
    buffer.fill(0);
  }

  result(): ReplicateSeries {
    if (!this.finished) this.emptyBuffer();
    this.finished = true;
    const n = this.keys.length;
    const M = this.months;
    const sinkRow = this.values.subarray(n * M);
    const m = sinkRow.findIndex((v) => v !== 0);
    if (m >= 0) throw new Error(`recorder: month ${this.calendar.months[m]} has a value for a key registered as impossible (a \`possible\` rule in sim/agents is wrong)`);
    return {
      months: this.calendar.months.slice(),
      keys: this.keys,
      values: this.values.subarray(0, n * M),
      flows: { years: this.years.slice(), districts: this.world.ids.slice(), values: this.flows },
    };
  }
}

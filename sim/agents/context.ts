import type { Knowhow } from '../behaviour/knowhow';
import type { MarketPrices } from '../behaviour/market';
import type { PublicSignal } from '../behaviour/publicSignal';
import type { Calendar } from '../core/calendar';
import type { KeyedStreams } from '../core/keyed';
import type { Carriers } from '../metrics/carriers';
import type { Recorder } from '../metrics/recorder';
import type { Levers } from '../policies/levers';
import type { World } from '../world/world';
import type { Enforcement } from './enforcement';
import type { Investigations } from './investigations';

// Everything the actor kinds' phases share in one replicate: the map, the week, policy levers,
// police, news, know-how, prices, the recorder and the keyed random streams. Built once per replicate by
// sim/engine/model.ts.
export interface Context {
  readonly world: World;
  readonly calendar: Calendar;
  readonly levers: Levers;
  readonly enforcement: Enforcement;
  readonly investigations: Investigations;
  readonly signal: PublicSignal;
  readonly knowhow: Knowhow;
  readonly prices: MarketPrices;
  readonly recorder: Recorder;
  /** who carries each row's activity, per carrier and window (the study's shift and expansion) */
  readonly carriers: Carriers;
  readonly streams: KeyedStreams;
  /** additive belief bias per actor origin × district country: bias[origin * 2 + country] */
  readonly bias: Float64Array;
  tick: number;
  /** fractional calendar year of the tick */
  year: number;
}

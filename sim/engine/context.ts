import type { Enforcement } from '../agents/enforcement';
import type { Investigations } from '../agents/investigations';
import type { Knowhow } from '../behaviour/knowhow';
import type { MarketPrices } from '../behaviour/market';
import type { PublicSignal } from '../behaviour/publicSignal';
import type { Recorder } from '../metrics/recorder';
import type { Levers } from '../policies/levers';
import type { World } from '../world/world';
import type { Calendar } from './calendar';
import type { Streams } from './rng';

// Everything the phases of a tick share. Built once per replicate by sim/engine/model.ts.
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
  readonly streams: Streams;
  /** additive belief bias per actor origin × district country: bias[origin * 2 + country] */
  readonly bias: Float64Array;
  tick: number;
  /** fractional calendar year of the tick */
  year: number;
}

// The model's vocabulary, below every other layer: markets and echelons, the resolved scenario the
// engine runs, the weekly calendar and the random streams. It imports no other part of sim/.
export * from './types';
export { Calendar, isoDate, parseIsoDate } from './calendar';
export { RandomStream, streamKey } from './rng';
export { KeyedStream, KeyedStreams } from './keyed';

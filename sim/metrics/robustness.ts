import type { ParameterValue, PolicyEvent } from '../core/types';
import type { Catalog, ParameterSpec } from '../params/catalog';

// Robustness of a result to its uncertain parameters: Latin-hypercube points (latinHypercube.ts) over
// the values each parameter marked `uncertain` in the catalogue (docs/ODD.md's table) may plausibly
// take: ±spread around its default where an assumption sets it, and for a calibrated parameter the
// interval its calibration's posterior gives (5%–95%), since the record rules out the rest of ±spread
// (docs/ODD.md, "Calibration"); and a scenario's calibrated event numbers (the police's own history)
// over the posterior each event carries.

/** The value a share u of the way across a posterior interval. */
const across = ([low, high]: readonly [number, number], u: number): number => low + u * (high - low);

export function uncertainParameters(catalog: Catalog): ParameterSpec[] {
  return [...catalog.values()].filter((s) => s.uncertain);
}

/**
 * The parameters at one point: each uncertain parameter's value (for a per-district one, every
 * district's value) times 1 + spread × (2u − 1), kept within the parameter's plausible range; a
 * calibrated one's, where the scenario keeps the calibrated value, is its posterior interval's low + u
 * × its width.
 */
export function perturb(
  base: Record<string, ParameterValue>,
  specs: readonly ParameterSpec[],
  point: ArrayLike<number>,
  spread: number,
): Record<string, ParameterValue> {
  const out = { ...base };
  specs.forEach((spec, d) => {
    const u = point[d];
    const factor = 1 + spread * (2 * u - 1);
    const posterior = spec.posterior;
    const scale = (v: number) => {
      const y = posterior && v === spec.value ? across(posterior, u) : v * factor;
      const x = Math.min(spec.range[1], Math.max(spec.range[0], y));
      return spec.integer ? Math.round(x) : x;
    };
    const v = base[spec.path];
    out[spec.path] = Array.isArray(v) ? v.map(scale) : scale(v);
  });
  return out;
}

/** A calibrated number of a scenario's events: [event index, parameter name, posterior interval]. */
export type EventNumber = [number, string, [number, number]];

/** Each calibrated number of the scenario's events. */
export function uncertainEventNumbers(policies: readonly PolicyEvent[]): EventNumber[] {
  return policies.flatMap((event, i) => Object.entries(event.posterior ?? {}).map(([name, interval]): EventNumber => [i, name, interval]));
}

/** The events at one point: each calibrated number at its posterior interval's low + u × its width. */
export function perturbEvents(policies: readonly PolicyEvent[], numbers: readonly EventNumber[], point: ArrayLike<number>): PolicyEvent[] {
  const out = policies.map((event) => ({ ...event, parameters: { ...event.parameters } }));
  numbers.forEach(([i, name, interval], d) => {
    out[i].parameters[name] = across(interval, point[d]);
  });
  return out;
}

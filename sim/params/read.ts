import type { ParameterValue } from '../core/types';

// Typed access to resolved parameters at model set-up (never in the tick loop).

export class ParameterReader {
  /** paths read so far: lets a test check that every catalogued parameter is used by the model */
  readonly used = new Set<string>();
  constructor(private readonly values: Record<string, ParameterValue>) {}

  num(path: string): number {
    const v = this.values[path];
    if (typeof v !== 'number') throw new Error(`model parameter ${path} is missing or not a single number`);
    this.used.add(path);
    return v;
  }

  perDistrict(path: string): Float64Array {
    const v = this.values[path];
    if (!Array.isArray(v)) throw new Error(`model parameter ${path} is missing or not per district`);
    this.used.add(path);
    return Float64Array.from(v);
  }

  /** Several numbers under one prefix, e.g. list('growers.yieldKg', ['small', 'medium']). */
  list(prefix: string, names: readonly string[]): Float64Array {
    return Float64Array.from(names, (n) => this.num(`${prefix}.${n}`));
  }
}

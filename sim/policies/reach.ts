import type { PolicyEvent, RowKey } from '../core/types';
import { policyRegistry } from './registry';

// Which market × echelon rows a set of policy events acts on, from each module's own declaration
// (`actsOn`): a comparison asks where displaced activity went only where a policy pushed.

/** The rows (`market/echelon`) the events act on directly, for their parameters. */
export function rowsActedOn(events: readonly PolicyEvent[]): Set<RowKey> {
  const rows = new Set<RowKey>();
  for (const event of events) {
    const module = policyRegistry.get(event.type);
    if (!module) throw new RangeError(`rowsActedOn: unknown policy type "${event.type}"`);
    const { markets, echelons } = module.actsOn(event.parameters);
    for (const m of markets) for (const e of echelons) rows.add(`${m}/${e}`);
  }
  return rows;
}

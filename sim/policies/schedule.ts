import type { Calendar } from '../core/calendar';
import type { PolicyEvent } from '../core/types';
import type { World } from '../world/world';
import type { Levers } from './levers';
import type { ActiveEvent, PolicyModule } from './policy';
import { policyRegistry } from './registry';

// The scenario's policy events on the tick axis. Each tick the levers are reset and every event
// active at that tick acts on them in order of start date.

interface ScheduledEvent extends ActiveEvent {
  module: PolicyModule;
  startTick: number;
  endTick: number;
}

export class PolicySchedule {
  private readonly events: ScheduledEvent[];

  constructor(events: readonly PolicyEvent[], private readonly calendar: Calendar, world: World) {
    this.events = events.map((e) => {
      const module = policyRegistry.get(e.type);
      if (!module) throw new Error(`unknown policy type ${e.type}`);
      const parameters: Record<string, number | boolean | string> = {};
      for (const [name, spec] of Object.entries(module.parameters)) parameters[name] = e.parameters[name] ?? spec.default;
      return {
        module,
        startTick: calendar.tickOf(e.start),
        endTick: e.end ? calendar.tickOf(e.end) : Number.MAX_SAFE_INTEGER,
        districts: Int32Array.from(e.districts, (id) => world.index(id)),
        parameters,
        yearsActive: 0,
      };
    });
  }

  apply(levers: Levers, tick: number, world: World): void {
    levers.reset();
    for (const e of this.events) {
      if (tick < e.startTick || tick >= e.endTick) continue;
      e.yearsActive = this.calendar.yearOfTick(tick) - this.calendar.yearOfTick(e.startTick);
      e.module.apply(levers, e, world);
    }
  }
}

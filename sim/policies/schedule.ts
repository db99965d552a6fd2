import type { Calendar } from '../core/calendar';
import type { PolicyEvent } from '../core/types';
import type { World } from '../world/world';
import type { Levers } from './levers';
import type { ActiveEvent, PolicyModule } from './policy';
import { policyRegistry } from './registry';

// The scenario's policy events on the tick axis. Each tick the levers are reset and every event
// active at that tick acts on them in order of start date (one that fades, for its fade years after
// its end as well).

interface ScheduledEvent extends ActiveEvent {
  module: PolicyModule;
  startTick: number;
  endTick: number;
  /** years it keeps acting after endTick, fading (PolicyModule.fadeYears) */
  fadeYears: number;
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
        yearsAfterEnd: 0,
        fadeYears: module.fadeYears?.(parameters) ?? 0,
      };
    });
  }

  apply(levers: Levers, tick: number, world: World): void {
    levers.reset();
    for (const e of this.events) {
      if (tick < e.startTick) continue;
      const started = this.calendar.yearOfTick(e.startTick);
      if (tick < e.endTick) {
        e.yearsActive = this.calendar.yearOfTick(tick) - started;
        e.yearsAfterEnd = 0;
      } else {
        if (e.fadeYears <= 0) continue;
        const ended = this.calendar.yearOfTick(e.endTick);
        e.yearsAfterEnd = this.calendar.yearOfTick(tick) - ended;
        if (e.yearsAfterEnd >= e.fadeYears) continue;
        e.yearsActive = ended - started;
      }
      e.module.apply(levers, e, world);
    }
  }
}

import type { Enforcement } from './enforcement';
import type { Organisations } from './organisations';

// In-depth investigations under way. Each follows a lead from a raid on one organisation; when its
// duration is over the organisation is taken down: its members in the investigating country are
// arrested, and those across the border too when the two countries cooperate on the case.

interface Case {
  orgs: Organisations;
  organisation: number;
  market: number;
  district: number;
  country: number;
  endTick: number;
}

export class Investigations {
  private open: Case[] = [];
  private takenDown: { orgs: Organisations; organisation: number }[] = [];

  start(c: Case): void {
    c.orgs.investigated[c.organisation] = 1;
    this.open.push(c);
  }

  /**
   * Flags the organisations whose investigation ends this tick; `crossBorder(market, id)` decides
   * whether the takedown of organisation `id` (Organisations.id) reaches across the border.
   */
  completeDue(tick: number, enforcement: Enforcement, crossBorder: (market: number, id: number) => boolean): number {
    let done = 0;
    const still: Case[] = [];
    for (const c of this.open) {
      if (c.endTick > tick) {
        still.push(c);
        continue;
      }
      enforcement.closeInvestigation(c.market, c.district);
      const o = c.organisation;
      const members = c.orgs.members[o];
      c.orgs.endInvestigation(o);
      if (members > 0) {
        c.orgs.takedown[o] = 1;
        c.orgs.takedownCountry[o] = c.country;
        c.orgs.takedownCrossBorder[o] = crossBorder(c.market, c.orgs.id[o]) ? 1 : 0;
        this.takenDown.push({ orgs: c.orgs, organisation: o });
        done++;
      }
    }
    this.open = still;
    return done;
  }

  /** After every actor has seen this tick's takedowns. */
  clearTakedowns(): void {
    for (const t of this.takenDown) t.orgs.takedown[t.organisation] = 0;
    this.takenDown = [];
  }

  get count(): number {
    return this.open.length;
  }
}

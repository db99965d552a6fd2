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

/**
 * A lead waiting for the week's end: `priority` (a keyed uniform) orders the leads that compete for
 * slots; `id` is the organisation's (its slot may be freed by then if its last member left).
 */
export interface Lead extends Case {
  id: number;
  priority: number;
}

export class Investigations {
  private open: Case[] = [];
  private leads: Lead[] = [];
  private takenDown: { orgs: Organisations; organisation: number }[] = [];

  /** A raid gave a lead (Leads.follow); it may become an investigation when the week's raids are done. */
  lead(l: Lead): void {
    this.leads.push(l);
  }

  /**
   * The week's leads in the order of their priorities: each opens an investigation if its organisation
   * is not investigated yet and the district has a slot free.
   */
  openLeads(enforcement: Enforcement): void {
    this.leads.sort((a, b) => a.priority - b.priority);
    for (const l of this.leads) {
      const o = l.organisation;
      // An organisation whose last member left this week is gone: nothing left to investigate.
      if (l.orgs.members[o] === 0 || l.orgs.id[o] !== l.id) continue;
      if (l.orgs.investigated[o] || !enforcement.tryOpenInvestigation(l.market, l.district)) continue;
      l.orgs.investigated[o] = 1;
      this.open.push(l);
    }
    this.leads = [];
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
        c.orgs.takedownsNow++;
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
    for (const t of this.takenDown) {
      t.orgs.takedown[t.organisation] = 0;
      t.orgs.successor[t.organisation] = -1;
      t.orgs.takedownsNow = 0;
    }
    this.takenDown = [];
  }

  get count(): number {
    return this.open.length;
  }
}

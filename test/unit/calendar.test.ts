import { describe, expect, it } from 'vitest';
import { Calendar, isoDate, parseIsoDate } from '../../sim/core';

// Weekly ticks and calendar dates: the tick axis every policy date and every monthly row depends on.

describe('parseIsoDate / isoDate', () => {
  it('round-trips valid dates, leap days included', () => {
    for (const d of ['1995-01-01', '2000-02-29', '2012-05-01', '2020-02-29', '2025-12-31']) {
      const day = parseIsoDate(d);
      expect(day, d).toBeDefined();
      expect(isoDate(day!)).toBe(d);
    }
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('2010-01-08')! - parseIsoDate('2010-01-01')!).toBe(7);
  });

  it('rejects impossible or malformed dates', () => {
    for (const d of ['2021-02-30', '2021-02-29', '1900-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '2021-01-00', '2021-1-5', '21-01-05', '2021/01/05', '2021-01-05T00:00', '', 'tomorrow']) {
      expect(parseIsoDate(d), d).toBeUndefined();
    }
  });
});

describe('Calendar', () => {
  it('counts whole weeks between start and end', () => {
    expect(new Calendar('2010-01-01', '2010-12-31').ticks).toBe(52); // 364 days
    expect(new Calendar('2010-01-01', '2013-12-31').ticks).toBe(208); // 1460 days
    expect(new Calendar('2010-01-01', '2010-01-15').ticks).toBe(2);
    expect(new Calendar('2010-01-01', '2010-01-03').ticks).toBe(1); // at least one tick
  });

  it('converts ticks to dates and months (a tick belongs to the month of its first day)', () => {
    const c = new Calendar('2010-01-01', '2010-12-31');
    expect(c.dateOfTick(0)).toBe('2010-01-01');
    expect(c.dateOfTick(1)).toBe('2010-01-08');
    expect(c.dateOfTick(4)).toBe('2010-01-29');
    expect(c.dateOfTick(5)).toBe('2010-02-05');
    expect(c.dateOfTick(51)).toBe('2010-12-24');
    expect(c.months).toEqual(['2010-01', '2010-02', '2010-03', '2010-04', '2010-05', '2010-06', '2010-07', '2010-08', '2010-09', '2010-10', '2010-11', '2010-12']);
    expect(c.monthOfTick.length).toBe(52);
    expect(c.monthOfTick[0]).toBe(0);
    expect(c.monthOfTick[4]).toBe(0);
    expect(c.monthOfTick[5]).toBe(1);
    expect(c.monthOfTick[51]).toBe(11);
    for (let t = 0; t < c.ticks; t++) {
      expect(c.months[c.monthOfTick[t]], `tick ${t}`).toBe(c.dateOfTick(t).slice(0, 7));
      if (t > 0) expect(c.monthOfTick[t] - c.monthOfTick[t - 1]).toBeGreaterThanOrEqual(0);
    }
  });

  it('months span the whole run, one entry per month, none skipped', () => {
    const c = new Calendar('2010-01-01', '2013-12-31');
    expect(c.months.length).toBe(48);
    expect(c.months[0]).toBe('2010-01');
    expect(c.months[47]).toBe('2013-12');
    expect(new Set(c.months).size).toBe(48);
  });

  it('tickOf: the first tick on or after a date, clamped to [0, ticks]', () => {
    const c = new Calendar('2010-01-01', '2010-12-31');
    expect(c.tickOf('2010-01-01')).toBe(0);
    expect(c.tickOf('2010-01-02')).toBe(1);
    expect(c.tickOf('2010-01-08')).toBe(1);
    expect(c.tickOf('2010-01-09')).toBe(2);
    expect(c.tickOf('2009-06-01')).toBe(0);
    expect(c.tickOf('2030-01-01')).toBe(52);
    for (let t = 0; t < c.ticks; t++) expect(c.tickOf(c.dateOfTick(t))).toBe(t);
    expect(() => c.tickOf('2021-02-30')).toThrow();
  });

  it('yearOfTick gives the fractional calendar year', () => {
    const c = new Calendar('2012-01-01', '2014-12-31');
    expect(c.yearOfTick(0)).toBe(2012);
    const mid = c.yearOfTick(c.tickOf('2012-07-01'));
    expect(mid).toBeGreaterThan(2012.49);
    expect(mid).toBeLessThan(2012.52);
    for (let t = 1; t < c.ticks; t++) expect(c.yearOfTick(t)).toBeGreaterThan(c.yearOfTick(t - 1));
    expect(Math.floor(c.yearOfTick(c.tickOf('2013-03-01')))).toBe(2013);
    // asked again, in another order, and of weeks outside the calendar (kept only inside it): the same number
    const fresh = new Calendar('2012-01-01', '2014-12-31');
    for (let t = c.ticks + 3; t >= -2; t--) expect(fresh.yearOfTick(t)).toBe(c.yearOfTick(t));
    expect(c.yearOfTick(-1)).toBeLessThan(2012);
    expect(c.yearOfTick(c.ticks + 60)).toBeGreaterThan(2015);
  });

  it('rejects invalid or reversed dates', () => {
    expect(() => new Calendar('2021-02-30', '2022-01-01')).toThrow();
    expect(() => new Calendar('2021-01-01', '2021-02-30')).toThrow();
    expect(() => new Calendar('2021-01-01', '2021-01-01')).toThrow();
    expect(() => new Calendar('2022-01-01', '2021-01-01')).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { dayFromYmd, formatDay } from './dates';
import { federalHolidays } from './holidays';
import { liquidationDayAfter, liquidationDayOnOrAfter } from './liquidation-calendar';
import { addDays } from './dates';

const MON_THU = [1, 2, 3, 4];

describe('federal holidays', () => {
  it('lists 2026 with observed dates (July 4 is a Saturday → Friday July 3)', () => {
    expect(federalHolidays(2026).map(formatDay)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('moves Sunday holidays to Monday and a Saturday New Year to the Friday before', () => {
    expect(federalHolidays(2027).map(formatDay)).toContain('2027-07-05'); // July 4, 2027 is a Sunday
    expect(federalHolidays(2027).map(formatDay)).toContain('2027-06-18'); // Juneteenth 2027 is a Saturday
    expect(federalHolidays(2021).map(formatDay)).toContain('2021-12-31'); // Jan 1, 2022 is a Saturday
    expect(federalHolidays(2022).map(formatDay)).not.toContain('2022-01-01');
  });
});

describe('projected (re)liquidation dates', () => {
  it('F = 2026-12-01: F+45 is Friday 2027-01-15, Monday 2027-01-18 is MLK Day → Tuesday 2027-01-19', () => {
    const f = dayFromYmd(2026, 12, 1);
    expect(formatDay(liquidationDayOnOrAfter(addDays(f, 45), MON_THU))).toBe('2027-01-19');
  });

  it('F = 2026-12-01: reliquidation on the next Monday–Thursday, 2026-12-02', () => {
    expect(formatDay(liquidationDayAfter(dayFromYmd(2026, 12, 1), MON_THU))).toBe('2026-12-02');
  });

  it('skips Friday–Sunday and Thanksgiving', () => {
    expect(formatDay(liquidationDayAfter(dayFromYmd(2026, 11, 25), MON_THU))).toBe('2026-11-30');
    expect(formatDay(liquidationDayOnOrAfter(dayFromYmd(2026, 11, 26), MON_THU))).toBe('2026-11-30');
    expect(formatDay(liquidationDayOnOrAfter(dayFromYmd(2026, 11, 23), MON_THU))).toBe('2026-11-23');
  });
});

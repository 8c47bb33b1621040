/**
 * U.S. federal holidays (5 U.S.C. 6103) computed by rule, with observed dates:
 * a Saturday holiday is observed on the Friday before, a Sunday holiday on the Monday after.
 */
import { type DayNum, dayFromYmd, weekday, daysInMonth, addDays, ymdFromDay } from './dates';

function nthWeekday(y: number, m: number, wd: number, n: number): DayNum {
  const first = dayFromYmd(y, m, 1);
  const offset = (wd - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function lastWeekday(y: number, m: number, wd: number): DayNum {
  const last = dayFromYmd(y, m, daysInMonth(y, m));
  return addDays(last, -((weekday(last) - wd + 7) % 7));
}

function observed(day: DayNum): DayNum {
  const wd = weekday(day);
  if (wd === 6) return addDays(day, -1);
  if (wd === 0) return addDays(day, 1);
  return day;
}

/** Observed holidays falling in calendar year y (Jan 1 of y+1 may be observed on Dec 31 of y). */
export function federalHolidays(y: number): DayNum[] {
  const days = [
    observed(dayFromYmd(y, 1, 1)),
    nthWeekday(y, 1, 1, 3), // Martin Luther King Jr. Day: 3rd Monday of January
    nthWeekday(y, 2, 1, 3), // Washington's Birthday: 3rd Monday of February
    lastWeekday(y, 5, 1), // Memorial Day: last Monday of May
    observed(dayFromYmd(y, 7, 4)),
    nthWeekday(y, 9, 1, 1), // Labor Day: 1st Monday of September
    nthWeekday(y, 10, 1, 2), // Columbus Day: 2nd Monday of October
    observed(dayFromYmd(y, 11, 11)),
    nthWeekday(y, 11, 4, 4), // Thanksgiving: 4th Thursday of November
    observed(dayFromYmd(y, 12, 25)),
  ];
  if (y >= 2021) days.push(observed(dayFromYmd(y, 6, 19))); // Juneteenth, a federal holiday since 2021
  const nextNewYear = observed(dayFromYmd(y + 1, 1, 1));
  if (nextNewYear < dayFromYmd(y + 1, 1, 1)) days.push(nextNewYear);
  return days.filter((d) => d >= dayFromYmd(y, 1, 1)).sort((a, b) => a - b);
}

const cache = new Map<number, Set<number>>();

export function isFederalHoliday(day: DayNum): boolean {
  const { y } = ymdFromDay(day);
  let set = cache.get(y);
  if (!set) {
    set = new Set(federalHolidays(y));
    cache.set(y, set);
  }
  return set.has(day);
}

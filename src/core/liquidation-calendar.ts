/** When CBP can (re)liquidate: Monday to Thursday, never on an observed federal holiday (SPEC §4). */
import { type DayNum, addDays, weekday } from './dates';
import { isFederalHoliday } from './holidays';

export function isLiquidationDay(day: DayNum, weekdays: readonly number[]): boolean {
  return weekdays.includes(weekday(day)) && !isFederalHoliday(day);
}

/** First liquidation day on or after `day`. */
export function liquidationDayOnOrAfter(day: DayNum, weekdays: readonly number[]): DayNum {
  let d = day;
  while (!isLiquidationDay(d, weekdays)) d = addDays(d, 1);
  return d;
}

/** First liquidation day strictly after `day`. */
export function liquidationDayAfter(day: DayNum, weekdays: readonly number[]): DayNum {
  return liquidationDayOnOrAfter(addDays(day, 1), weekdays);
}

/** Independent expectations for the browser tests: SPEC §4's daily compounding as a plain loop over calendar days. */
import Decimal from 'decimal.js';

/** Interest on `principal` dollars from the day after `depositIso` to `endIso`, at `ratePct` a year, to the cent. */
export function interest(principal: string, depositIso: string, endIso: string, ratePct = '6'): string {
  const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
  let balance = new D(principal);
  const day = new Date(`${depositIso}T00:00:00Z`);
  const end = new Date(`${endIso}T00:00:00Z`);
  for (day.setUTCDate(day.getUTCDate() + 1); day <= end; day.setUTCDate(day.getUTCDate() + 1)) {
    const y = day.getUTCFullYear();
    const days = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
    balance = balance.times(new D(ratePct).div(100).div(days).plus(1));
  }
  return balance.minus(principal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export const plus = (a: string, b: string): string => new Decimal(a).plus(b).toFixed(2);

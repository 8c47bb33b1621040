/**
 * An independent oracle for interest (SPEC §4) in the tests' expectations: a plain loop over calendar
 * days with its own date arithmetic (JavaScript `Date` in UTC) and its own decimal context, no code of
 * the app's. Rates come as a function of the quarter key (`2026Q2`), in percent.
 */
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

/** The corporate and non-corporate rates of November 2026 (2026 Q2 5% / 6%, every other quarter 6% / 7%). */
export function november2026Rates(taxpayer: 'corporate' | 'non_corporate', raise = 0): (quarter: string) => string {
  return (quarter) => {
    const corporate = quarter === '2026Q2' ? 5 : 6;
    return String((taxpayer === 'corporate' ? corporate : corporate + 1) + raise);
  };
}

/** Interest on `principal` (dollars, "1000.00") deposited on `depositIso` to `endIso`, compounded daily; "12.34". */
export function naiveInterest(
  principal: string,
  depositIso: string,
  endIso: string,
  rate: (quarter: string) => string,
): string {
  let balance = new D(principal);
  const day = new Date(`${depositIso}T00:00:00Z`);
  const end = new Date(`${endIso}T00:00:00Z`);
  for (day.setUTCDate(day.getUTCDate() + 1); day <= end; day.setUTCDate(day.getUTCDate() + 1)) {
    const y = day.getUTCFullYear();
    const days = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
    const quarter = `${y}Q${Math.floor(day.getUTCMonth() / 3) + 1}`;
    balance = balance.times(new D(rate(quarter)).div(100).div(days).plus(1));
  }
  return balance.minus(principal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Dollars ("12.34") to cents. */
export function cents(dollars: string): number {
  return new D(dollars).times(100).toNumber();
}

export const plus = (a: string, b: string): string => new Decimal(a).plus(b).toFixed(2);

/**
 * Interest by per-quarter tables (interest.ts) against the plain decimal computation of SPEC §4 as
 * the oracle: the growth Π(1 + r(d)/n(d)) multiplied day by day over start < d ≤ end in decimal.js at
 * 40 significant digits, the rate of each day looked up by its own calendar quarter, and
 * round-half-up(principal × Π) − principal. Random principals (up to $10 trillion, negative, and
 * multiples of powers of 2 and 5 that land on exact half cents), periods over leap years and rate
 * changes, and rates whose daily factor is a short exact decimal (7.3% / 365 = 0.0002), so ties occur.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { type DayNum, dayFromYmd, ymdFromDay } from './dates';
import { InterestCalculator, type RateInput, RateTable, type TaxpayerType } from './interest';
import type { Cents } from './money';

const D40 = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** The rate of a day's quarter in percent: quarters before the table take its first rate, after it its last. */
function rateOn(sorted: readonly RateInput[], y: number, m: number, type: TaxpayerType): string {
  const key = `${y}Q${Math.ceil(m / 3)}`;
  const hit =
    sorted.find((r) => r.quarter === key) ?? (key < sorted[0]!.quarter ? sorted[0]! : sorted[sorted.length - 1]!);
  return type === 'corporate' ? hit.corporate : hit.nonCorporate;
}

/** The oracle: Π multiplied day by day at 40 digits, then round-half-up(principal × Π) − principal. */
function naiveInterest(
  rates: readonly RateInput[],
  type: TaxpayerType,
  principal: number,
  start: DayNum,
  end: DayNum,
): { product: number; balance: number } {
  const sorted = [...rates].sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
  let growth = new D40(1);
  let balance = new D40(principal);
  for (let d = start + 1; d <= end; d++) {
    const { y, m } = ymdFromDay(d as DayNum);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const daily = new D40(rateOn(sorted, y, m, type))
      .div(100)
      .div(leap ? 366 : 365)
      .plus(1);
    growth = growth.times(daily);
    balance = balance.times(daily);
  }
  const round = (v: Decimal) => v.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).minus(principal).toNumber();
  return { product: round(new D40(principal).times(growth)), balance: round(balance) };
}

const QUARTERS = ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2'];
/** Percent rates: ordinary ones, and ones whose daily factor is a short exact decimal (ties happen). */
const rate = fc.oneof(
  fc.constantFrom('6', '7', '5', '8', '0', '7.3', '3.65', '7.32', '3.66', '14.6'),
  fc.integer({ min: 0, max: 20_000 }).map((bp) => new Decimal(bp).div(1000).toString()),
);
const rateTable = fc
  .uniqueArray(fc.constantFrom(...QUARTERS), { minLength: 1, maxLength: 6 })
  .chain((quarters) =>
    fc.tuple(
      ...quarters.map((quarter) => fc.record({ quarter: fc.constant(quarter), corporate: rate, nonCorporate: rate })),
    ),
  );
const principal = fc.oneof(
  fc.integer({ min: -1e15, max: 1e15 }),
  fc.integer({ min: 1, max: 100_000_000 }),
  // Multiples of 2^a·5^b: with exact daily factors they land on exact half cents.
  fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 9 }))
    .map(([a, b, k]) => Math.min(1e15, k * 2 ** a * 5 ** b)),
);
const period = fc
  .tuple(fc.integer({ min: dayFromYmd(2023, 11, 1), max: dayFromYmd(2028, 12, 31) }), fc.integer({ min: 0, max: 700 }))
  .map(([start, days]) => ({ start: start as DayNum, end: (start + days) as DayNum }));

describe('interest by per-quarter tables', () => {
  it('equals round-half-up(principal × Π) − principal computed day by day in decimal at 40 digits', () => {
    fc.assert(
      fc.property(
        rateTable,
        fc.constantFrom<TaxpayerType>('corporate', 'non_corporate'),
        fc.array(fc.tuple(principal, period), { minLength: 1, maxLength: 4 }),
        (rates, type, cases) => {
          // One calculator for several entries, as an analysis uses it: its tables are shared.
          const calc = new InterestCalculator(new RateTable(rates), type);
          for (const [p, { start, end }] of cases) {
            const expected = naiveInterest(rates, type, p, start, end);
            const got = calc.interest(p as Cents, start, end);
            expect(got, `${p} cents ${start}→${end}`).toBe(expected.product);
            // SPEC §4 states it as a balance grown day by day: the same cents.
            expect(got).toBe(expected.balance);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('lands exactly on half cents when the daily factor is a short decimal, and rounds them up', () => {
    // 7.3% / 365 = 0.0002 a day in 2025: $25.00 for one day grows by exactly half a cent.
    const calc = new InterestCalculator(
      new RateTable([{ quarter: '2025Q1', corporate: '7.3', nonCorporate: '7.3' }]),
      'corporate',
    );
    const day = dayFromYmd(2025, 2, 1);
    expect(calc.interest(2500 as Cents, day, (day + 1) as DayNum)).toBe(1);
    expect(calc.interest(-2500 as Cents, day, (day + 1) as DayNum)).toBe(-1);
    // Two days: 2500 × (1.0002² − 1) = 1.0001 cents → 1.
    expect(calc.interest(2500 as Cents, day, (day + 2) as DayNum)).toBe(1);
    expect(
      naiveInterest(
        [{ quarter: '2025Q1', corporate: '7.3', nonCorporate: '7.3' }],
        'corporate',
        2500,
        day,
        (day + 1) as DayNum,
      ).product,
    ).toBe(1);
  });
});

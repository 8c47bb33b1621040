import { describe, expect, it } from 'vitest';
import { InterestCalculator, RateTable } from './interest';
import { dayFromYmd } from './dates';
import type { Cents } from './money';
import { builtInRulepack } from './builtin-rulepack';

const table = new RateTable(builtInRulepack().pack.overpaymentRates);
const principal = 1_000_000 as Cents; // $10,000.00

describe('interest (daily compounding by quarter)', () => {
  it('$10,000 from 2025-04-15 to 2026-03-20: 6% → $573.03, 7% → $671.67', () => {
    const start = dayFromYmd(2025, 4, 15);
    const end = dayFromYmd(2026, 3, 20);
    expect(new InterestCalculator(table, 'corporate').interest(principal, start, end)).toBe(57303);
    expect(new InterestCalculator(table, 'non_corporate').interest(principal, start, end)).toBe(67167);
  });

  it('the 2026 Q2 rate of the built-in pack: $10,000.00 deposited 2026-03-15, reliquidated 2026-09-15, corporate → $281.40', () => {
    // By hand: days 2026-03-16 … 2026-09-15 (184), each at its quarter's corporate rate, /365 (2026 is not a leap year):
    //   2026 Q1, 03-16 … 03-31: 16 days at 6% → (1 + 0.06/365)^16 = 1.00263338210977…
    //   2026 Q2, 04-01 … 06-30: 91 days at 5% → (1 + 0.05/365)^91 = 1.01254291034066…
    //   2026 Q3, 07-01 … 09-15: 77 days at 6% → (1 + 0.06/365)^77 = 1.01273692640817…
    //   product 1.02813996915858…; × $10,000.00 − $10,000.00 = $281.3997 → $281.40.
    // (The old table's 6% all through would give $307.06; non-corporate, 7% / 6% / 7%, gives $333.35.)
    const start = dayFromYmd(2026, 3, 15);
    const end = dayFromYmd(2026, 9, 15);
    expect(new InterestCalculator(table, 'corporate').interest(principal, start, end)).toBe(28140);
    expect(new InterestCalculator(table, 'non_corporate').interest(principal, start, end)).toBe(33335);
    expect(table.assumedQuarters(start, end)).toEqual([]);
  });

  it('marks the quarters past the table as assumed (equal to its last quarter), and those of status assumed', () => {
    // The built-in table ends with 2026 Q4: an interest period into 2027 rests on assumed rates.
    expect(table.assumedQuarters(dayFromYmd(2026, 6, 1), dayFromYmd(2026, 12, 31))).toEqual([]);
    expect(table.assumedQuarters(dayFromYmd(2026, 6, 1), dayFromYmd(2027, 1, 1))).toEqual(['2027Q1']);
    expect(table.assumedQuarters(dayFromYmd(2026, 6, 1), dayFromYmd(2027, 4, 1))).toEqual(['2027Q1', '2027Q2']);
    expect(table.dependsOnAssumed(dayFromYmd(2026, 12, 31), dayFromYmd(2027, 1, 1))).toBe(true);
    expect(table.dependsOnAssumed(dayFromYmd(2026, 12, 30), dayFromYmd(2026, 12, 31))).toBe(false);
    // 2027 Q1 at the assumed 6%: the same figure as a table that states it.
    const stated = new RateTable([
      ...builtInRulepack().pack.overpaymentRates,
      { quarter: '2027Q1', corporate: '6', nonCorporate: '7' },
    ]);
    const period = [dayFromYmd(2026, 11, 1), dayFromYmd(2027, 2, 15)] as const;
    expect(new InterestCalculator(table, 'corporate').interest(principal, ...period)).toBe(
      new InterestCalculator(stated, 'corporate').interest(principal, ...period),
    );
    expect(stated.assumedQuarters(...period)).toEqual([]);
    // Before the table, and a quarter the table itself marks assumed.
    const marked = new RateTable([
      { quarter: '2026Q1', corporate: '6', nonCorporate: '7', status: 'published' },
      { quarter: '2026Q2', corporate: '6', nonCorporate: '7', status: 'assumed' },
      { quarter: '2026Q3', corporate: '6', nonCorporate: '7', status: 'published' },
    ]);
    expect(marked.assumedQuarters(dayFromYmd(2025, 12, 1), dayFromYmd(2026, 8, 1))).toEqual(['2025Q4', '2026Q2']);
    expect(marked.assumedQuarters(dayFromYmd(2026, 7, 1), dayFromYmd(2026, 8, 1))).toEqual([]);
    expect(marked.dependsOnAssumed(dayFromYmd(2026, 3, 31), dayFromYmd(2026, 4, 1))).toBe(true);
    expect(marked.dependsOnAssumed(dayFromYmd(2026, 6, 30), dayFromYmd(2026, 7, 1))).toBe(false);
  });

  it('changes rate at a quarter boundary: $5,000, 2025-12-15 → 2026-01-20, Q4 6% then Q1 8% → $35.19', () => {
    // 16 days at 6%/365 then 20 days at 8%/365: 5000 × 1.0026334 × 1.0043928 − 5000 = 35.188
    const rates = new RateTable([
      { quarter: '2025Q4', corporate: '6', nonCorporate: '7' },
      { quarter: '2026Q1', corporate: '8', nonCorporate: '9' },
    ]);
    const calc = new InterestCalculator(rates, 'corporate');
    expect(calc.interest(500_000 as Cents, dayFromYmd(2025, 12, 15), dayFromYmd(2026, 1, 20))).toBe(3519);
  });

  it('divides by 366 in a leap year: $1,000, 2027-12-01 → 2028-03-01 at 6% → $15.04', () => {
    // 30 days /365 (4.94) then 61 days /366 (10.05 on the grown balance)
    const rates = new RateTable([{ quarter: '2027Q4', corporate: '6', nonCorporate: '7' }]);
    const calc = new InterestCalculator(rates, 'corporate');
    expect(calc.interest(100_000 as Cents, dayFromYmd(2027, 12, 1), dayFromYmd(2028, 3, 1))).toBe(1504);
    // With 365 in 2028 instead the result would be 15.07: the day count matters.
  });

  it('uses the last rate after the table ends and the first before it begins', () => {
    const rates = new RateTable([{ quarter: '2026Q4', corporate: '6', nonCorporate: '7' }]);
    expect(rates.rate(dayFromYmd(2031, 5, 1), 'corporate').toString()).toBe('0.06');
    expect(rates.rate(dayFromYmd(2020, 5, 1), 'non_corporate').toString()).toBe('0.07');
  });

  it('is zero for an empty or reversed period and the same however often it is asked', () => {
    const calc = new InterestCalculator(table, 'corporate');
    const d = dayFromYmd(2025, 6, 1);
    expect(calc.interest(principal, d, d)).toBe(0);
    expect(calc.interest(principal, d, dayFromYmd(2025, 5, 1))).toBe(0);
    const end = dayFromYmd(2026, 3, 20);
    const later = calc.interest(principal, dayFromYmd(2025, 9, 1), end);
    const earlier = calc.interest(principal, dayFromYmd(2025, 4, 15), end);
    expect(earlier).toBe(57303);
    expect(calc.interest(principal, dayFromYmd(2025, 9, 1), end)).toBe(later);
  });
});

describe('RateTable.periods: the interest period quarter by quarter (entry detail)', () => {
  it('splits start < d ≤ end at quarter starts, with each quarter’s rate and the assumed ones marked', () => {
    const periods = table.periods(dayFromYmd(2026, 3, 20), dayFromYmd(2027, 1, 10), 'corporate');
    expect(periods.map((p) => [p.quarter, p.days, p.ratePercent, p.assumed])).toEqual([
      ['2026Q1', 11, '6', false],
      ['2026Q2', 91, '5', false],
      ['2026Q3', 92, '6', false],
      ['2026Q4', 92, '6', false],
      ['2027Q1', 10, '6', true],
    ]);
    expect(periods.reduce((n, p) => n + p.days, 0)).toBe(dayFromYmd(2027, 1, 10) - dayFromYmd(2026, 3, 20));
    expect(table.periods(dayFromYmd(2026, 3, 20), dayFromYmd(2026, 3, 20), 'corporate')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { InterestCalculator, RateTable } from './interest';
import { dayFromYmd } from './dates';
import type { Cents } from './money';
import { RULEBOOK } from './rulebook';

const table = new RateTable(RULEBOOK.overpaymentRates.value);
const principal = 1_000_000 as Cents; // $10,000.00

describe('interest (daily compounding by quarter)', () => {
  it('$10,000 from 2025-04-15 to 2026-03-20: 6% → $573.03, 7% → $671.67', () => {
    const start = dayFromYmd(2025, 4, 15);
    const end = dayFromYmd(2026, 3, 20);
    expect(new InterestCalculator(table, 'corporate').interest(principal, start, end)).toBe(57303);
    expect(new InterestCalculator(table, 'non_corporate').interest(principal, start, end)).toBe(67167);
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

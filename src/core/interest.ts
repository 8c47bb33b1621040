/**
 * Interest on the IEEPA principal (19 U.S.C. 1505(c)), SPEC §4: for each calendar day d with
 * start < d ≤ end, balance × (1 + r(d)/365) (366 in leap years), r(d) the overpayment rate of d's
 * quarter; interest = final balance − principal, rounded half-up to cents at the end.
 */
import Decimal from 'decimal.js';
import { type DayNum, addDays, isLeapYear, nextQuarter, quarterKey, quarterStart, ymdFromDay } from './dates';
import type { Cents } from './money';
import type { OverpaymentRate } from './rulebook';

/** 40 significant digits: the compounded factor of a few hundred days stays exact far below a cent. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export type TaxpayerType = 'corporate' | 'non_corporate';

/** A quarter of the table: its rates, and its status where known (`assumed` marks figures that depend on it). */
export type RateInput = Pick<OverpaymentRate, 'quarter' | 'corporate' | 'nonCorporate'> & { status?: string };

/**
 * Overpayment rates by quarter; quarters before the table use its first rate, after it its last. Those
 * quarters, and quarters of status `assumed`, are assumed: `assumedQuarters` names them for a period.
 */
/** One quarter of an interest period (RateTable.periods). */
export interface InterestPeriod {
  quarter: string;
  /** First and last day of the period in this quarter. */
  from: DayNum;
  to: DayNum;
  days: number;
  /** Annual overpayment rate, percent ("6"). */
  ratePercent: string;
  assumed: boolean;
}

export class RateTable {
  private readonly byQuarter = new Map<string, { corporate: Dec; nonCorporate: Dec }>();
  private readonly first: { corporate: Dec; nonCorporate: Dec };
  private readonly last: { corporate: Dec; nonCorporate: Dec };
  private readonly firstQuarter: string;
  /** First day of the table, first day after it, and [from, until) of each quarter of status `assumed`. */
  private readonly tableFrom: DayNum;
  private readonly tableUntil: DayNum;
  private readonly assumedSpans: [DayNum, DayNum][] = [];

  constructor(rates: readonly RateInput[]) {
    if (rates.length === 0) throw new Error('The overpayment rate table is empty.');
    const sorted = [...rates].sort((a, b) => compareQuarter(a.quarter, b.quarter));
    for (const r of sorted) {
      this.byQuarter.set(r.quarter, {
        corporate: new Dec(r.corporate).div(100),
        nonCorporate: new Dec(r.nonCorporate).div(100),
      });
    }
    const firstRate = sorted[0]!;
    this.firstQuarter = firstRate.quarter;
    this.first = this.byQuarter.get(firstRate.quarter)!;
    this.last = this.byQuarter.get(sorted[sorted.length - 1]!.quarter)!;
    this.tableFrom = quarterStart(firstRate.quarter);
    this.tableUntil = quarterStart(nextQuarter(sorted[sorted.length - 1]!.quarter));
    for (const r of sorted)
      if (r.status === 'assumed')
        this.assumedSpans.push([quarterStart(r.quarter), quarterStart(nextQuarter(r.quarter))]);
  }

  /** Whether interest over start < d ≤ end uses an assumed rate (a cheap test for loops over entries). */
  dependsOnAssumed(start: DayNum, end: DayNum): boolean {
    if (end <= start) return false;
    const first = start + 1;
    if (first < this.tableFrom || end >= this.tableUntil) return true;
    return this.assumedSpans.some(([from, until]) => first < until && end >= from);
  }

  /** The quarters of start < d ≤ end whose rate is assumed, in order (`["2027Q1"]`); none for an empty period. */
  assumedQuarters(start: DayNum, end: DayNum): string[] {
    if (!this.dependsOnAssumed(start, end)) return [];
    const out: string[] = [];
    const last = quarterKey(end);
    for (let q = quarterKey(addDays(start, 1)); ; q = nextQuarter(q)) {
      const from = quarterStart(q);
      const assumed =
        from < this.tableFrom || from >= this.tableUntil || this.assumedSpans.some(([spanFrom]) => spanFrom === from);
      if (assumed) out.push(q);
      if (q === last) return out;
    }
  }

  /**
   * How interest over start < d ≤ end is made, quarter by quarter, for the entry detail: each quarter's
   * days in the period, its annual rate (percent, as the table states it) and whether that rate is assumed.
   */
  periods(start: DayNum, end: DayNum, type: TaxpayerType): InterestPeriod[] {
    if (end <= start) return [];
    const assumed = new Set(this.assumedQuarters(start, end));
    const out: InterestPeriod[] = [];
    for (let from = addDays(start, 1); from <= end;) {
      const q = quarterKey(from);
      const next = quarterStart(nextQuarter(q));
      const to = (next <= end ? addDays(next, -1) : end) as DayNum;
      out.push({
        quarter: q,
        from,
        to,
        days: to - from + 1,
        ratePercent: this.rate(from, type).times(100).toString(),
        assumed: assumed.has(q),
      });
      from = next;
    }
    return out;
  }

  /** Annual rate as a fraction (0.06) for the quarter of `day`. */
  rate(day: DayNum, type: TaxpayerType): Dec {
    const q = quarterKey(day);
    const entry = this.byQuarter.get(q) ?? (compareQuarter(q, this.firstQuarter) < 0 ? this.first : this.last);
    return type === 'corporate' ? entry.corporate : entry.nonCorporate;
  }
}

function compareQuarter(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Growth factors Π(1 + r(d)/n(d)) over start < d ≤ end, cached. Entries share few (start, end)
 * pairs (deposit dates × one or two projected dates), so a what-if recomputes a few hundred
 * factors, not one per entry; for one end date all starts are filled in a single backward pass.
 */
export class InterestCalculator {
  private readonly factors = new Map<number, Map<number, Dec>>();

  constructor(
    private readonly rates: RateTable,
    private readonly taxpayer: TaxpayerType,
  ) {}

  /** Daily factor 1 + r(d)/365 (or /366). */
  private daily(d: DayNum): Dec {
    const days = isLeapYear(ymdFromDay(d).y) ? 366 : 365;
    return this.rates.rate(d, this.taxpayer).div(days).plus(1);
  }

  /** Factor for start < d ≤ end (1 when end ≤ start). */
  factor(start: DayNum, end: DayNum): Dec {
    if (end <= start) return new Dec(1);
    let byStart = this.factors.get(end);
    if (!byStart) {
      byStart = new Map();
      this.factors.set(end, byStart);
    }
    const cached = byStart.get(start);
    if (cached) return cached;
    // Extend the backward product from the earliest start already computed for this end.
    let from = end;
    let acc = new Dec(1);
    for (const [s, f] of byStart) {
      if (s > start && s < from) {
        from = s as DayNum;
        acc = f;
      }
    }
    for (let d = from; d > start; d = addDays(d, -1)) {
      acc = acc.times(this.daily(d));
      byStart.set(d - 1, acc);
    }
    return acc;
  }

  /**
   * (factor − 1) as an integer scaled by 10^30, per (start, end). The per-entry step is then one exact
   * integer product: the scaled growth carries 30 decimals, so its truncation error on even $10^13
   * of principal stays below 10^-15 of a cent, far inside the final rounding to cents.
   */
  private scaledGrowth(start: DayNum, end: DayNum): bigint {
    const key = end * 100_000 + (end - start);
    let g = this.growth.get(key);
    if (g === undefined) {
      g = BigInt(
        this.factor(start, end).minus(1).times(GROWTH_SCALE_DEC).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0),
      );
      this.growth.set(key, g);
    }
    return g;
  }

  private readonly growth = new Map<number, bigint>();

  /** Interest in cents on `principal` cents, rounded half-up (away from zero) at the end. */
  interest(principal: Cents, start: DayNum, end: DayNum): Cents {
    if (principal === 0 || end <= start) return 0 as Cents;
    const p = BigInt(principal);
    const scaled = (p < 0n ? -p : p) * this.scaledGrowth(start, end);
    const cents = Number((scaled + GROWTH_HALF) / GROWTH_SCALE);
    return (principal < 0 ? -cents : cents) as Cents;
  }
}

const GROWTH_SCALE = 10n ** 30n;
const GROWTH_HALF = GROWTH_SCALE / 2n;
const GROWTH_SCALE_DEC = new Dec(10).pow(30);

/** Totals, breakdowns and expected payments for the overview, computed from the result columns. */
import type { AnalysisContext } from '../../src/core/analysis';
import { importerKey } from '../../src/core/cell-values';
import { type DayNum, formatDay, ymdFromDay } from '../../src/core/dates';
import { type PaymentInput, groupPayments } from '../../src/core/distribution';
import type { Cents } from '../../src/core/money';
import { authorizationChecked } from '../../src/core/profile';
import { type RuleTexts, reasonText, ruleTexts } from '../../src/core/reason-texts';
import { type ReasonCode, SEGMENTS, type Segment, capeAccepts, hasExpectedPayment } from '../../src/core/reasons';
import { capeLastDay, protestDeadline } from '../../src/core/deadlines';
import { NO_DAY } from '../store/pages';
import type { EntryTable } from './entry-table';
import { FILING_STATUSES, awaitsPayment, isFiled } from '../../src/core/filing-status';
import { type LifecycleOverview, type OverviewFilings, buildLifecycle } from './lifecycle-overview';
import { ALL_CODES, type Results, codeBit, declaredSegments, paymentKey, segmentTable } from './results';
import {
  type AssumedRatesView,
  type OtherDutyView,
  assumedRateExposure,
  assumedRateQuarterOn,
  otherChapter99Duty,
} from './rule-figures';

export interface Money {
  count: number;
  /** IEEPA duty, cents. */
  principal: number;
  interest: number;
  refund: number;
}

export interface PaymentView {
  projectedDate: string;
  expectedBy: string;
  importerNumber: string;
  importerName: string;
  recipient: string;
  viaDesignee: boolean;
  achEnrolled: 'yes' | 'no' | 'unknown';
  entries: number;
  principal: number;
  interest: number;
  refund: number;
  /** Entries of the payment already filed — "filed — awaiting payment" — and their refund. */
  filedEntries: number;
  filedRefund: number;
  warnings: string[];
  /** The quarter of the (re)liquidation date when its overpayment rate is assumed: the interest rests on it. */
  assumedRateQuarter: string | null;
}

export interface Overview {
  entries: number;
  segments: (Money & { segment: Segment })[];
  /** Entries that go into new declarations: core's isDeclared under includeDeferred, and not filed (SPEC §9 total-refund). */
  declared: Money;
  /** NEAR_80_DAY_LIMIT entries that can still be filed (the filed ones are analysed at their own filing date). */
  nearLimit: { count: number; principal: number };
  /** After filing (SPEC §10): filed, awaiting, paid and rejected totals, for the screens and reports. */
  lifecycle: LifecycleOverview;
  includeDeferred: boolean;
  byIor: (Money & { importerNumber: string; importerName: string; declaredRefund: number })[];
  /** By month of entry: all IEEPA duty, and the declared refund. */
  byMonth: { month: string; principal: number; declaredRefund: number }[];
  byProgram: { program: string; principal: number; declaredPrincipal: number }[];
  payments: PaymentView[];
  /** Reasons and warnings that occur, with their title under the rules in force. */
  reasons: { code: ReasonCode; title: string; count: number; principal: number }[];
  authorizationChecked: boolean;
  filingDate: string;
  /** Rule phrases for the screens, from the rules in force. */
  ruleTexts: RuleTexts;
  /** Duty of other (non-IEEPA) Chapter 99 programmes the rule pack names: it stays. */
  otherChapter99: OtherDutyView[];
  /** Interest that rests on an assumed overpayment rate; null when none does. */
  assumedRates: AssumedRatesView | null;
  /** The deadline calendar: days from the filing date to DEADLINE_CALENDAR_DAYS after it with a deadline of an entry not filed. */
  deadlines: DeadlineDay[];
}

/** One day of the deadline calendar. */
export interface DeadlineDay {
  date: string;
  /** Entries CAPE would still refund (READY, DEFERRED) whose last CAPE filing day it is, and their refund (cents). */
  capeLast: { count: number; refund: number };
  /** Entries with IEEPA duty whose protest deadline it is, and that duty (cents). */
  protest: { count: number; duty: number };
}

function zero(): Money {
  return { count: 0, principal: 0, interest: 0, refund: 0 };
}

function add(m: Money, principal: number, interest: number, refund: number): void {
  m.count++;
  m.principal += principal;
  m.interest += interest;
  m.refund += refund;
}

const PAID_ON_PROJECTION = segmentTable(hasExpectedPayment);

type IorMoney = Money & { importerNumber: string; importerName: string; declaredRefund: number };
type MonthMoney = { month: string; principal: number; declaredRefund: number };

/**
 * Per-entry sums keyed by what entries share: buckets are looked up once per importer string id,
 * entry day and (projected date, importer id), not rebuilt from strings for every entry.
 */
class Buckets {
  readonly byIor = new Map<string, IorMoney>();
  readonly byMonth = new Map<string, MonthMoney>();
  private readonly iorOfId = new Map<number, IorMoney>();
  private readonly monthOfDay = new Map<number, MonthMoney>();
  /** Entries with an expected payment pre-summed per (projected date, importer id), in order of first appearance. */
  readonly payments = new Map<number, PaymentInput & { entries: number }>();

  constructor(private readonly t: EntryTable) {}

  /** The IOR bucket of entry i: importer numbers that compare equal share one, named by their first entry. */
  ior(i: number): IorMoney {
    const id = this.t.attr.importer[i]!;
    let ior = this.iorOfId.get(id);
    if (!ior) {
      const importer = this.t.text(this.t.attr.importer, i);
      const key = importerKey(importer);
      ior = this.byIor.get(key);
      if (!ior)
        this.byIor.set(
          key,
          (ior = {
            importerNumber: importer,
            importerName: this.t.text(this.t.attr.importerName, i),
            declaredRefund: 0,
            ...zero(),
          }),
        );
      this.iorOfId.set(id, ior);
    }
    return ior;
  }

  /** The month bucket of entry day d (a day number, not NO_DAY). */
  month(d: number): MonthMoney {
    let bm = this.monthOfDay.get(d);
    if (!bm) {
      const { y, m } = ymdFromDay(d as DayNum);
      const month = `${y}-${m < 10 ? '0' : ''}${m}`;
      bm = this.byMonth.get(month);
      if (!bm) this.byMonth.set(month, (bm = { month, principal: 0, declaredRefund: 0 }));
      this.monthOfDay.set(d, bm);
    }
    return bm;
  }

  payment(i: number, projected: number, principal: number, interest: number, filed: boolean): void {
    const key = paymentKey(projected, this.t.attr.importer[i]!);
    const p = this.payments.get(key);
    if (p) {
      p.entries++;
      p.principal = (p.principal + principal) as Cents;
      p.interest = (p.interest + interest) as Cents;
      if (filed) {
        p.filedEntries!++;
        p.filedRefund = (p.filedRefund! + principal + interest) as Cents;
      }
    } else {
      const t = this.t;
      this.payments.set(key, {
        importerNumber: t.text(t.attr.importer, i),
        importerName: t.text(t.attr.importerName, i),
        projectedDate: projected as DayNum,
        principal: principal as Cents,
        interest: interest as Cents,
        entries: 1,
        filedEntries: filed ? 1 : 0,
        filedRefund: (filed ? principal + interest : 0) as Cents,
      });
    }
  }
}

/** Filing statuses of core's isFiled and awaitsPayment, by status index (Filings.status). */
export const FILED = Uint8Array.from(FILING_STATUSES, (s) => (isFiled(s) ? 1 : 0));
const AWAITS_PAYMENT = Uint8Array.from(FILING_STATUSES, (s) => (awaitsPayment(s) ? 1 : 0));
const NEAR_LIMIT = codeBit('NEAR_80_DAY_LIMIT');
const CAPE_ACCEPTS = segmentTable(capeAccepts);

/** Calendar days the Overview's deadline calendar covers from the filing date: twelve weeks. */
export const DEADLINE_CALENDAR_DAYS = 84;

class DeadlineCalendar {
  private readonly days = new Map<number, DeadlineDay>();

  constructor(
    private readonly from: number,
    private readonly rules: AnalysisContext['rules'],
  ) {}

  private day(d: number): DeadlineDay | null {
    if (d < this.from || d >= this.from + DEADLINE_CALENDAR_DAYS) return null;
    let x = this.days.get(d);
    if (!x)
      this.days.set(
        d,
        (x = { date: formatDay(d as DayNum), capeLast: { count: 0, refund: 0 }, protest: { count: 0, duty: 0 } }),
      );
    return x;
  }

  /** A liquidated entry not filed. */
  add(liq: DayNum, capeRefunds: boolean, refund: number, duty: number): void {
    if (capeRefunds) {
      const c = this.day(capeLastDay(liq, this.rules));
      if (c) {
        c.capeLast.count++;
        c.capeLast.refund += refund;
      }
    }
    if (duty > 0) {
      const p = this.day(protestDeadline(liq, this.rules));
      if (p) {
        p.protest.count++;
        p.protest.duty += duty;
      }
    }
  }

  list(): DeadlineDay[] {
    return [...this.days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
}

export function buildOverview(t: EntryTable, res: Results, ctx: AnalysisContext, after?: OverviewFilings): Overview {
  const includeDeferred = ctx.assumptions.includeDeferred;
  const declaredSegment = declaredSegments(includeDeferred);
  const segments = SEGMENTS.map((segment) => ({ segment, ...zero() }));
  const declared = zero();
  const nearLimit = { count: 0, principal: 0 };
  // Without filings no entry is filed (status 0, NOT_FILED).
  const status = after?.filings.status ?? new Uint8Array(t.count);
  const buckets = new Buckets(t);
  const reasonCount = new Array<number>(ALL_CODES.length).fill(0);
  const reasonPrincipal = new Array<number>(ALL_CODES.length).fill(0);
  const entryDate = t.attr.entryDate;
  const liqDate = t.attr.liqDate;
  const calendar = new DeadlineCalendar(ctx.filingDate, ctx.rules);
  for (let i = 0; i < t.count; i++) {
    const s = res.segment[i]!;
    const principal = t.ieepaDuty[i]!;
    const interest = res.interest[i]!;
    const refund = res.refund[i]!;
    add(segments[s]!, principal, interest, refund);
    const filed = FILED[status[i]!] === 1;
    const inDeclaration = declaredSegment[s] === 1 && !filed;
    if (!filed && (res.codes[i]! & NEAR_LIMIT) !== 0) {
      nearLimit.count++;
      nearLimit.principal += principal;
    }
    if (inDeclaration) add(declared, principal, interest, refund);
    if (!filed && liqDate[i] !== NO_DAY) calendar.add(liqDate[i]! as DayNum, CAPE_ACCEPTS[s] === 1, refund, principal);
    const ior = buckets.ior(i);
    add(ior, principal, interest, refund);
    if (inDeclaration) ior.declaredRefund += refund;
    const d = entryDate[i]!;
    if (d !== NO_DAY) {
      const bm = buckets.month(d);
      bm.principal += principal;
      if (inDeclaration) bm.declaredRefund += refund;
    }
    // Visit only the set bits of the reason mask (lowest first).
    for (let bits = res.codes[i]!; bits !== 0; bits &= bits - 1) {
      const b = 31 - Math.clz32(bits & -bits);
      reasonCount[b]!++;
      reasonPrincipal[b]! += principal;
    }
    if (PAID_ON_PROJECTION[s] === 1 && (!filed || AWAITS_PAYMENT[status[i]!] === 1))
      buckets.payment(i, res.projected[i]!, principal, interest, filed);
  }
  const programTotals = ctx.rules.programs.map((program) => ({ program, principal: 0, declaredPrincipal: 0 }));
  for (let k = 0; k < t.programEntry.length; k++) {
    const p = programTotals[t.programIndex[k]!]!;
    const cents = t.programCents[k]!;
    p.principal += cents;
    const i = t.programEntry[k]!;
    if (declaredSegment[res.segment[i]!] === 1 && FILED[status[i]!] === 0) p.declaredPrincipal += cents;
  }
  return {
    entries: t.count,
    segments,
    declared,
    nearLimit,
    lifecycle: after?.summary
      ? after.summary.build(t, res, ctx, after, after.epoch ?? 0)
      : buildLifecycle(t, res, ctx, after),
    includeDeferred,
    byIor: [...buckets.byIor.values()].sort((a, b) => b.principal - a.principal),
    byMonth: [...buckets.byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)),
    byProgram: programTotals.filter((p) => p.principal > 0),
    payments: groupPayments(buckets.payments.values(), ctx.profile, ctx.rules.paymentWithinDays).map((p) => ({
      projectedDate: formatDay(p.projectedDate),
      expectedBy: formatDay(p.expectedBy),
      importerNumber: p.importerNumber,
      importerName: p.importerName,
      recipient: p.recipient,
      viaDesignee: p.viaDesignee,
      achEnrolled: p.achEnrolled,
      entries: p.entries,
      principal: p.principal,
      interest: p.interest,
      refund: p.refund,
      filedEntries: p.filedEntries,
      filedRefund: p.filedRefund,
      warnings: p.warnings,
      assumedRateQuarter: assumedRateQuarterOn(ctx, p.projectedDate),
    })),
    reasons: ALL_CODES.flatMap((code, b) =>
      reasonCount[b]! > 0
        ? [{ code, title: reasonText(code, ctx.rules).title, count: reasonCount[b]!, principal: reasonPrincipal[b]! }]
        : [],
    ),
    authorizationChecked: authorizationChecked(ctx.profile),
    filingDate: formatDay(ctx.filingDate),
    ruleTexts: ruleTexts(ctx.rules),
    otherChapter99: otherChapter99Duty(t, ctx.rules),
    assumedRates: assumedRateExposure(t, res, ctx),
    deadlines: calendar.list(),
  };
}

/** Totals, breakdowns and expected payments for the overview, computed from the result columns. */
import type { AnalysisContext } from '../../src/core/analysis';
import { importerKey } from '../../src/core/cell-values';
import { type DayNum, formatDay, ymdFromDay } from '../../src/core/dates';
import { type PaymentInput, groupPayments } from '../../src/core/distribution';
import type { Cents } from '../../src/core/money';
import { authorizationChecked } from '../../src/core/profile';
import { type ReasonCode, SEGMENTS, type Segment } from '../../src/core/reasons';
import { NO_DAY } from '../store/pages';
import type { EntryTable } from './entry-table';
import { ALL_CODES, type Results, segmentIndex } from './results';

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
  warnings: string[];
}

export interface Overview {
  entries: number;
  segments: (Money & { segment: Segment })[];
  /** Entries that go into declarations: READY, plus DEFERRED when opted in. */
  declared: Money;
  includeDeferred: boolean;
  byIor: (Money & { importerNumber: string; importerName: string; declaredRefund: number })[];
  /** By month of entry: all IEEPA duty, and the declared refund. */
  byMonth: { month: string; principal: number; declaredRefund: number }[];
  byProgram: { program: string; principal: number; declaredPrincipal: number }[];
  payments: PaymentView[];
  reasons: { code: ReasonCode; count: number; principal: number }[];
  authorizationChecked: boolean;
  filingDate: string;
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

export function isDeclared(res: Results, i: number, includeDeferred: boolean): boolean {
  const s = res.segment[i]!;
  return s === READY || (includeDeferred && s === DEFERRED);
}

const READY = segmentIndex('READY');
const DEFERRED = segmentIndex('DEFERRED');

export function buildOverview(t: EntryTable, res: Results, ctx: AnalysisContext): Overview {
  const includeDeferred = ctx.assumptions.includeDeferred;
  const segments = SEGMENTS.map((segment) => ({ segment, ...zero() }));
  const declared = zero();
  const byIor = new Map<string, Money & { importerNumber: string; importerName: string; declaredRefund: number }>();
  const byMonth = new Map<string, { month: string; principal: number; declaredRefund: number }>();
  const reasonCount = new Array<number>(ALL_CODES.length).fill(0);
  const reasonPrincipal = new Array<number>(ALL_CODES.length).fill(0);
  const payments: PaymentInput[] = [];
  for (let i = 0; i < t.count; i++) {
    const s = res.segment[i]!;
    const principal = t.ieepaDuty[i]!;
    const interest = res.interest[i]!;
    const refund = res.refund[i]!;
    add(segments[s]!, principal, interest, refund);
    const inDeclaration = s === READY || (includeDeferred && s === DEFERRED);
    if (inDeclaration) add(declared, principal, interest, refund);
    const importer = t.text(t.importer, i);
    const key = importerKey(importer);
    let ior = byIor.get(key);
    if (!ior) byIor.set(key, (ior = { importerNumber: importer, importerName: t.text(t.importerName, i), declaredRefund: 0, ...zero() }));
    add(ior, principal, interest, refund);
    if (inDeclaration) ior.declaredRefund += refund;
    const d = t.entryDate[i]!;
    if (d !== NO_DAY) {
      const { y, m } = ymdFromDay(d as DayNum);
      const month = `${y}-${m < 10 ? '0' : ''}${m}`;
      let bm = byMonth.get(month);
      if (!bm) byMonth.set(month, (bm = { month, principal: 0, declaredRefund: 0 }));
      bm.principal += principal;
      if (inDeclaration) bm.declaredRefund += refund;
    }
    const bits = res.codes[i]!;
    if (bits !== 0) {
      for (let b = 0; b < ALL_CODES.length; b++) {
        if (bits & (1 << b)) {
          reasonCount[b]!++;
          reasonPrincipal[b]! += principal;
        }
      }
    }
    if (s === READY) {
      payments.push({ importerNumber: importer, importerName: t.text(t.importerName, i), projectedDate: res.projected[i]! as DayNum, principal: principal as Cents, interest: interest as Cents });
    }
  }
  const programTotals = ctx.rules.programs.map((program) => ({ program, principal: 0, declaredPrincipal: 0 }));
  for (let k = 0; k < t.programEntry.length; k++) {
    const p = programTotals[t.programIndex[k]!]!;
    const cents = t.programCents[k]!;
    p.principal += cents;
    if (isDeclared(res, t.programEntry[k]!, includeDeferred)) p.declaredPrincipal += cents;
  }
  return {
    entries: t.count,
    segments,
    declared,
    includeDeferred,
    byIor: [...byIor.values()].sort((a, b) => b.principal - a.principal),
    byMonth: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)),
    byProgram: programTotals.filter((p) => p.principal > 0),
    payments: groupPayments(payments, ctx.profile, ctx.rules.paymentWithinDays).map((p) => ({
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
      warnings: p.warnings,
    })),
    reasons: ALL_CODES.map((code, b) => ({ code, count: reasonCount[b]!, principal: reasonPrincipal[b]! })).filter((r) => r.count > 0),
    authorizationChecked: authorizationChecked(ctx.profile),
    filingDate: formatDay(ctx.filingDate),
  };
}

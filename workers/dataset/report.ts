/**
 * The one-page report's figures (Report screen): the total to declare, filed / awaiting / paid, the
 * expected cash by month, the risks and a table per IOR — for the whole dataset, or one IOR (a broker's
 * report per client). One pass over the entries with core's predicates, the same ones the Overview's
 * totals use (a test holds them equal).
 */
import { importerKey } from '../../src/core/cell-values';
import type { CompiledRules } from '../../src/core/compiled-rules';
import { type DayNum, addDays, formatDay } from '../../src/core/dates';
import { capeLastDay } from '../../src/core/deadlines';
import { achWarnings } from '../../src/core/distribution';
import { FILING_STATUSES, awaitsPayment, isFiled } from '../../src/core/filing-status';
import { type AchEnrollment, type Profile, indexProfile } from '../../src/core/profile';
import { PROTEST_LOOKAHEAD_DAYS, REPORT_LISTED } from '../../src/core/report';
import { SEGMENTS, type Segment } from '../../src/core/reasons';
import { NO_DAY } from '../store/pages';
import type { EntryTable } from './entry-table';
import type { Filings } from './filings';
import type { Money, Overview } from './overview';
import { type Results, codeBit, declaredSegments } from './results';

/** An entry a risk list names. */
export interface ReportEntry {
  entryNumber: string;
  importerNumber: string;
  importerName: string;
  segment: Segment;
  liquidationDate: string;
  /** The deadline the list is about (CAPE's last day, or the protest deadline). */
  deadline: string;
  /** Days from the filing date to the deadline. */
  daysLeft: number;
  /** Cents: the refund (principal + interest) for the 80-day list, the IEEPA duty for protests. */
  amount: number;
}

export interface ReportRisk {
  count: number;
  amount: number;
  /** The first REPORT_LISTED, soonest deadline first. */
  entries: ReportEntry[];
}

/** The money figures of a report and of each IOR's row in it. */
export interface ReportTotals {
  /** Entries to declare now, and their principal, interest and refund (cents). */
  declared: Money;
  /** Filed entries and their estimated refund (as analysed at their filing dates). */
  filed: { count: number; refund: number };
  awaiting: { count: number; refund: number };
  paid: { count: number; paid: number };
}

export interface ReportIor extends ReportTotals {
  importerNumber: string;
  importerName: string;
  entries: number;
  achEnrolled: AchEnrollment;
  designee: string;
  /** What stands between its refund and its bank account; empty when the recipient is enrolled for ACH. */
  paymentWarnings: string[];
}

export interface Report extends ReportTotals {
  /** The IOR the report is about; null: every IOR. */
  importerNumber: string | null;
  importerName: string;
  filingDate: string;
  /** Expected payments by month of their payment-by date (projected date + CBP's payment window). */
  cashByMonth: { month: string; entries: number; refund: number; filedRefund: number }[];
  /** Entries not filed that near CAPE's 80-day line (NEAR_80_DAY_LIMIT), by their last day. */
  nearLimit: ReportRisk;
  /** Entries not filed whose protest deadline falls between the filing date and PROTEST_LOOKAHEAD_DAYS after it. */
  protests: ReportRisk & { lookaheadDays: number };
  /** IORs with money to come whose payment has no confirmed ACH recipient. */
  paymentRisks: ReportIor[];
  byIor: ReportIor[];
}

const FILED = Uint8Array.from(FILING_STATUSES, (s) => (isFiled(s) ? 1 : 0));
const AWAITS = Uint8Array.from(FILING_STATUSES, (s) => (awaitsPayment(s) ? 1 : 0));
const PAID = FILING_STATUSES.indexOf('PAID');
const NEAR_LIMIT = codeBit('NEAR_80_DAY_LIMIT');

interface Candidate {
  i: number;
  deadline: number;
  amount: number;
}

function money(): Money {
  return { count: 0, principal: 0, interest: 0, refund: 0 };
}

export interface ReportInput {
  table: EntryTable;
  results: Results;
  filings: Filings;
  overview: Overview;
  profile: Profile;
  rules: CompiledRules;
  filingDate: DayNum;
  includeDeferred: boolean;
}

export function buildReport(d: ReportInput, importer: string | null): Report {
  const { table: t, results: res, filings, rules } = d;
  const only = importer === null ? null : importerKey(importer);
  const declaredSegment = declaredSegments(d.includeDeferred);
  const settings = indexProfile(d.profile).settingsByIor;
  const byIor = new Map<string, ReportIor>();
  const iorOfId = new Map<number, ReportIor | null>();
  const near: Candidate[] = [];
  const protests: Candidate[] = [];
  const protestUntil = addDays(d.filingDate, PROTEST_LOOKAHEAD_DAYS);
  for (let i = 0; i < t.count; i++) {
    const id = t.attr.importer[i]!;
    let ior = iorOfId.get(id);
    if (ior === undefined) {
      const number = t.text(t.attr.importer, i);
      const key = importerKey(number);
      ior = only !== null && key !== only ? null : (byIor.get(key) ?? null);
      if (ior === null && (only === null || key === only)) {
        const s = settings.get(key);
        ior = {
          importerNumber: number,
          importerName: t.text(t.attr.importerName, i),
          entries: 0,
          declared: money(),
          filed: { count: 0, refund: 0 },
          awaiting: { count: 0, refund: 0 },
          paid: { count: 0, paid: 0 },
          achEnrolled: s?.achEnrolled ?? 'unknown',
          designee: s?.designee.trim() ?? '',
          paymentWarnings: achWarnings(s?.achEnrolled ?? 'unknown', (s?.designee.trim() ?? '') !== ''),
        };
        byIor.set(key, ior);
      }
      iorOfId.set(id, ior);
    }
    if (ior === null) continue;
    ior.entries++;
    const status = filings.status[i]!;
    const principal = t.ieepaDuty[i]!;
    const refund = res.refund[i]!;
    if (FILED[status] === 1) {
      ior.filed.count++;
      ior.filed.refund += refund;
      if (AWAITS[status] === 1) {
        ior.awaiting.count++;
        ior.awaiting.refund += refund;
      }
      if (status === PAID) {
        ior.paid.count++;
        ior.paid.paid += filings.paid[i]!;
      }
      continue;
    }
    if (declaredSegment[res.segment[i]!] === 1) {
      const m = ior.declared;
      m.count++;
      m.principal += principal;
      m.interest += res.interest[i]!;
      m.refund += refund;
    }
    const liq = t.attr.liqDate[i]!;
    if ((res.codes[i]! & NEAR_LIMIT) !== 0 && liq !== NO_DAY)
      near.push({ i, deadline: capeLastDay(liq as DayNum, rules), amount: refund });
    const protest = res.protestDeadline[i]!;
    if (principal > 0 && protest !== NO_DAY && protest >= d.filingDate && protest <= protestUntil)
      protests.push({ i, deadline: protest, amount: principal });
  }
  const iors = [...byIor.values()].sort(
    (a, b) => b.declared.refund - a.declared.refund || a.importerNumber.localeCompare(b.importerNumber),
  );
  const total = (pick: (r: ReportIor) => { count: number }, cents: (r: ReportIor) => number) => ({
    count: iors.reduce((n, r) => n + pick(r).count, 0),
    cents: iors.reduce((n, r) => n + cents(r), 0),
  });
  const filed = total(
    (r) => r.filed,
    (r) => r.filed.refund,
  );
  const awaiting = total(
    (r) => r.awaiting,
    (r) => r.awaiting.refund,
  );
  const paid = total(
    (r) => r.paid,
    (r) => r.paid.paid,
  );
  const cash = new Map<string, { month: string; entries: number; refund: number; filedRefund: number }>();
  for (const p of d.overview.payments) {
    if (only !== null && importerKey(p.importerNumber) !== only) continue;
    const month = p.expectedBy.slice(0, 7);
    let c = cash.get(month);
    if (!c) cash.set(month, (c = { month, entries: 0, refund: 0, filedRefund: 0 }));
    c.entries += p.entries;
    c.refund += p.refund;
    c.filedRefund += p.filedRefund;
  }
  const first = iors[0];
  return {
    importerNumber: only === null ? null : (first?.importerNumber ?? importer),
    importerName: only === null ? '' : (first?.importerName ?? ''),
    filingDate: formatDay(d.filingDate),
    declared: iors.reduce((m, r) => {
      m.count += r.declared.count;
      m.principal += r.declared.principal;
      m.interest += r.declared.interest;
      m.refund += r.declared.refund;
      return m;
    }, money()),
    filed: { count: filed.count, refund: filed.cents },
    awaiting: { count: awaiting.count, refund: awaiting.cents },
    paid: { count: paid.count, paid: paid.cents },
    cashByMonth: [...cash.values()].sort((a, b) => a.month.localeCompare(b.month)),
    nearLimit: risk(d, near),
    protests: { ...risk(d, protests), lookaheadDays: PROTEST_LOOKAHEAD_DAYS },
    paymentRisks: iors.filter((r) => r.paymentWarnings.length > 0 && (r.declared.refund > 0 || r.awaiting.refund > 0)),
    byIor: iors,
  };
}

function risk(d: ReportInput, found: Candidate[]): ReportRisk {
  const { table: t, results: res } = d;
  found.sort((a, b) => a.deadline - b.deadline || b.amount - a.amount);
  return {
    count: found.length,
    amount: found.reduce((n, c) => n + c.amount, 0),
    entries: found.slice(0, REPORT_LISTED).map(({ i, deadline, amount }) => ({
      entryNumber: t.entryNumbers[i]!,
      importerNumber: t.text(t.attr.importer, i),
      importerName: t.text(t.attr.importerName, i),
      segment: SEGMENTS[res.segment[i]!]!,
      liquidationDate: formatDay(t.attr.liqDate[i]! as DayNum),
      deadline: formatDay(deadline as DayNum),
      daysLeft: deadline - d.filingDate,
      amount,
    })),
  };
}

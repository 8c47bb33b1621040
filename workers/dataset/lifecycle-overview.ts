/**
 * After filing (SPEC §10), summed for the screens and reports: entries per filing status, filed,
 * awaiting and paid totals, paid against estimated per IOR and per payment group, claims, rejected
 * entries by CAPE error with what to do, and the payments to look at (overdue, returned, likely
 * offsets). Visits only the entries with a filing event.
 */
import type { AnalysisContext } from '../../src/core/analysis';
import { type CapeErrorRule, FIX_CLASS_LABELS, type FixClass, matchCapeError } from '../../src/core/cape-errors';
import { importerKey } from '../../src/core/cell-values';
import { type DayNum, formatDay } from '../../src/core/dates';
import type { CompiledRules } from '../../src/core/compiled-rules';
import {
  FILING_STATUSES,
  type FilingStatus,
  assessPayment,
  awaitsPayment,
  hasPayment,
  isFiled,
  isOverdue,
} from '../../src/core/filing-status';
import type { Cents } from '../../src/core/money';
import type { AchEnrollment } from '../../src/core/profile';
import { NO_DAY } from '../store/pages';
import type { LedgerRecord } from '../store/db';
import type { LoadedFile } from '../ingest/import-file';
import type { EntryTable } from './entry-table';
import { type Filings, latestResult } from './filings';
import { type Results, codeBit, declaredSegments, paymentKey } from './results';

/** What the overview needs beyond the analysis: each entry's filing and what it rests on. */
export interface OverviewFilings {
  filings: Filings;
  files: readonly LoadedFile[];
  ledger: readonly LedgerRecord[];
  /** The day overdue payments are judged on. */
  today: DayNum;
  /** The summary kept across what-ifs, and the epoch of the filed entries' figures (LifecycleSummary). */
  summary?: LifecycleSummary;
  epoch?: number;
}

interface Amounts {
  count: number;
  /** Estimated refund (principal + interest as analysed), cents. */
  refund: number;
}

/** Paid against estimated: `paid` summed over payment rows, `variance` = paid − refund. */
interface PaidAmounts extends Amounts {
  paid: number;
  variance: number;
}

export interface IorFilings {
  importerNumber: string;
  importerName: string;
  achEnrolled: AchEnrollment;
  filed: number;
  awaiting: Amounts;
  paid: PaidAmounts;
  returned: number;
  rejected: number;
  overdue: number;
}

export interface ClaimFilings {
  /** The CAPE claim number, else the ACE declaration/claim number in the ledger, else the declaration's file name. */
  claim: string;
  entries: number;
  byStatus: Partial<Record<FilingStatus, number>>;
  refund: number;
  paid: number;
}

export interface Rejection {
  /** The catalogue entry CBP's error matched; null when none did (or no error was given). */
  ruleId: string | null;
  /** CBP's text as written (the first seen), or why there is none. */
  error: string;
  meaning: string;
  fix: FixClass | null;
  fixLabel: string;
  action: string;
  count: number;
  /** Of those, entries that go into the refile declaration now (READY, or DEFERRED when opted in). */
  toRefile: number;
  refund: number;
}

export interface PaidGroup {
  projectedDate: string;
  importerNumber: string;
  importerName: string;
  entries: number;
  refund: number;
  paid: number;
  variance: number;
}

export type FollowUpKind = 'overdue' | 'returned' | 'likely-offset';

export interface FollowUp {
  kind: FollowUpKind;
  entryNumber: string;
  importerNumber: string;
  achEnrolled: AchEnrollment;
  /** Accepted on (overdue) or filed on. */
  since: string;
  refund: number;
  paid: number | null;
}

export interface LifecycleOverview {
  /** The day payments are judged overdue on (today). */
  asOf: string;
  /** Every filing status, with its entries, estimated refund and amount paid. */
  byStatus: { status: FilingStatus; count: number; refund: number; paid: number }[];
  /** SUBMITTED, ACCEPTED, PAID, PAYMENT_RETURNED. */
  filed: Amounts;
  /** Filed, no payment kept: SUBMITTED, ACCEPTED, PAYMENT_RETURNED. */
  awaiting: Amounts;
  /** PAID entries. */
  paid: PaidAmounts;
  returned: PaidAmounts;
  rejected: Amounts & { toRefile: number; toRefileRefund: number };
  overdue: Amounts;
  likelyOffsets: PaidAmounts;
  /** Entries where CAPE's verdict differs from this analysis (CAPE_DISAGREES). */
  disagreements: number;
  /** Distinct entry numbers in results and payment files that are not in the dataset. */
  notInData: number;
  byIor: IorFilings[];
  byClaim: ClaimFilings[];
  rejections: Rejection[];
  paidGroups: PaidGroup[];
  /** Payments to look at, each kind's first FOLLOW_UP_LISTED (counts above are complete). */
  followUps: FollowUp[];
}

/** Follow-ups listed per kind in the snapshot; the Entries screen lists all of them. */
export const FOLLOW_UP_LISTED = 200;

const STATUS_INDEX = new Map<FilingStatus, number>(FILING_STATUSES.map((s, k) => [s, k]));
const ST = (s: FilingStatus) => STATUS_INDEX.get(s)!;
const DISAGREES = codeBit('CAPE_DISAGREES');
/** A rejection without CBP's text: the user marked the declaration or entry rejected in the ledger. */
const MARKED_REJECTED = 'Marked rejected in the filing ledger (no CAPE error text)';

function amounts(): Amounts {
  return { count: 0, refund: 0 };
}
function paidAmounts(): PaidAmounts {
  return { count: 0, refund: 0, paid: 0, variance: 0 };
}
function addPaid(a: PaidAmounts, refund: number, paid: number): void {
  a.count++;
  a.refund += refund;
  a.paid += paid;
  a.variance += paid - refund;
}

export function emptyLifecycle(asOf: string): LifecycleOverview {
  return {
    asOf,
    byStatus: FILING_STATUSES.map((status) => ({ status, count: 0, refund: 0, paid: 0 })),
    filed: amounts(),
    awaiting: amounts(),
    paid: paidAmounts(),
    returned: paidAmounts(),
    rejected: { ...amounts(), toRefile: 0, toRefileRefund: 0 },
    overdue: amounts(),
    likelyOffsets: paidAmounts(),
    disagreements: 0,
    notInData: 0,
    byIor: [],
    byClaim: [],
    rejections: [],
    paidGroups: [],
    followUps: [],
  };
}

/** Whether entry i's payment needs a look: accepted and overdue, returned, or likely offset; null otherwise. */
export function followUpOf(
  i: number,
  t: EntryTable,
  res: Results,
  filings: Filings,
  rules: CompiledRules,
  today: DayNum,
): FollowUpKind | null {
  const status = filings.statusOf(i);
  const accepted = filings.acceptedOn[i]!;
  if (isOverdue({ status, acceptedOn: accepted === NO_DAY ? null : (accepted as DayNum) }, today, rules))
    return 'overdue';
  const outcome = assessPayment(
    status,
    filings.paid[i]! as Cents,
    res.refund[i]! as Cents,
    t.ieepaDuty[i]! as Cents,
    rules,
  );
  return outcome === 'returned' || outcome === 'likely-offset' ? outcome : null;
}

/**
 * What a new filing date leaves alone: everything about filed entries (analysed at their own filing
 * dates), and the counts of rejected ones. Lists are in order of first appearance; `claimOf` and
 * `ruleOf` place each rejected entry (`rejected`) in `byClaim` and `rejections`.
 */
interface FiledPart {
  out: LifecycleOverview;
  rejected: Int32Array;
  claimOf: Int32Array;
  ruleOf: Int32Array;
}

/**
 * The after-filing summary, kept across what-ifs: a new filing date moves only the rejected entries
 * (analysed at the current F) and the never-filed ones, so each what-if visits only those. Measured
 * at 100k rows with every entry on a results file: the whole summary took ~50 ms per what-if.
 */
export class LifecycleSummary {
  private epoch: number | null = null;
  private filed: FiledPart | null = null;

  /** `epoch` changes whenever the filed entries' figures may change: filings, rates, taxpayer type, profile, today. */
  build(t: EntryTable, res: Results, ctx: AnalysisContext, after: OverviewFilings, epoch: number): LifecycleOverview {
    if (this.filed === null || this.epoch !== epoch) {
      this.filed = filedPart(t, res, ctx, after);
      this.epoch = epoch;
    }
    const f = this.filed;
    const out = structuredClone(f.out);
    const declared = declaredSegments(ctx.assumptions.includeDeferred);
    const rejectedRow = out.byStatus[ST('REJECTED')]!;
    for (let k = 0; k < f.rejected.length; k++) {
      const i = f.rejected[k]!;
      const refund = res.refund[i]!;
      const refile = declared[res.segment[i]!] === 1;
      rejectedRow.refund += refund;
      out.rejected.refund += refund;
      out.byClaim[f.claimOf[k]!]!.refund += refund;
      const r = out.rejections[f.ruleOf[k]!]!;
      r.refund += refund;
      if (refile) {
        out.rejected.toRefile++;
        out.rejected.toRefileRefund += refund;
        r.toRefile++;
      }
      if ((res.codes[i]! & DISAGREES) !== 0) out.disagreements++;
    }
    // Every entry without a filing event is NOT_FILED.
    const notFiled = out.byStatus[ST('NOT_FILED')]!;
    notFiled.count = t.count - after.filings.entries.length;
    for (let i = 0; i < t.count; i++) notFiled.refund += res.refund[i]!;
    for (const row of out.byStatus) if (row !== notFiled) notFiled.refund -= row.refund;
    out.byClaim.sort((a, b) => a.claim.localeCompare(b.claim));
    out.rejections.sort((a, b) => b.count - a.count);
    return out;
  }
}

/** The after-filing summary of one analysis, without a summary kept across what-ifs (tests, one-off use). */
export function buildLifecycle(
  t: EntryTable,
  res: Results,
  ctx: AnalysisContext,
  after: OverviewFilings | undefined,
): LifecycleOverview {
  if (!after) return emptyLifecycle(formatDay(ctx.filingDate));
  return new LifecycleSummary().build(t, res, ctx, after, 0);
}

function filedPart(t: EntryTable, res: Results, ctx: AnalysisContext, after: OverviewFilings): FiledPart {
  const { filings, files, ledger, today } = after;
  const out = emptyLifecycle(formatDay(today));
  const rules = ctx.rules;
  const ior = new Map<string, IorFilings>();
  const iorOfId = new Map<number, IorFilings>();
  const claims = new Map<string, number>();
  const rejections = new Map<string, number>();
  const errorRules = new Map<string, CapeErrorRule | null>();
  const paidGroups = new Map<number, PaidGroup>();
  const listed: Record<FollowUpKind, number> = { overdue: 0, returned: 0, 'likely-offset': 0 };
  const rejected: number[] = [];
  const claimOf: number[] = [];
  const ruleOf: number[] = [];
  const iorOf = (i: number): IorFilings => {
    const id = t.attr.importer[i]!;
    let b = iorOfId.get(id);
    if (!b) {
      const number = t.text(t.attr.importer, i);
      const key = importerKey(number);
      b = ior.get(key);
      if (!b) {
        b = {
          importerNumber: number,
          importerName: t.text(t.attr.importerName, i),
          achEnrolled: ctx.profile.settingsByIor.get(key)?.achEnrolled ?? 'unknown',
          filed: 0,
          awaiting: amounts(),
          paid: paidAmounts(),
          returned: 0,
          rejected: 0,
          overdue: 0,
        };
        ior.set(key, b);
      }
      iorOfId.set(id, b);
    }
    return b;
  };
  const follow = (kind: FollowUpKind, i: number, b: IorFilings, since: number, refund: number, paid: number | null) => {
    if (listed[kind]++ >= FOLLOW_UP_LISTED) return;
    out.followUps.push({
      kind,
      entryNumber: t.entryNumbers[i]!,
      importerNumber: b.importerNumber,
      achEnrolled: b.achEnrolled,
      since: since === NO_DAY ? '' : formatDay(since as DayNum),
      refund,
      paid,
    });
  };
  for (const i of filings.entries) {
    const st = filings.statusOf(i);
    const filed = isFiled(st);
    // A rejected entry's refund follows the current filing date: added per what-if.
    const refund = filed ? res.refund[i]! : 0;
    const paid = filings.paid[i]!;
    const row = out.byStatus[ST(st)]!;
    row.count++;
    row.refund += refund;
    if (hasPayment(st)) row.paid += paid;
    if (filed && (res.codes[i]! & DISAGREES) !== 0) out.disagreements++;
    const b = iorOf(i);
    const result = latestResult(filings, files, i);
    const record = filings.ledgerRecord[i]! >= 0 ? ledger[filings.ledgerRecord[i]!]! : null;
    const claimKey = (result?.claim || record?.claimNumber || record?.name) ?? '(no claim or declaration number)';
    let c = claims.get(claimKey);
    if (c === undefined) {
      claims.set(claimKey, (c = out.byClaim.length));
      out.byClaim.push({ claim: claimKey, entries: 0, byStatus: {}, refund: 0, paid: 0 });
    }
    const claim = out.byClaim[c]!;
    claim.entries++;
    claim.byStatus[st] = (claim.byStatus[st] ?? 0) + 1;
    claim.refund += refund;
    if (hasPayment(st)) claim.paid += paid;
    if (filed) {
      out.filed.count++;
      out.filed.refund += refund;
      b.filed++;
    }
    if (awaitsPayment(st)) {
      out.awaiting.count++;
      out.awaiting.refund += refund;
      b.awaiting.count++;
      b.awaiting.refund += refund;
    }
    const followUp = followUpOf(i, t, res, filings, rules, today);
    if (followUp === 'overdue') {
      out.overdue.count++;
      out.overdue.refund += refund;
      b.overdue++;
      follow('overdue', i, b, filings.acceptedOn[i]!, refund, null);
    }
    if (st === 'PAID') {
      addPaid(out.paid, refund, paid);
      addPaid(b.paid, refund, paid);
      const projected = res.projected[i]!;
      const key = paymentKey(projected, t.attr.importer[i]!);
      let g = paidGroups.get(key);
      if (!g)
        paidGroups.set(
          key,
          (g = {
            projectedDate: projected === NO_DAY ? '' : formatDay(projected as DayNum),
            importerNumber: b.importerNumber,
            importerName: b.importerName,
            entries: 0,
            refund: 0,
            paid: 0,
            variance: 0,
          }),
        );
      g.entries++;
      g.refund += refund;
      g.paid += paid;
      g.variance += paid - refund;
    }
    if (followUp === 'likely-offset') {
      addPaid(out.likelyOffsets, refund, paid);
      follow('likely-offset', i, b, filings.filedOn[i]!, refund, paid);
    }
    if (followUp === 'returned') {
      addPaid(out.returned, refund, paid);
      b.returned++;
      follow('returned', i, b, filings.filedOn[i]!, refund, paid);
    }
    if (st === 'REJECTED') {
      out.rejected.count++;
      b.rejected++;
      // Rejected by a result row with its error, or marked rejected in the ledger (latest result accepted or none).
      const text = result && !result.accepted ? result.error : '';
      let rule = errorRules.get(text);
      if (rule === undefined)
        errorRules.set(text, (rule = text === '' ? null : matchCapeError(text, rules.errorCatalogue)));
      const key = rule?.id ?? (text === '' ? MARKED_REJECTED : `?${text}`);
      let r = rejections.get(key);
      if (r === undefined) {
        rejections.set(key, (r = out.rejections.length));
        out.rejections.push({
          ruleId: rule?.id ?? null,
          error: text === '' ? (result ? 'Rejected without an error description' : MARKED_REJECTED) : text,
          meaning: rule?.meaning ?? (text === '' ? '' : 'This error is not in the rulebook’s CAPE error catalogue.'),
          fix: rule?.fix ?? null,
          fixLabel: rule ? FIX_CLASS_LABELS[rule.fix] : 'Not in the catalogue',
          action:
            rule?.action ??
            'Check the error in the ACE Claim Details; if the entry’s data is right, refile it or ask IEEPARefunds@cbp.dhs.gov.',
          count: 0,
          toRefile: 0,
          refund: 0,
        });
      }
      out.rejections[r]!.count++;
      rejected.push(i);
      claimOf.push(c);
      ruleOf.push(r);
    }
  }
  for (const u of filings.unknown.values()) out.notInData += u.entries.length;
  out.byIor = [...ior.values()].sort((a, b) => b.filed + b.rejected - (a.filed + a.rejected));
  out.paidGroups = [...paidGroups.values()].sort(
    (a, b) => a.projectedDate.localeCompare(b.projectedDate) || a.importerNumber.localeCompare(b.importerNumber),
  );
  return {
    out,
    rejected: Int32Array.from(rejected),
    claimOf: Int32Array.from(claimOf),
    ruleOf: Int32Array.from(ruleOf),
  };
}

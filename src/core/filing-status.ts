/**
 * After filing (SPEC §10): an entry's filing status, derived from the filing ledger and the files CBP
 * gives back (CAPE results, refund/payment reports), its own filing date F_e, where CBP's verdict
 * differs from this analysis (CAPE_DISAGREES), and what a payment says against the estimate.
 */
import { type AnalysisContext, type EntryResult, analyseEntry } from './analysis';
import type { CompiledRules } from './compiled-rules';
import type { DayNum } from './dates';
import type { EntryFacts } from './entry-facts';
import type { Cents } from './money';
import { type Segment, capeAccepts } from './reasons';

/** In lifecycle order; an entry's status is its latest event's. */
export const FILING_STATUSES = ['NOT_FILED', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PAID', 'PAYMENT_RETURNED'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  NOT_FILED: 'Not filed',
  SUBMITTED: 'Submitted',
  ACCEPTED: 'Accepted by CAPE',
  REJECTED: 'Rejected by CAPE',
  PAID: 'Paid',
  PAYMENT_RETURNED: 'Payment returned',
};

/**
 * Filed entries: analysed at their own filing date F_e, never put on a new declaration and not in the
 * "to declare" total (SPEC §10). A REJECTED entry is not filed: it may be declared again.
 */
export function isFiled(s: FilingStatus): boolean {
  return s === 'SUBMITTED' || s === 'ACCEPTED' || s === 'PAID' || s === 'PAYMENT_RETURNED';
}

/** Filed and not paid: the refund is still expected ("filed — awaiting payment"); a returned payment is due again. */
export function awaitsPayment(s: FilingStatus): boolean {
  return s === 'SUBMITTED' || s === 'ACCEPTED' || s === 'PAYMENT_RETURNED';
}

/** Entries with payment rows: `paid` and `variance` are filled (SPEC §9, §10). */
export function hasPayment(s: FilingStatus): boolean {
  return s === 'PAID' || s === 'PAYMENT_RETURNED';
}

/**
 * CBP's verdict in the status: ACCEPTED, and a payment (paid or returned: CBP pays only what CAPE
 * accepted), say CAPE accepted the entry; REJECTED says it rejected it.
 */
export function capeVerdict(s: FilingStatus): 'accepted' | 'rejected' | null {
  if (s === 'ACCEPTED' || s === 'PAID' || s === 'PAYMENT_RETURNED') return 'accepted';
  return s === 'REJECTED' ? 'rejected' : null;
}

/**
 * CAPE_DISAGREES (SPEC §4, §10): CAPE accepted an entry this analysis does not put in READY or
 * DEFERRED, or rejected one it puts in READY, judged by the segment the entry shows (at F_e when
 * filed, at the current F when rejected).
 */
export function capeDisagrees(s: FilingStatus, segment: Segment): boolean {
  const verdict = capeVerdict(s);
  if (verdict === 'accepted') return !capeAccepts(segment);
  return verdict === 'rejected' && segment === 'READY';
}

// ---- What a row of a file CBP gives back says ----

export type ResultVerdict = 'ACCEPTED' | 'REJECTED';

/**
 * A CAPE results row (SPEC §10): REJECTED when its status contains "reject" or "fail" (any case) or
 * its error description is not blank; else ACCEPTED when its status contains "accept" or "updated";
 * null for any other status (a row problem).
 */
export function resultVerdict(status: string, errorDescription: string): ResultVerdict | null {
  const s = status.toLowerCase();
  if (s.includes('reject') || s.includes('fail') || errorDescription.trim() !== '') return 'REJECTED';
  if (s.includes('accept') || s.includes('updated')) return 'ACCEPTED';
  return null;
}

/** A payment row whose status contains "reject", "return" or "fail" (any case) was returned (SPEC §10). */
export function paymentReturned(status: string): boolean {
  const s = status.toLowerCase();
  return s.includes('reject') || s.includes('return') || s.includes('fail');
}

// ---- An entry's status and filing date from its events ----

/**
 * The latest event of each kind for one entry. "Latest" rows are latest by date (a row without a date
 * dates from the day its file was loaded), ties by file order, then row order.
 */
export interface FilingEvents {
  /** The latest payment row, and the day its file was loaded. */
  payment: { returned: boolean; loadedOn: DayNum } | null;
  /** The latest CAPE result row: its verdict and date, the day its file was loaded and when (ms since 1970). */
  result: { verdict: ResultVerdict; day: DayNum | null; loadedOn: DayNum; loadedAt: number } | null;
  /**
   * The ledger record holding the entry that was marked last: marked rejected (the whole declaration
   * or this entry), its submission date as entered, and when it was marked (ms since 1970).
   */
  ledger: { rejected: boolean; submittedOn: DayNum; markedAt: number } | null;
}

export interface Filing {
  status: FilingStatus;
  /** F_e: the date the filed entry is analysed at; null when never filed. */
  filedOn: DayNum | null;
  /** When CAPE accepted it: the accepted result row's date, else the day its file was loaded. */
  acceptedOn: DayNum | null;
}

const NOT_FILED: Filing = { status: 'NOT_FILED', filedOn: null, acceptedOn: null };

/**
 * Latest event first: payment rows (PAID, or PAYMENT_RETURNED by the latest row's status); else CAPE
 * result rows (the latest row's verdict) — unless the latest result rejected the entry and the user
 * marked a declaration holding it submitted after loading that result: a refile, SUBMITTED again;
 * else the ledger (SUBMITTED, or REJECTED when marked rejected there); else NOT_FILED.
 *
 * F_e (SPEC §10): the date on the latest CAPE result row, else the submission date, else the day the
 * file (results, else payments) was loaded; a refile is analysed at its own submission date.
 */
export function deriveFiling(e: FilingEvents): Filing {
  const { payment, result, ledger } = e;
  const refiled =
    result !== null &&
    result.verdict === 'REJECTED' &&
    ledger !== null &&
    !ledger.rejected &&
    ledger.markedAt > result.loadedAt;
  const acceptedOn = result !== null && result.verdict === 'ACCEPTED' ? (result.day ?? result.loadedOn) : null;
  let filedOn: DayNum | null;
  if (refiled) filedOn = ledger.submittedOn;
  else if (result !== null) filedOn = result.day ?? ledger?.submittedOn ?? result.loadedOn;
  else filedOn = ledger?.submittedOn ?? payment?.loadedOn ?? null;
  if (payment !== null) return { status: payment.returned ? 'PAYMENT_RETURNED' : 'PAID', filedOn, acceptedOn };
  if (result !== null && !refiled) return { status: result.verdict, filedOn, acceptedOn };
  if (ledger !== null)
    return { status: ledger.rejected && !refiled ? 'REJECTED' : 'SUBMITTED', filedOn, acceptedOn: null };
  return NOT_FILED;
}

/**
 * The analysis an entry shows (SPEC §10): a filed entry at its own filing date (through `atFiling`,
 * which the caller caches per date), a rejected or never-filed one at the current F; plus
 * CAPE_DISAGREES where CBP's verdict differs.
 */
export function analyseWithFiling(
  f: EntryFacts,
  filing: Pick<Filing, 'status' | 'filedOn'>,
  current: AnalysisContext,
  atFiling: (day: DayNum) => AnalysisContext,
): EntryResult {
  const ctx = isFiled(filing.status) && filing.filedOn !== null ? atFiling(filing.filedOn) : current;
  const r = analyseEntry(f, ctx);
  if (capeDisagrees(filing.status, r.segment)) r.reasons = [...r.reasons, 'CAPE_DISAGREES' as const].sort();
  return r;
}

// ---- Payments against the estimate ----

export type PaymentOutcome = 'as-estimated' | 'short' | 'over' | 'likely-offset' | 'returned';

export const PAYMENT_OUTCOME_LABELS: Record<PaymentOutcome, string> = {
  'as-estimated': 'paid as estimated',
  short: 'paid less than estimated',
  over: 'paid more than estimated',
  'likely-offset': 'likely offset against other debts',
  returned: 'payment returned',
};

/**
 * What a payment says: returned; within the tolerance of the estimated refund; more than the
 * tolerance below the IEEPA duty itself (CBP refunds the duty deposited, so this is likely an offset
 * against other debts, 19 CFR 24.72); or otherwise short or over (the interest differs).
 */
export function assessPayment(
  status: FilingStatus,
  paid: Cents,
  refund: Cents,
  principal: Cents,
  rules: Pick<CompiledRules, 'varianceToleranceCents'>,
): PaymentOutcome | null {
  if (status === 'PAYMENT_RETURNED') return 'returned';
  if (status !== 'PAID') return null;
  const tolerance = rules.varianceToleranceCents;
  if (Math.abs(paid - refund) <= tolerance) return 'as-estimated';
  if (paid < principal - tolerance) return 'likely-offset';
  return paid < refund ? 'short' : 'over';
}

/** Accepted and still unpaid more than the rulebook's overdue days after acceptance, as of `today`. */
export function isOverdue(
  filing: Pick<Filing, 'status' | 'acceptedOn'>,
  today: DayNum,
  rules: Pick<CompiledRules, 'paymentOverdueDays'>,
): boolean {
  return (
    filing.status === 'ACCEPTED' && filing.acceptedOn !== null && today - filing.acceptedOn > rules.paymentOverdueDays
  );
}

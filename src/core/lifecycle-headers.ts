/**
 * The files CBP gives back after filing (SPEC §10), recognised by their headers: CAPE results files
 * (the Claim Details / Validation Result File from ACE) and refund/payment files (an ACE refund report
 * or a treasury export). CBP publishes no layout for either, so headers are matched tolerantly (as
 * ES-003 headers are: case, spaces, `_`, `-` and dashes ignored) against the aliases of SPEC §10.
 * Runs before the entry-status classification: a results file's "Status" is CAPE's verdict, not a
 * liquidation status.
 */
import { type ColumnMapping, ENTRY_NUMBER_ALIASES, type FileKind, normaliseHeader } from './header-mapping';

export type LifecycleKind = Extract<FileKind, 'results' | 'payments'>;

/** What a file CBP gives back needs, for the message when no header row is found. */
export const LIFECYCLE_HEADERS_HINT =
  'A CAPE results file needs an entry-number column and a status column (e.g. STATUS, Claim Status); a refund or payment file an entry-number column and an amount column (e.g. Refund Amount).';

/** Aliases in priority order, normalised (normaliseHeader). */
const RESULTS_ALIASES = {
  entry_number: ENTRY_NUMBER_ALIASES,
  cape_status: ['status', 'claim status', 'entry status', 'validation status'],
  claim_number: ['claim number', 'declaration number', 'cape claim number'],
  error_description: ['error description', 'error message', 'error detail'],
  result_date: ['status date', 'processed date', 'accepted date', 'date'],
} as const;

const PAYMENT_ALIASES = {
  entry_number: ENTRY_NUMBER_ALIASES,
  refund_amount: [
    'refund amount',
    'refund total',
    'amount refunded',
    'total refund amount',
    'refund principal',
    'principal',
  ],
  refund_interest: ['interest amount', 'refund interest'],
  payment_date: ['refund date', 'payment date', 'check date', 'ach date'],
  // A plain "Status" column of a payment file is its payment status (the file has no CAPE verdict).
  payment_status: ['refund status', 'payment status', 'ach status', 'status'],
} as const;

export type ResultsField = keyof typeof RESULTS_ALIASES;
export type PaymentField = keyof typeof PAYMENT_ALIASES;
export type LifecycleField = ResultsField | PaymentField;

/** Amount headers that hold the principal alone: with an interest column, the refund is principal + interest. */
const PRINCIPAL_HEADERS: readonly string[] = ['refund principal', 'principal'];

export interface LifecycleMapping {
  kind: LifecycleKind;
  /** Column index of each recognised field. */
  columns: Partial<Record<LifecycleField, number>>;
  /** Headers that mapped, with their field. */
  recognised: { header: string; field: LifecycleField }[];
  /** Headers kept out of the way. */
  unmapped: string[];
}

/** The best column per field: the alias listed first wins, then the leftmost column. */
function bestColumns(
  headers: readonly string[],
  aliases: Readonly<Record<string, readonly string[]>>,
): Map<string, { index: number; priority: number }> {
  const best = new Map<string, { index: number; priority: number }>();
  headers.forEach((h, index) => {
    const n = normaliseHeader(h);
    for (const [field, list] of Object.entries(aliases)) {
      const priority = list.indexOf(n);
      if (priority < 0) continue;
      const prev = best.get(field);
      if (!prev || priority < prev.priority) best.set(field, { index, priority });
    }
  });
  return best;
}

/** Fields only a results file has (a plain "Status" column does not tell), and only a payment file. */
const RESULTS_ONLY: readonly ResultsField[] = ['claim_number', 'error_description', 'result_date'];
const PAYMENTS_ONLY: readonly PaymentField[] = ['refund_interest', 'payment_date'];

/**
 * A CAPE results or refund/payment header row, or null. A results file has an entry-number column and
 * a CAPE status column; a payment file an entry-number column and an amount column. A header with
 * both (a claim file that also shows amounts, or a refund report with a plain "Status") is a results
 * file when it has more columns only results files have (claim number, error description, status
 * date, a claim or validation status) than columns only payment files have (interest, payment date,
 * a refund, payment or ACH status). An ES-003 header (it has an HTS column: `es003`, its ES-003
 * mapping) is neither.
 */
export function lifecycleMapping(headers: readonly string[], es003: ColumnMapping): LifecycleMapping | null {
  if (es003.columns.hts !== undefined) return null;
  const results = bestColumns(headers, RESULTS_ALIASES);
  const payments = bestColumns(headers, PAYMENT_ALIASES);
  if (!results.has('entry_number')) return null;
  const hasStatus = results.has('cape_status');
  const hasAmount = payments.has('refund_amount');
  let kind: LifecycleKind;
  if (hasStatus && hasAmount) {
    // A plain "Status" (the first results alias, the last payment alias) tells neither kind.
    const resultsScore =
      RESULTS_ONLY.filter((f) => results.has(f)).length + (results.get('cape_status')!.priority > 0 ? 1 : 0);
    const paymentStatus = payments.get('payment_status');
    const paymentsScore =
      PAYMENTS_ONLY.filter((f) => payments.has(f)).length +
      (paymentStatus && paymentStatus.priority < PAYMENT_ALIASES.payment_status.length - 1 ? 1 : 0);
    kind = resultsScore > paymentsScore ? 'results' : 'payments';
  } else if (hasAmount) kind = 'payments';
  else if (hasStatus) kind = 'results';
  else return null;
  const best = kind === 'results' ? results : payments;
  if (kind === 'payments' && payments.has('refund_interest')) {
    // Principal + interest: prefer a principal column to a total, which would count the interest twice.
    const principal = headers.findIndex((h) => PRINCIPAL_HEADERS.includes(normaliseHeader(h)));
    if (principal >= 0) best.set('refund_amount', { index: principal, priority: 0 });
  }
  const fields = Object.keys(kind === 'results' ? RESULTS_ALIASES : PAYMENT_ALIASES) as LifecycleField[];
  const columns: Partial<Record<LifecycleField, number>> = {};
  const recognised: LifecycleMapping['recognised'] = [];
  const used = new Set<number>();
  for (const field of fields) {
    const b = best.get(field);
    if (!b || used.has(b.index)) continue;
    columns[field] = b.index;
    used.add(b.index);
    recognised.push({ header: headers[b.index]!, field });
  }
  const unmapped = headers.filter((h, i) => !used.has(i) && h.trim() !== '');
  return { kind, columns, recognised, unmapped };
}

/** The optional fields of each kind, for the mapping report's notes on missing columns (reason-texts.ts). */
export const OPTIONAL_LIFECYCLE_FIELDS = {
  results: ['result_date', 'claim_number', 'error_description'],
  payments: ['payment_date', 'payment_status', 'refund_interest'],
} as const satisfies Record<LifecycleKind, readonly LifecycleField[]>;

export type OptionalLifecycleField = (typeof OPTIONAL_LIFECYCLE_FIELDS)[LifecycleKind][number];

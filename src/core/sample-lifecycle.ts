/**
 * What CBP would send back for the sample data (SPEC §10), so the whole lifecycle is one click away:
 * a CAPE results file (accepted entries, rejected ones with different errors, one entry not in the
 * data) and a refund/payment file (paid as estimated, one short-paid by an offset, one returned).
 * Dates are relative to the sample's filing date F; payments are computed as the app estimates them
 * under the rulebook's rates for corporate taxpayers (the sample's profile is empty).
 */
import { type CompiledRules, compileRules } from './compiled-rules';
import { type DayNum, addDays, ymdFromDay } from './dates';
import { checkDigit, formatEntryNumber } from './entry-number';
import { InterestCalculator, RateTable } from './interest';
import { liquidationDayOnOrAfter } from './liquidation-calendar';
import { CSV_EOL, csvCell } from './entries-csv';
import { type Cents, formatCents } from './money';
import { builtInRulepack } from './builtin-rulepack';
import { type SampleEntry, type SampleOptions, type SampleStats, sampleRows } from './sample-es003';

export const SAMPLE_RESULTS_HEADERS = ['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION', 'PROCESSED_DATE'];
export const SAMPLE_PAYMENTS_HEADERS = [
  'Entry Number',
  'Refund Principal',
  'Refund Interest',
  'Payment Date',
  'Payment Status',
];

/** What happens to a sampled entry after filing. */
type Fate =
  | 'paid'
  | 'offset'
  | 'returned'
  | 'awaiting'
  | 'overdue'
  | 'rejected-refile'
  | 'rejected-psc'
  | 'rejected-authorization'
  | 'rejected-final'
  | 'accepted-not-eligible';

/** How many entries of which scenario meet each fate, in file order. */
const FATES: [Fate, SampleEntry['scenario'], number][] = [
  ['paid', 'ready', 8],
  ['offset', 'ready', 1],
  ['returned', 'ready', 1],
  ['awaiting', 'ready', 6],
  ['overdue', 'ready', 2],
  ['rejected-refile', 'ready', 2],
  ['rejected-psc', 'ready', 2],
  ['rejected-authorization', 'ready', 1],
  ['rejected-final', 'past80', 1],
  ['accepted-not-eligible', 'drawback', 1],
];

const ERRORS: Partial<Record<Fate, string>> = {
  'rejected-refile': 'GOODS VALUE AMOUNT MUST BE REPORTED ON THE CH 1-97',
  'rejected-psc': 'INVALID HTS',
  'rejected-authorization': 'IOR MISMATCH',
  'rejected-final': 'ENTRY SUMMARY IS IN FINAL LIQUIDATION STATUS',
};

/** Days before F: the first claim's processing (most entries), the recent claim, the old unpaid one. */
const FIRST_CLAIM_DAYS = 98;
const RECENT_CLAIM_DAYS = 20;
const OLD_CLAIM_DAYS = 130;
/** Sampled entries were summarised at least this many days before their claim was processed. */
const FILED_AFTER_DAYS = 30;
/** Days after the (re)liquidation the payments of the sample arrive (within 19 U.S.C. 1505(b)'s 30). */
const PAID_AFTER_DAYS = 14;
/** What the short-paid entry's payment falls below its IEEPA duty by, cents (at most half the duty). */
const OFFSET_CENTS = 25_000;

function usDate(d: DayNum): string {
  const { y, m, d: dd } = ymdFromDay(d);
  return `${m < 10 ? '0' : ''}${m}/${dd < 10 ? '0' : ''}${dd}/${y}`;
}

export interface SampleLifecycle {
  resultsCsv: string;
  paymentsCsv: string;
}

/** The results and payment files of the sample of `o` (the same options as its ES-003 file). */
export function sampleLifecycle(
  o: SampleOptions,
  rules: CompiledRules = compileRules(builtInRulepack().pack),
): SampleLifecycle {
  const log: SampleEntry[] = [];
  const stats: SampleStats = { rows: 0, entries: 0, dutyCents: 0, entryLog: log };
  const rows = sampleRows(o, stats);
  while (!rows.next().done);
  const F = o.filingDate;
  const interest = new InterestCalculator(new RateTable(rules.pack.overpaymentRates), 'corporate');
  const results: string[][] = [];
  const payments: string[][] = [];
  const taken = new Set<string>();
  for (const [fate, scenario, count] of FATES) {
    const days = fate === 'awaiting' ? RECENT_CLAIM_DAYS : fate === 'overdue' ? OLD_CLAIM_DAYS : FIRST_CLAIM_DAYS;
    const processed = addDays(F, -days);
    // Entries with IEEPA duty to refund, summarised well before the claim was processed.
    const picked = log
      .filter(
        (e) =>
          e.scenario === scenario &&
          e.ieepaCents > 0 &&
          e.summaryDate <= addDays(processed, -FILED_AFTER_DAYS) &&
          !taken.has(e.entryNumber),
      )
      .slice(0, count);
    for (const e of picked) {
      taken.add(e.entryNumber);
      const claim = `CAPE-${days === FIRST_CLAIM_DAYS ? '0001042' : days === RECENT_CLAIM_DAYS ? '0001197' : '0000918'}`;
      const error = ERRORS[fate] ?? '';
      const status = error !== '' ? 'Rejected' : fate === 'awaiting' ? 'ACCEPTED' : 'Accepted';
      // Every other entry dashed, as ACE shows them: the files are read either way.
      const entry = results.length % 2 === 0 ? formatEntryNumber(e.entryNumber) : e.entryNumber;
      results.push([entry, claim, status, error, usDate(processed)]);
      if (fate !== 'paid' && fate !== 'offset' && fate !== 'returned') continue;
      // Accepted on `processed`, unliquidated: CAPE liquidates on the first liquidation day after the holding period.
      const liquidation = liquidationDayOnOrAfter(addDays(processed, rules.holdingDays), rules.liquidationWeekdays);
      const owed = interest.interest(e.ieepaCents as Cents, e.summaryDate, liquidation);
      // The offset leaves less than the IEEPA duty itself: what the app calls a likely offset.
      const principal =
        fate === 'offset' ? e.ieepaCents - owed - Math.min(OFFSET_CENTS, Math.floor(e.ieepaCents / 2)) : e.ieepaCents;
      const paymentStatus = fate === 'returned' ? 'Returned - ACH account closed' : 'Paid';
      payments.push([
        entry,
        formatCents(principal),
        formatCents(owed),
        usDate(addDays(liquidation, PAID_AFTER_DAYS)),
        paymentStatus,
      ]);
    }
  }
  // An entry CBP lists that is not in the loaded data: reported, never added.
  const stranger = `ZZ9${String(9_999_000).padStart(7, '0')}`;
  results.push([
    stranger + checkDigit(stranger),
    'CAPE-0001042',
    'Accepted',
    '',
    usDate(addDays(F, -FIRST_CLAIM_DAYS)),
  ]);
  const csv = (header: string[], rows: string[][]) =>
    [header, ...rows].map((r) => r.map(csvCell).join(',')).join(CSV_EOL) + CSV_EOL;
  return { resultsCsv: csv(SAMPLE_RESULTS_HEADERS, results), paymentsCsv: csv(SAMPLE_PAYMENTS_HEADERS, payments) };
}

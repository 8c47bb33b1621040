/**
 * CAPE step 5 (SPEC §5): READY entries — to declare, and filed but not yet paid (SPEC §10) — grouped
 * into expected ACH payments by (projected date, IOR), with which of them are filed.
 */
import { importerKey } from './cell-values';
import { type DayNum, addDays } from './dates';
import type { Cents } from './money';
import type { AchEnrollment, ProfileIndex } from './profile';

export interface PaymentInput {
  importerNumber: string;
  importerName: string;
  projectedDate: DayNum;
  principal: Cents;
  interest: Cents;
  /** Entries this item stands for (default 1): a caller may pre-sum the entries of one IOR and date. */
  entries?: number;
  /** Of those, entries already filed and awaiting payment (default 0), and their refund. */
  filedEntries?: number;
  filedRefund?: Cents;
}

export interface ExpectedPayment {
  projectedDate: DayNum;
  /** Latest expected payment date: projected date + 30 days (19 U.S.C. 1505(b)). */
  expectedBy: DayNum;
  importerKey: string;
  /** The IOR number as first written in the data. */
  importerNumber: string;
  importerName: string;
  /** Who receives the ACH payment: the Form 4811 designee when the profile names one, else the IOR. */
  recipient: string;
  viaDesignee: boolean;
  achEnrolled: AchEnrollment;
  entries: number;
  principal: Cents;
  interest: Cents;
  refund: Cents;
  /** Entries of the payment already filed (awaiting payment), and their refund. */
  filedEntries: number;
  filedRefund: Cents;
  warnings: string[];
}

export function groupPayments(
  items: Iterable<PaymentInput>,
  profile: ProfileIndex,
  paymentWithinDays: number,
): ExpectedPayment[] {
  const groups = new Map<string, ExpectedPayment>();
  for (const it of items) {
    const key = importerKey(it.importerNumber);
    const id = `${it.projectedDate}|${key}`;
    let g = groups.get(id);
    if (!g) {
      const settings = profile.settingsByIor.get(key);
      const designee = settings?.designee.trim() ?? '';
      const ach = settings?.achEnrolled ?? 'unknown';
      const recipient = designee !== '' ? designee : it.importerNumber || '(no IOR number)';
      g = {
        projectedDate: it.projectedDate,
        expectedBy: addDays(it.projectedDate, paymentWithinDays),
        importerKey: key,
        importerNumber: it.importerNumber,
        importerName: it.importerName,
        recipient,
        viaDesignee: designee !== '',
        achEnrolled: ach,
        entries: 0,
        principal: 0 as Cents,
        interest: 0 as Cents,
        refund: 0 as Cents,
        filedEntries: 0,
        filedRefund: 0 as Cents,
        warnings: achWarnings(ach, designee !== ''),
      };
      groups.set(id, g);
    }
    g.entries += it.entries ?? 1;
    g.principal = (g.principal + it.principal) as Cents;
    g.interest = (g.interest + it.interest) as Cents;
    g.refund = (g.refund + it.principal + it.interest) as Cents;
    g.filedEntries += it.filedEntries ?? 0;
    g.filedRefund = (g.filedRefund + (it.filedRefund ?? 0)) as Cents;
  }
  return [...groups.values()].sort(
    (a, b) => a.projectedDate - b.projectedDate || a.importerKey.localeCompare(b.importerKey),
  );
}

/** What stands between an IOR's refund and its bank account: none when the recipient is enrolled for ACH refunds. */
export function achWarnings(ach: AchEnrollment, viaDesignee: boolean): string[] {
  const who = viaDesignee ? 'The Form 4811 designee' : 'The importer';
  if (ach === 'no')
    return [`${who} is not enrolled for ACH refunds: CBP holds the refund until ACH refund enrollment exists.`];
  if (ach === 'unknown')
    return [`ACH refund enrollment not confirmed: check it in the ACE Portal, or CBP will hold the refund.`];
  return [];
}

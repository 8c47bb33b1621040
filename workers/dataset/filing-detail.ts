/**
 * One entry after filing (SPEC §10), for its detail: the timeline — declared in which file, submitted,
 * CAPE's verdict with its error and the fix from the rulebook's error catalogue, the (re)liquidation,
 * the payments — and the payment against the estimate.
 */
import { FIX_CLASS_LABELS, matchCapeError } from '../../src/core/cape-errors';
import { type DayNum, addDays, formatDay } from '../../src/core/dates';
import {
  type FilingStatus,
  PAYMENT_OUTCOME_LABELS,
  type PaymentOutcome,
  assessPayment,
  hasPayment,
  isFiled,
  isOverdue,
} from '../../src/core/filing-status';
import { type Cents, formatUsd } from '../../src/core/money';
import { EVENT_OUTCOME, NO_DAY } from '../store/pages';
import type { DatasetState } from './dataset-state';
import { isLifecycleFile, latestResult, submittedOn } from './filings';
import { PROJECTION } from './results';

export interface TimelineEvent {
  /** YYYY-MM-DD; '' when the source gives no date. */
  date: string;
  kind: 'declared' | 'submitted' | 'accepted' | 'rejected' | 'liquidation' | 'payment' | 'returned';
  title: string;
  detail: string;
  /** Where it comes from: a file and its row, the filing ledger, or this analysis. */
  source: string;
}

export interface FilingDetail {
  status: FilingStatus;
  /** F_e; '' when the entry was never filed. */
  filedOn: string;
  /** The filing date the figures shown rest on: F_e for a filed entry, else the current filing date. */
  analysedAt: string;
  claimNumber: string;
  acceptedOn: string;
  /** Cents; null without payment rows. */
  paid: number | null;
  variance: number | null;
  outcome: PaymentOutcome | null;
  outcomeLabel: string;
  overdue: boolean;
  /** CBP's error on the latest result row, with the catalogue's meaning and fix (rule null when not in the catalogue). */
  error: {
    text: string;
    rule: { id: string; meaning: string; fix: string; action: string; source: string } | null;
  } | null;
  /** The new declaration file holding the entry now (fresh or refile), if any. */
  declaredIn: string | null;
  timeline: TimelineEvent[];
}

const dayText = (d: number): string => (d === NO_DAY ? '' : formatDay(d as DayNum));

/** Whether a sorted list holds `entry` (declaration files list their entries sorted). */
function sortedHas(list: readonly string[], entry: string): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === entry) return true;
    if (v < entry) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function filingDetail(data: DatasetState, i: number): FilingDetail {
  const { table: t, filings, results: res, rules } = data;
  const code = t.codes[i]!;
  const entry = t.entryNumbers[i]!;
  const status = filings.statusOf(i);
  const filedOn = filings.filedOn[i]!;
  const refund = res!.refund[i]!;
  const paid = hasPayment(status) ? filings.paid[i]! : null;
  const outcome =
    paid === null ? null : assessPayment(status, paid as Cents, refund as Cents, t.ieepaDuty[i]! as Cents, rules);
  const acceptedOn = filings.acceptedOn[i]!;
  const timeline: TimelineEvent[] = [];

  for (const r of data.ledger) {
    if (!r.entries.includes(entry)) continue;
    const rejected = r.rejected || r.rejectedEntries.includes(entry);
    timeline.push({
      date: formatDay(submittedOn(r)),
      kind: 'submitted',
      title: `Submitted on declaration ${r.name}`,
      detail: [r.claimNumber ? `ACE number ${r.claimNumber}` : '', rejected ? 'marked rejected in the ledger' : '']
        .filter(Boolean)
        .join('; '),
      source: 'filing ledger',
    });
  }
  let claim = '';
  for (const file of data.files) {
    if (!isLifecycleFile(file)) continue;
    for (const p of file.eventPages) {
      for (let k = 0; k < p.count; k++) {
        if (p.entry[k] !== code) continue;
        const text = p.text[k]! < 0 ? '' : p.dict[p.text[k]!]!;
        const source = `${file.record.name}, row ${p.sourceRow[k]}`;
        const o = p.outcome[k];
        if (o === EVENT_OUTCOME.accepted || o === EVENT_OUTCOME.rejected) {
          const c = p.claim[k]! < 0 ? '' : p.dict[p.claim[k]!]!;
          if (c) claim = c;
          timeline.push({
            date: dayText(p.day[k]!),
            kind: o === EVENT_OUTCOME.accepted ? 'accepted' : 'rejected',
            title: o === EVENT_OUTCOME.accepted ? 'Accepted by CAPE' : 'Rejected by CAPE',
            detail: [c ? `claim ${c}` : '', text].filter(Boolean).join('; '),
            source,
          });
        } else {
          timeline.push({
            date: dayText(p.day[k]!),
            kind: o === EVENT_OUTCOME.returned ? 'returned' : 'payment',
            title: `${o === EVENT_OUTCOME.returned ? 'Payment returned' : 'Paid'}: ${formatUsd(p.cents[k]!)}`,
            detail: text,
            source,
          });
        }
      }
    }
  }
  const liq = t.attr.liqDate[i]!;
  const projected = res!.projected[i]!;
  const projection = PROJECTION[res!.projection[i]!]!;
  if (projection === 'cape-liquidation') {
    timeline.push({
      date: dayText(liq),
      kind: 'liquidation',
      title: 'Liquidated by CAPE',
      detail: `the ES-003 liquidation date is on or after the filing date ${dayText(filedOn)}: interest runs to it; payment due by ${dayText(addDays(projected as DayNum, rules.paymentWithinDays))}`,
      source: 'ES-003 export',
    });
  } else {
    if (liq !== NO_DAY)
      timeline.push({
        date: dayText(liq),
        kind: 'liquidation',
        title: 'Liquidated',
        detail: '',
        source: 'ES-003 export',
      });
    if (projected !== NO_DAY)
      timeline.push({
        date: dayText(projected),
        kind: 'liquidation',
        title: `Projected ${projection} (estimate)`,
        detail: `payment expected by ${dayText(addDays(projected as DayNum, rules.paymentWithinDays))}`,
        source: 'this analysis',
      });
  }
  const declaredIn = data.declarations.find((d) => sortedHas(d.entries, entry))?.name ?? null;
  if (declaredIn)
    timeline.push({
      date: data.assumptions.filingDate,
      kind: 'declared',
      title: `In the new declaration ${declaredIn}`,
      detail: 'not yet marked submitted',
      source: 'Declarations screen',
    });
  // By date (undated events last), the source order kept on equal dates.
  timeline.sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999'));

  const result = latestResult(filings, data.files, i);
  const errorText = result && !result.accepted ? result.error : '';
  const rule = errorText === '' ? null : matchCapeError(errorText, data.rules.errorCatalogue);
  return {
    status,
    filedOn: dayText(filedOn),
    analysedAt: isFiled(status) ? dayText(filedOn) : data.assumptions.filingDate,
    claimNumber:
      claim || (filings.ledgerRecord[i]! >= 0 ? (data.ledger[filings.ledgerRecord[i]!]!.claimNumber ?? '') : ''),
    acceptedOn: dayText(acceptedOn),
    paid,
    variance: paid === null ? null : paid - refund,
    outcome,
    outcomeLabel: outcome === null ? '' : PAYMENT_OUTCOME_LABELS[outcome],
    overdue: isOverdue(
      { status, acceptedOn: acceptedOn === NO_DAY ? null : (acceptedOn as DayNum) },
      data.today,
      rules,
    ),
    error:
      status === 'REJECTED' && errorText !== ''
        ? {
            text: errorText,
            rule: rule
              ? {
                  id: rule.id,
                  meaning: rule.meaning,
                  fix: FIX_CLASS_LABELS[rule.fix],
                  action: rule.action,
                  source: rule.source.note,
                }
              : null,
          }
        : null,
    declaredIn,
    timeline,
  };
}

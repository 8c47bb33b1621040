/**
 * "Export this view": the entries the Entries screen shows (its filters and order) as a CSV for people —
 * dashed entry numbers, importer names, segments and reasons in words (codes beside), the deadline
 * columns. The machine-readable entries CSV (SPEC §9, exports.ts) stays as it is; this one is separate.
 */
import { importerKey } from '../../src/core/cell-values';
import type { CompiledRules } from '../../src/core/compiled-rules';
import { addDays, formatDay, parseIsoDay } from '../../src/core/dates';
import { CSV_EOL, csvCell } from '../../src/core/entries-csv';
import { formatEntryNumber } from '../../src/core/entry-number';
import { FILING_STATUS_LABELS } from '../../src/core/filing-status';
import { formatCents } from '../../src/core/money';
import type { Profile } from '../../src/core/profile';
import { reasonText } from '../../src/core/reason-texts';
import { SEGMENT_LABELS, capeAccepts, hasExpectedPayment } from '../../src/core/reasons';
import type { EntryRow } from './entry-query';

export const VIEW_CSV_COLUMNS = [
  'Entry number',
  'IOR',
  'Importer',
  'Entry type',
  'Entry date',
  'Segment',
  'Reasons and warnings',
  'IEEPA duty',
  'Other duty',
  'Interest',
  'Refund (principal + interest)',
  'Not refunded (at stake)',
  'Projected (re)liquidation',
  'Payment expected by',
  'Liquidation date',
  'CAPE last day',
  'Protest deadline',
  'Filing status',
  'Paid',
] as const;

export function entriesViewCsv(rows: readonly EntryRow[], rules: CompiledRules, profile: Profile): string {
  const names = new Map(
    profile.clients.filter((c) => c.name.trim() !== '').map((c) => [importerKey(c.importerNumber), c.name.trim()]),
  );
  const titles = new Map<string, string>();
  const title = (code: EntryRow['reasons'][number]) => {
    let t = titles.get(code);
    if (t === undefined) titles.set(code, (t = `${reasonText(code, rules).title} (${code})`));
    return t;
  };
  const out = [VIEW_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const refunded = capeAccepts(r.segment);
    const projected = parseIsoDay(r.projectedDate);
    const paymentBy =
      hasExpectedPayment(r.segment) && projected !== null ? formatDay(addDays(projected, rules.paymentWithinDays)) : '';
    const cells = [
      formatEntryNumber(r.entryNumber),
      r.importerNumber,
      names.get(importerKey(r.importerNumber)) ?? r.importerName,
      r.entryType,
      r.entryDate,
      SEGMENT_LABELS[r.segment],
      r.reasons.map(title).join('; '),
      formatCents(r.ieepaDuty),
      formatCents(r.otherDuty),
      formatCents(r.interest),
      refunded ? formatCents(r.refund) : '',
      refunded ? '' : formatCents(r.refund),
      r.projectedDate,
      paymentBy,
      r.liquidationDate,
      r.capeLastDay,
      r.protestDeadline,
      FILING_STATUS_LABELS[r.filingStatus],
      r.paid === null ? '' : formatCents(r.paid),
    ];
    out.push(cells.map(csvCell).join(','));
  }
  return out.join(CSV_EOL) + CSV_EOL;
}

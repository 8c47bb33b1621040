/** The entries CSV of SPEC §9: one row per entry, sorted by entry_number, fixed columns. */
import { formatDay } from './dates';
import type { EntryResult } from './analysis';
import { type EntryFacts, effectiveEntryType } from './entry-facts';
import { formatCents } from './money';
import { hasExpectedPayment } from './reasons';

export const ENTRIES_CSV_COLUMNS = [
  'entry_number',
  'importer_number',
  'entry_type',
  'entry_date',
  'segment',
  'reasons',
  'ieepa_duty',
  'other_duty',
  'interest',
  'refund',
  'projected_date',
  'payment_group',
] as const;

/** Quote a cell only when CSV needs it (comma, quote, CR or LF). */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_EOL = '\r\n';

export function entriesCsvHeader(): string {
  return ENTRIES_CSV_COLUMNS.join(',');
}

export function entriesCsvRow(f: EntryFacts, r: EntryResult): string {
  const projected = r.projectedDate === null ? '' : formatDay(r.projectedDate);
  const group =
    hasExpectedPayment(r.segment) && r.projectedDate !== null ? csvCell(`${projected}|${f.importerNumber}`) : '';
  return (
    `${f.entryNumber},${csvCell(f.importerNumber)},${csvCell(effectiveEntryType(f))},${f.entryDate === null ? '' : formatDay(f.entryDate)},` +
    `${r.segment},${r.reasons.join(';')},${formatCents(f.ieepaDuty)},${formatCents(f.otherDuty)},${formatCents(r.interest)},` +
    `${formatCents(r.refund)},${projected},${group}`
  );
}

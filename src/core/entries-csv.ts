/** The entries CSV of SPEC §9: one row per entry, sorted by entry_number, fixed columns. */
import { formatDay } from './dates';
import type { EntryResult } from './analysis';
import { type EntryFacts, effectiveEntryType } from './entry-facts';
import type { CompiledRules } from './compiled-rules';
import { capeLastDay, protestDeadline } from './deadlines';
import { type FilingStatus, hasPayment } from './filing-status';
import { type Cents, formatCents } from './money';
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
  'liquidation_date',
  'cape_last_day',
  'protest_deadline',
  'filing_status',
  'paid',
  'variance',
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

/** What SPEC §10 adds to an entry's row: its filing status and, for a paid or returned entry, the summed amount paid. */
export interface FilingCells {
  status: FilingStatus;
  /** Cents; null without payment rows. */
  paid: Cents | null;
}

const NEVER_FILED: FilingCells = { status: 'NOT_FILED', paid: null };

export function entriesCsvRow(
  f: EntryFacts,
  r: EntryResult,
  rules: Pick<CompiledRules, 'reliquidationWindowDays' | 'protestDays'>,
  filing: FilingCells = NEVER_FILED,
): string {
  const projected = r.projectedDate === null ? '' : formatDay(r.projectedDate);
  const group =
    hasExpectedPayment(r.segment) && r.projectedDate !== null ? csvCell(`${projected}|${f.importerNumber}`) : '';
  const liq = f.liquidationDate;
  const deadlines =
    liq === null
      ? ',,'
      : `${formatDay(liq)},${formatDay(capeLastDay(liq, rules))},${formatDay(protestDeadline(liq, rules))}`;
  const paid = hasPayment(filing.status) && filing.paid !== null ? filing.paid : null;
  const payment = paid === null ? ',' : `${formatCents(paid)},${formatCents(paid - r.refund)}`;
  return (
    `${f.entryNumber},${csvCell(f.importerNumber)},${csvCell(effectiveEntryType(f))},${f.entryDate === null ? '' : formatDay(f.entryDate)},` +
    `${r.segment},${r.reasons.join(';')},${formatCents(f.ieepaDuty)},${formatCents(f.otherDuty)},${formatCents(r.interest)},` +
    `${formatCents(r.refund)},${projected},${group},${deadlines},${filing.status},${payment}`
  );
}

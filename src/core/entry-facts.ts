/** The compact, filing-date-independent record of one entry that the analysis works from. */
import type { DayNum } from './dates';
import type { AttributeFacts } from './entry-attributes';
import type { Cents } from './money';

/** Attribute facts (entry-attributes.ts: importer, entry type, dates, statuses, flags) and line facts. */
export interface EntryFacts extends AttributeFacts {
  /** Normalised 11-character entry number. */
  entryNumber: string;
  checkDigitOk: boolean;
  ieepaDuty: Cents;
  otherDuty: Cents;
  ieepaLines: number;
  refundableLines: number;
  /** A row of this entry had an unparseable amount or date. */
  badRowData: boolean;
  /** LINE_WARNING_BITS. */
  warningBits: number;
  /** Refundable IEEPA duty per program index. */
  programCents: [number, number][];
}

export const DEFAULT_ENTRY_TYPE = '01';

export function effectiveEntryType(f: Pick<EntryFacts, 'entryType'>): string {
  return f.entryType === '' ? DEFAULT_ENTRY_TYPE : f.entryType;
}

/** Deposit date for interest and the assumed-liquidation test: entry summary date, else entry date. */
export function depositDate(f: Pick<EntryFacts, 'entrySummaryDate' | 'entryDate'>): DayNum | null {
  return f.entrySummaryDate ?? f.entryDate;
}

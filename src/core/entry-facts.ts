/** The compact, filing-date-independent record of one entry that the analysis works from. */
import type { LiquidationStatus, SummaryStatus } from './cell-values';
import type { DayNum } from './dates';
import type { Cents } from './money';

export interface EntryFacts {
  /** Normalised 11-character entry number. */
  entryNumber: string;
  checkDigitOk: boolean;
  /** Importer number as written ('' when absent). */
  importerNumber: string;
  importerName: string;
  /** Two-character entry type; '' when absent (treated as 01). */
  entryType: string;
  entryDate: DayNum | null;
  entrySummaryDate: DayNum | null;
  liquidationStatus: LiquidationStatus;
  liquidationDate: DayNum | null;
  reconFlag: boolean;
  recon09Filed: boolean;
  drawback: boolean;
  openProtest: boolean;
  summaryStatus: SummaryStatus;
  suretyPaid: boolean;
  adcvdFlag: boolean;
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
  countryOfOrigin: string;
  port: string;
}

export const DEFAULT_ENTRY_TYPE = '01';

export function effectiveEntryType(f: Pick<EntryFacts, 'entryType'>): string {
  return f.entryType === '' ? DEFAULT_ENTRY_TYPE : f.entryType;
}

/** Deposit date for interest and the 314-day test: entry summary date, else entry date. */
export function depositDate(f: Pick<EntryFacts, 'entrySummaryDate' | 'entryDate'>): DayNum | null {
  return f.entrySummaryDate ?? f.entryDate;
}

/**
 * Packed storage records. IndexedDB costs ~30 µs per record, so rows are stored as columns of
 * 32,768 rows per record (≈1 MB at most), and entry attributes as columns of up to 65,536 entries.
 */

/** Rows per row page: 2^PAGE_SHIFT (32,768). */
export const PAGE_SHIFT = 15;
export const PAGE_ROWS = 1 << PAGE_SHIFT;

/** A loaded row as one integer: the slot of its page among the dataset's pages, and its index in the page. */
export function rowId(slot: number, r: number): number {
  return slot * PAGE_ROWS + r;
}
export function rowSlot(id: number): number {
  return id >>> PAGE_SHIFT;
}
export function rowIndex(id: number): number {
  return id & (PAGE_ROWS - 1);
}
export const ATTR_PAGE_ENTRIES = 65_536;

/** Day value of an absent date in Int32 date columns. */
export const NO_DAY = -2_147_483_648;

/**
 * One page of tariff rows of one file. Columns with a choice of types take the narrowest one the
 * page's values fit (readers only index them); pages stored before that have the wider types.
 */
export interface RowPage {
  fileId: number;
  page: number;
  count: number;
  /** Entry code (see entryCode). */
  entry: Float64Array;
  /** Entry summary line number; -1 when absent. */
  line: Int16Array | Int32Array;
  /** Tariff ordinal; -1 when absent. */
  ordinal: Int16Array | Int32Array;
  /** Index into htsDict. */
  hts: Uint16Array | Int32Array;
  htsDict: string[];
  /** Duty in cents. */
  duty: Int32Array | Float64Array;
  /** Goods value in cents; NaN when absent (then the column is Float64). */
  value: Int32Array | Float64Array;
  /** Row number as a spreadsheet shows it (title lines and header counted). */
  sourceRow: Int32Array;
  /** 1 when a cell of the row could not be parsed: the row's amounts are not counted. */
  bad: Uint8Array;
}

/** Bits of AttrPage.flags / AttrPage.present. */
export const FLAG = {
  recon: 1,
  recon09: 2,
  drawback: 4,
  openProtest: 8,
  surety: 16,
  adcvd: 32,
} as const;

export const LIQ_STATUS_CODES = [
  'unknown',
  'unliquidated',
  'liquidated',
  'final',
  'suspended',
  'extended',
  'under_review',
] as const;
export const SUMMARY_STATUS_CODES = ['absent', 'accepted', 'not_accepted'] as const;

/** Entry-level attributes one file gives for its entries (the last non-empty value in the file wins). */
export interface AttrPage {
  fileId: number;
  page: number;
  count: number;
  entry: Float64Array;
  /** Strings referenced by the text columns. */
  dict: string[];
  /** Text columns: index into dict, -1 when absent. */
  importer: Int32Array;
  importerName: Int32Array;
  entryType: Int32Array;
  country: Int32Array;
  port: Int32Array;
  /** Day numbers; NO_DAY when absent. */
  entryDate: Int32Array;
  summaryDate: Int32Array;
  liqDate: Int32Array;
  /** Index into LIQ_STATUS_CODES / SUMMARY_STATUS_CODES; -1 when absent. */
  liqStatus: Int8Array;
  summaryStatus: Int8Array;
  /** Flag values (FLAG bits) and which of them the file states at all. */
  flags: Uint16Array;
  present: Uint16Array;
  /** 1 when a row of the entry in this file had a problem. */
  bad: Uint8Array;
}

/** A row problem: file, row, column and value (SPEC §2). */
export interface RowProblem {
  row: number;
  column: string;
  value: string;
  message: string;
}

/**
 * Packed storage records. IndexedDB costs ~30 µs per record, so rows are stored as columns of
 * 32,768 rows per record (≈1 MB at most), and entry attributes as columns of up to 65,536 entries.
 */
import { ATTRIBUTES, type AttributeOfKind } from '../../src/core/entry-attributes';

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

type TextColumn = AttributeOfKind<'text'>['column'];
type DayColumn = AttributeOfKind<'day'>['column'];
type CodeColumn = AttributeOfKind<'code'>['column'];

/**
 * Per-entry attribute columns, named by core's attribute table (entry-attributes.ts): text as an
 * index into a dictionary (-1 absent), days as day numbers (NO_DAY absent), codes as their position
 * in the attribute's codes (-1 absent), flags as bits (the attribute's `bit`), and the bad mark.
 */
export type EntryColumns = { [C in TextColumn | DayColumn]: Int32Array } & { [C in CodeColumn]: Int8Array } & {
  flags: Uint16Array;
  /** 1 when a row of the entry had a problem. */
  bad: Uint8Array;
};

/** The stored value of "this file says nothing" for each kind of attribute column. */
export const ABSENT = { text: -1, day: NO_DAY, code: -1 } as const;

/** Columns for `size` entries, every attribute absent. */
export function entryColumns(size: number): EntryColumns {
  const c: Record<string, Int32Array | Int8Array | Uint16Array | Uint8Array> = {};
  for (const a of ATTRIBUTES) {
    if (a.kind === 'flag') continue;
    c[a.column] = (a.kind === 'code' ? new Int8Array(size) : new Int32Array(size)).fill(ABSENT[a.kind]);
  }
  c.flags = new Uint16Array(size);
  c.bad = new Uint8Array(size);
  return c as EntryColumns;
}

/**
 * Entry-level attributes one file gives for its entries (the last non-empty value in the file wins):
 * the entry columns, plus which flag bits the file states at all. IMPORTANT: stored in IndexedDB,
 * so the layout stays (pages.test.ts pins it).
 */
export interface AttrPage extends EntryColumns {
  fileId: number;
  page: number;
  count: number;
  entry: Float64Array;
  /** Strings referenced by the text columns. */
  dict: string[];
  /** Flag bits the file states (flags holds their values). */
  present: Uint16Array;
}

/** A row problem: file, row, column and value (SPEC §2). */
export interface RowProblem {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** Rows per event page (CAPE results and payment rows): at ~33 bytes a row, about 2 MB a page. */
export const EVENT_PAGE_ROWS = 65_536;

/**
 * One page of the rows of a file CBP gives back after filing (SPEC §10): a CAPE results file or a
 * refund/payment file. IMPORTANT: stored in IndexedDB, so the layout stays (pages.test.ts pins it).
 */
export interface EventPage {
  fileId: number;
  page: number;
  count: number;
  /** Entry code (see entryCode). */
  entry: Float64Array;
  /** The row's date (status date, payment date) as a day number; NO_DAY when blank or unreadable. */
  day: Int32Array;
  /** Results: EVENT_OUTCOME.accepted or .rejected; payments: .paid or .returned. */
  outcome: Uint8Array;
  /** Payments: amount + interest in cents; results: 0. */
  cents: Float64Array;
  /** Results: the error description; payments: the status as written (index into dict, -1 blank). */
  text: Int32Array;
  /** Results: the claim number (index into dict, -1 blank); payments: -1. */
  claim: Int32Array;
  /** Row number as a spreadsheet shows it. */
  sourceRow: Int32Array;
  dict: string[];
}

/** Stored outcome codes of event rows (append only). */
export const EVENT_OUTCOME = { accepted: 1, rejected: 2, paid: 3, returned: 4 } as const;

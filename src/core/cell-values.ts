/** Small normalisers for ES-003 cells (SPEC §2–§3). */

/** Unwrap Excel's text wrapper `="…"` that ACE puts around numeric identifiers. */
export function unwrapExcelText(cell: string): string {
  if (
    cell.length >= 3 &&
    cell.charCodeAt(0) === 61 /* = */ &&
    cell.charCodeAt(1) === 34 &&
    cell.charCodeAt(cell.length - 1) === 34
  ) {
    return cell.slice(2, -1);
  }
  return cell;
}

/** HTS digits only, after removing dots and spaces (and dashes, which appear after copy/paste). */
export function htsDigits(raw: string): string {
  return raw.replace(/[.\s-]/g, '');
}

/** IEEPA Chapter 99 numbers are 9903.01.xx and 9903.02.xx. */
/** An HTS number as people write it: `9903.01.24`, `8471.30.0100` (digits kept as they are otherwise). */
export function formatHts(hts: string): string {
  if (!/^\d{8}(\d{2})?$/.test(hts)) return hts;
  return `${hts.slice(0, 4)}.${hts.slice(4, 6)}.${hts.slice(6)}`;
}

export const IEEPA_HEADING_PREFIXES = ['990301', '990302'] as const;
const [IEEPA_FIRST, IEEPA_SECOND] = IEEPA_HEADING_PREFIXES;

/**
 * The HTS a row's IEEPA duty gets when it is read from a per-line IEEPA duty column (a broker export
 * without Chapter 99 rows): 9903.01.00, which is no heading (IEEPA duty of no known program),
 * followed by the row's own HTS, so each row's IEEPA duty is a row of its own when rows are
 * de-duplicated on (entry, line, ordinal, HTS).
 */
export function ieepaColumnHts(rowHts: string): string {
  return `${IEEPA_COLUMN_PREFIX}${rowHts}`;
}

const IEEPA_COLUMN_PREFIX = `${IEEPA_FIRST}00/`;

export function isIeepaColumnHts(hts: string): boolean {
  return hts.startsWith(IEEPA_COLUMN_PREFIX);
}

export function isIeepaHts(hts: string): boolean {
  return hts.startsWith(IEEPA_FIRST) || hts.startsWith(IEEPA_SECOND);
}

export function isChapter99(hts: string): boolean {
  return hts.startsWith('99');
}

/** The 8-digit heading of an HTS number (`99030125`). */
export function headingOf(hts: string): string {
  return hts.slice(0, 8);
}

const TRUE_FLAGS = new Set(['Y', 'YES', 'TRUE', '1', 'X']);
const FALSE_WORDS = new Set(['', 'N', 'NO', 'FALSE', '0', 'NONE', 'N/A', 'NA']);

/** Flags read Y/YES/TRUE/1/X (any case) as true. */
export function parseFlag(raw: string): boolean {
  return TRUE_FLAGS.has(raw.trim().toUpperCase());
}

/** For columns that carry an identifier rather than a flag (e.g. "ADCVD Case Number"): any real value counts. */
export function parsePresence(raw: string): boolean {
  const s = raw.trim().toUpperCase();
  return TRUE_FLAGS.has(s) || !FALSE_WORDS.has(s);
}

const CLOSED_PROTEST = ['closed', 'denied', 'allowed', 'withdrawn'];

/** Any non-empty protest status other than closed/denied/allowed/withdrawn counts as open. */
export function isOpenProtest(raw: string): boolean {
  const s = raw.trim().toLowerCase();
  if (s === '') return false;
  return !CLOSED_PROTEST.some((w) => s.includes(w));
}

/**
 * Entry summary statuses. IMPORTANT: stored by position in attribute pages (entry-attributes.ts):
 * append only, never reorder or remove.
 */
export const SUMMARY_STATUSES = ['absent', 'accepted', 'not_accepted'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

export function parseSummaryStatus(raw: string): SummaryStatus {
  const s = raw.trim().toLowerCase();
  if (s === '') return 'absent';
  return s === 'accepted' ? 'accepted' : 'not_accepted';
}

/**
 * Liquidation statuses ('unknown': no usable status). IMPORTANT: stored by position in attribute pages
 * (entry-attributes.ts): append only, never reorder or remove.
 */
export const LIQUIDATION_STATUSES = [
  'unknown',
  'unliquidated',
  'liquidated',
  'final',
  'suspended',
  'extended',
  'under_review',
] as const;
export type LiquidationStatus = (typeof LIQUIDATION_STATUSES)[number];

/** SPEC §3 vocabulary, first match wins in this order. Unrecognised text counts as unknown. */
export function parseLiquidationStatus(raw: string): LiquidationStatus {
  const s = raw.trim().toLowerCase();
  if (s === '') return 'unknown';
  if (s.includes('final')) return 'final';
  if (s.includes('reliq')) return 'liquidated';
  if (s.includes('unliq') || s.includes('not liq') || s.includes('open') || s.includes('pending'))
    return 'unliquidated';
  if (s.includes('suspend')) return 'suspended';
  if (s.includes('extend')) return 'extended';
  if (s.includes('review')) return 'under_review';
  if (s.includes('liq')) return 'liquidated';
  return 'unknown';
}

/** Entry type as two characters: Excel turns `01` into `1`. Blank stays blank (treated as 01 by the analysis). */
export function normaliseEntryType(raw: string): string {
  const s = raw.trim();
  return /^\d$/.test(s) ? `0${s}` : s;
}

const importerKeys = new Map<string, string>();
/** Distinct IOR numbers are few; beyond this many the memo stops growing. */
const IMPORTER_KEY_MEMO = 10_000;

/** Importer numbers compare on upper-case letters and digits only. */
export function importerKey(raw: string): string {
  // Memoised: overview, payments and declarations ask for the same few keys once per entry.
  let key = importerKeys.get(raw);
  if (key === undefined) {
    key = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (importerKeys.size < IMPORTER_KEY_MEMO) importerKeys.set(raw, key);
  }
  return key;
}

/**
 * Why a file's header row is not one the app reads, in the user's words: which required columns it
 * lacks (named by their ES-003 headers) and which of the file's own headers come close to each.
 * The CSV and the workbook readers refuse a file with the same message.
 */
import {
  type ColumnMapping,
  type Field,
  REQUIRED_FIELDS,
  fieldHeader,
  mapHeaders,
  missingRequired,
  normaliseHeader,
} from './header-mapping';
import { LIFECYCLE_HEADERS_HINT } from './lifecycle-headers';

/** A header row that maps to no file kind, as a candidate for the message. */
export interface HeaderShortfall {
  /** Where it is, as the message says it: `Line 3`, `Sheet "Main Report" row 2`. */
  where: string;
  missing: Field[];
  /** Per missing field, the row's unrecognised headers that look like it (at most NEAR_LISTED). */
  near: Partial<Record<Field, string[]>>;
  /** Fields the row's headers map to. */
  recognised: number;
}

/** Headers that may be meant as a missing required field. */
const NEAR: Partial<Record<Field, RegExp>> = {
  entry_number: /\bentry\b|\besn\b/,
  hts: /\bhts|\btariff\b|harmoni[sz]ed|classification/,
  duty: /\bdut(y|ies)\b/,
  entry_date: /\bdate\b/,
};
const NEAR_LISTED = 3;

/** What a header row lacks, and the headers that come close; `where` names the row for the message. */
export function headerShortfall(
  where: string,
  headers: readonly string[],
  m: ColumnMapping = mapHeaders(headers),
): HeaderShortfall {
  const missing = missingRequired(m);
  // Only headers read as nothing: one read as another field (Liquidation Date) is that field.
  const mapped = new Set(Object.values(m.columns));
  const near: HeaderShortfall['near'] = {};
  for (const f of missing) {
    const pattern = NEAR[f];
    if (!pattern) continue;
    const close = headers.filter((h, i) => !mapped.has(i) && pattern.test(normaliseHeader(h)));
    if (close.length > 0) near[f] = close.slice(0, NEAR_LISTED);
  }
  return { where, missing, near, recognised: m.recognised.length };
}

/** The better candidate for the message: fewer required columns missing, then more columns recognised. */
export function closer(a: HeaderShortfall | null, b: HeaderShortfall): HeaderShortfall {
  if (a === null) return b;
  if (b.missing.length !== a.missing.length) return b.missing.length < a.missing.length ? b : a;
  return b.recognised > a.recognised ? b : a;
}

/** A row that maps two columns or more, at least one of them required, is plainly meant as the header. */
export function looksLikeHeader(s: HeaderShortfall): boolean {
  return s.recognised >= 2 && s.missing.length < REQUIRED_FIELDS.length;
}

const NEEDS = `an ES-003 export needs ${REQUIRED_FIELDS.map(fieldHeader)
  .join(', ')
  .replace(
    /, ([^,]*)$/,
    ' and $1',
  )} (a per-line ${fieldHeader('ieepa_duty')} column may stand in for ${fieldHeader('duty')}); an entry-status file needs ${fieldHeader('entry_number')} and status columns (e.g. ${fieldHeader('liquidation_status')}).`;

function lacking(s: HeaderShortfall): string {
  return s.missing
    .map((f) => {
      const close = s.near[f];
      return close ? `${fieldHeader(f)} (closest: ${close.map((h) => `"${h}"`).join(', ')})` : fieldHeader(f);
    })
    .join(', ');
}

/**
 * The file-level rejection for a file without a usable header within `searched` (e.g. "the first 30
 * lines"), given the closest candidate row.
 */
export function headerRejection(best: HeaderShortfall | null, searched: string): string {
  if (best && looksLikeHeader(best))
    return `${best.where} looks like a header but lacks ${lacking(best)}: ${NEEDS} Nothing was imported; rename the column in the file, or map the columns yourself.`;
  return `No header row found in ${searched}: ${NEEDS} ${LIFECYCLE_HEADERS_HINT} Nothing was imported.`;
}

/**
 * Entry numbers: 3-character filer code + 7-digit transaction number + check digit
 * (CBP CATAIR Appendix E; reference/cape-rules.md §2.4–2.5).
 */

const SHAPE = /^[A-Z0-9]{3}[0-9]{8}$/;

/** Trim, upper-case, drop `-` and spaces; null unless the result has the entry-number shape. */
export function normaliseEntryNumber(raw: string): string | null {
  const s = raw.trim().toUpperCase().replace(/[-\s]/g, '');
  return SHAPE.test(s) ? s : null;
}

/** Appendix E letter values: A–I → 1–9, J–R → 1–9, S–Z → 2–9. */
function charValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const k = code - 65; // A = 0
  if (k < 9) return k + 1;
  if (k < 18) return k - 8;
  return k - 16;
}

/** Check digit of a 10-character base (filer code + transaction number): Luhn from the left, even positions doubled. */
export function checkDigit(base10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const v = charValue(base10.charCodeAt(i));
    if (i % 2 === 1) {
      const twice = v * 2;
      sum += twice > 9 ? twice - 9 : twice;
    } else {
      sum += v;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the 11th character of a normalised entry number equals its check digit. */
export function hasValidCheckDigit(entry: string): boolean {
  return entry.charCodeAt(10) - 48 === checkDigit(entry);
}

/** The filer code: the first three characters of an entry number. */
export function filerCode(entry: string): string {
  return entry.slice(0, 3);
}

/** `B76-0324527-8` for display. */
export function formatEntryNumber(entry: string): string {
  return `${entry.slice(0, 3)}-${entry.slice(3, 10)}-${entry.slice(10)}`;
}

/**
 * A normalised entry number as one exact integer (< 2^53): the 3-character filer code in base 36
 * (digits before letters, as in ASCII) times 10^8 plus the 8 digits. Numeric order equals the
 * entry numbers' ASCII order, so sorting codes sorts entry numbers.
 */
export function entryCode(entry: string): number {
  let filer = 0;
  for (let i = 0; i < 3; i++) {
    const c = entry.charCodeAt(i);
    filer = filer * 36 + (c <= 57 ? c - 48 : c - 55);
  }
  return filer * 1e8 + Number(entry.slice(3));
}

/** What entryCodeIn returns for text that is not an entry number. */
export const NOT_AN_ENTRY = -1;

/**
 * The entryCode of cell text s[from .. to) as an export writes it: Excel's `="…"` wrapper
 * unwrapped (unwrapExcelText), then normaliseEntryNumber; NOT_AN_ENTRY when that gives no entry
 * number. Read char by char without making a string: an export may spell one entry's number
 * differently from row to row (`B76-0324527-8`, `="B7603245278"`), so every row's cell is read.
 * Text outside ASCII (where upper-casing may change a letter's length or make an ASCII one) takes
 * the string path, so the result is always exactly that of the string functions.
 */
export function entryCodeIn(s: string, from: number, to: number): number {
  if (
    to - from >= 3 &&
    s.charCodeAt(from) === 61 /* = */ &&
    s.charCodeAt(from + 1) === 34 /* " */ &&
    s.charCodeAt(to - 1) === 34
  ) {
    from += 2;
    to -= 1;
  }
  let filer = 0;
  let digits = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    // '-' and white space are dropped wherever they are (trim, then the dashes and spaces between).
    if (c === 45 || c === 32 || (c >= 9 && c <= 13)) continue;
    if (c > 127) return entryCodeOfString(s.slice(from, to));
    if (c >= 97 && c <= 122) c -= 32;
    const digit = c >= 48 && c <= 57;
    if (n < 3) {
      if (!digit && (c < 65 || c > 90)) return NOT_AN_ENTRY;
      filer = filer * 36 + (digit ? c - 48 : c - 55);
    } else {
      if (!digit || n >= 11) return NOT_AN_ENTRY;
      digits = digits * 10 + (c - 48);
    }
    n++;
  }
  return n === 11 ? filer * 1e8 + digits : NOT_AN_ENTRY;
}

function entryCodeOfString(text: string): number {
  const entry = normaliseEntryNumber(text);
  return entry === null ? NOT_AN_ENTRY : entryCode(entry);
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function entryFromCode(code: number): string {
  let filer = Math.floor(code / 1e8);
  const digits = String(code - filer * 1e8).padStart(8, '0');
  let prefix = '';
  for (let i = 0; i < 3; i++) {
    prefix = BASE36[filer % 36] + prefix;
    filer = Math.floor(filer / 36);
  }
  return prefix + digits;
}

/**
 * Calendar dates as whole days since 1970-01-01 (proleptic Gregorian, no time zone).
 * Integer day numbers make "F − liquidation date" plain subtraction and never
 * depend on the machine's time zone or DST.
 */
export type DayNum = number & { readonly __brand: 'DayNum' };

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

/** Days from civil date (Howard Hinnant's algorithm, exact for all years we meet). */
export function dayFromYmd(y: number, m: number, d: number): DayNum {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as DayNum;
}

export function ymdFromDay(day: DayNum): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: DayNum): number {
  return (((day + 4) % 7) + 7) % 7;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Weekdays (0 = Sunday, ascending) for texts: a run of three or more as "Mon–Thu", others as "Mon, Wed". */
export function formatWeekdays(days: readonly number[]): string {
  const names = days.map((d) => WEEKDAY_NAMES[d]!);
  const run = days.length >= 3 && days.every((d, k) => k === 0 || d === days[k - 1]! + 1);
  return run ? `${names[0]}–${names[names.length - 1]}` : names.join(', ');
}

export function addDays(day: DayNum, n: number): DayNum {
  return (day + n) as DayNum;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const formatted = new Map<number, string>();

/** `YYYY-MM-DD` (memoised: exports format the same few hundred dates hundreds of thousands of times). */
export function formatDay(day: DayNum): string {
  let s = formatted.get(day);
  if (s === undefined) {
    const { y, m, d } = ymdFromDay(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (formatted.size < 100_000) formatted.set(day, s);
  }
  return s;
}

/** `YYYYMMDD`, as used in declaration file names. */
export function formatDayCompact(day: DayNum): string {
  return formatDay(day).replace(/-/g, '');
}

/** Calendar quarter key such as `2025Q3`. */
export function quarterKey(day: DayNum): string {
  const { y, m } = ymdFromDay(day);
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarter after a quarter key: `2026Q4` → `2027Q1`. */
export function nextQuarter(quarter: string): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 4 ? `${y + 1}Q1` : `${y}Q${q + 1}`;
}

/** First day of a quarter key such as `2026Q2`. */
export function quarterStart(quarter: string): DayNum {
  return dayFromYmd(Number(quarter.slice(0, 4)), (Number(quarter.slice(5)) - 1) * 3 + 1, 1);
}

/** Strict `YYYY-MM-DD` (what `<input type=date>` gives); null when not a real date. */
export function parseIsoDay(s: string): DayNum | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function checkedDay(y: number, m: number, d: number): DayNum | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return dayFromYmd(y, m, d);
}

/** Earliest and latest years a trade date may carry; earlier values are spreadsheet artefacts (e.g. 1900-03-20). */
export const MIN_VALID_YEAR = 2000;
export const MAX_VALID_YEAR = 2099;

/**
 * A filing date as a date input gives it: a real `YYYY-MM-DD` within the trade years (a year typed
 * halfway, 0002 or 0202, is not one yet); null otherwise.
 */
export function parseFilingDate(s: string): DayNum | null {
  const day = parseIsoDay(s);
  const year = Number(s.slice(0, 4));
  return day !== null && year >= MIN_VALID_YEAR && year <= MAX_VALID_YEAR ? day : null;
}

export type DateCell = DayNum | 'blank' | 'invalid';

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z)?)?$/;

/**
 * A date cell of an ES-003 export: `MM/DD/YYYY`, `M/D/YYYY`, `YYYY-MM-DD`,
 * `YYYY/MM/DD HH:MM:SS` (a time part is accepted and ignored). Dates before 2000 are invalid.
 */
export function parseDateCell(raw: string): DateCell {
  const s = raw.trim();
  if (s === '') return 'blank';
  let y: number;
  let mo: number;
  let d: number;
  let m = ISO_DATE.exec(s);
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = US_DATE.exec(s);
    if (!m) return 'invalid';
    mo = Number(m[1]);
    d = Number(m[2]);
    y = Number(m[3]);
  }
  if (y < MIN_VALID_YEAR || y > MAX_VALID_YEAR) return 'invalid';
  return checkedDay(y, mo, d) ?? 'invalid';
}

/** ASCII white space, which String.prototype.trim removes too. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * parseDateCell of s[from .. to) for the forms exports write — M/D/YYYY (MM/DD/YYYY) and
 * YYYY-MM-DD without a time part, ASCII white space around — read in place; null for any other
 * text (parseDateCell reads it). An ES-003 has two or three dates on every entry's rows.
 */
export function parseDateIn(s: string, from: number, to: number): DateCell | null {
  while (from < to && isAsciiSpace(s.charCodeAt(from))) from++;
  while (to > from && isAsciiSpace(s.charCodeAt(to - 1))) to--;
  if (from === to) return 'blank';
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let len0 = 0;
  let len1 = 0;
  let len2 = 0;
  let group = 0;
  let slashes = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const v = c - 48;
      if (group === 0) {
        g0 = g0 * 10 + v;
        len0++;
      } else if (group === 1) {
        g1 = g1 * 10 + v;
        len1++;
      } else {
        g2 = g2 * 10 + v;
        len2++;
      }
    } else if ((c === 47 /* / */ || c === 45) /* - */ && group < 2) {
      if (c === 47) slashes++;
      group++;
    } else return null;
  }
  if (group !== 2) return null;
  let y: number;
  let m: number;
  let d: number;
  if (len0 === 4 && len1 >= 1 && len1 <= 2 && len2 >= 1 && len2 <= 2) {
    y = g0;
    m = g1;
    d = g2;
  } else if (slashes === 2 && len0 >= 1 && len0 <= 2 && len1 >= 1 && len1 <= 2 && len2 === 4) {
    m = g0;
    d = g1;
    y = g2;
  } else return null;
  if (y < MIN_VALID_YEAR || y > MAX_VALID_YEAR) return 'invalid';
  return checkedDay(y, m, d) ?? 'invalid';
}

/** Day number of an Excel 1900-system serial (whole days; the fraction is a time of day). */
export function dayFromExcelSerial(serial: number): DateCell {
  if (!Number.isFinite(serial)) return 'invalid';
  // Serial 25569 is 1970-01-01; Excel's fictitious 1900-02-29 lies far before any valid date.
  const day = Math.floor(serial) - 25569;
  const { y } = ymdFromDay(day as DayNum);
  if (y < MIN_VALID_YEAR || y > MAX_VALID_YEAR) return 'invalid';
  return day as DayNum;
}

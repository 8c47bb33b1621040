/**
 * Correctness gates of the benchmark: a timing counts only when the app read the file right. Each
 * gate returns a list of failures (empty = pass); money is compared as exact integer cents.
 */
import type { Expected } from './generate';

export interface EntriesCsvFacts {
  entries: number;
  /** Sum of ieepa_duty + other_duty over all entries, integer cents. */
  dutyCents: number;
  /** Sum of refund over READY entries, integer cents (what total-refund shows without DEFERRED). */
  readyRefundCents: number;
  replacementChars: number;
  sorted: boolean;
}

const HEADER =
  'entry_number,importer_number,entry_type,entry_date,segment,reasons,ieepa_duty,other_duty,interest,refund,projected_date,payment_group';
const MONEY = /^(-?)(\d+)\.(\d\d)$/;

/** "-1234.56" → -123456, exactly (no floating point). */
export function cents(text: string): number {
  const m = MONEY.exec(text);
  if (!m) throw new Error(`not a two-decimal amount: "${text}"`);
  const abs = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '-' ? -abs : abs;
}

/** Split one CSV line into cells (quoted cells may hold commas and doubled quotes). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) throw new Error(`unterminated quote in: ${line}`);
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      cells.push(value);
      i = j + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

export function readEntriesCsv(bytes: Buffer): EntriesCsvFacts {
  const text = bytes.toString('utf8');
  const lines = text.split('\r\n');
  if (lines[0] !== HEADER) throw new Error(`entries CSV header is "${lines[0]}"`);
  if (lines[lines.length - 1] !== '') throw new Error('entries CSV does not end with CRLF');
  let dutyCents = 0;
  let readyRefundCents = 0;
  let sorted = true;
  let previous = '';
  for (let k = 1; k < lines.length - 1; k++) {
    const c = cellsOf(lines[k]!);
    if (c.length !== 12) throw new Error(`entries CSV line ${k + 1} has ${c.length} cells`);
    const entry = c[0]!;
    if (entry <= previous) sorted = false;
    previous = entry;
    dutyCents += cents(c[6]!) + cents(c[7]!);
    if (c[4] === 'READY') readyRefundCents += cents(c[9]!);
  }
  return {
    entries: lines.length - 2,
    dutyCents,
    readyRefundCents,
    replacementChars: text.split('\uFFFD').length - 1,
    sorted,
  };
}

export interface AppCounts {
  rows: number;
  entries: number;
  duplicateRows: number;
  conflictingRows: number;
  problems: number;
  summaryRows: number;
}

export function countGates(app: AppCounts, e: Expected): string[] {
  const fails: string[] = [];
  const check = (name: string, got: number, want: number) => {
    if (got !== want) fails.push(`${name}: app ${got}, expected ${want}`);
  };
  check('rows', app.rows, e.rows);
  check('entries', app.entries, e.entries);
  check('repeated rows', app.duplicateRows, e.duplicateRows);
  check('conflicting rows', app.conflictingRows, e.conflictingRows);
  check('row problems', app.problems, e.problemRows);
  check('totals rows skipped', app.summaryRows, e.summaryRows);
  return fails;
}

export function csvGates(csv: EntriesCsvFacts, e: Expected, totalRefundText: string): string[] {
  const fails: string[] = [];
  if (csv.entries !== e.entries) fails.push(`entries CSV rows: ${csv.entries}, expected ${e.entries}`);
  if (csv.dutyCents !== e.dutyCents) fails.push(`duty checksum: ${csv.dutyCents} cents, expected ${e.dutyCents}`);
  if (csv.replacementChars > 0) fails.push(`entries CSV holds ${csv.replacementChars} U+FFFD`);
  if (!csv.sorted) fails.push('entries CSV is not sorted by entry number without repeats');
  const shown = cents(totalRefundText.replace(/,/g, ''));
  if (csv.readyRefundCents !== shown)
    fails.push(`total-refund shows ${shown} cents, the downloaded CSV sums READY refunds to ${csv.readyRefundCents}`);
  return fails;
}

/** Every distinct text the app stored (IOR numbers and names, types, ports…) must be clean. */
export function storedTextGates(strings: readonly string[], e: Expected): string[] {
  const fails: string[] = [];
  const broken = strings.filter((s) => s.includes('\uFFFD'));
  if (broken.length > 0) fails.push(`${broken.length} stored texts hold U+FFFD, e.g. "${broken[0]}"`);
  for (const name of e.importerNames) if (!strings.includes(name)) fails.push(`importer name "${name}" not stored`);
  const foreign = strings.filter((s) => /[^\x20-\x7e]/.test(s) && !e.importerNames.includes(s));
  if (foreign.length > 0) fails.push(`unexpected non-ASCII texts stored, e.g. "${foreign[0]}"`);
  return fails;
}

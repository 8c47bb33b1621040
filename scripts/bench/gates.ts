/**
 * Correctness gates of the benchmark: a timing counts only when the app read the file right. Each
 * gate returns a list of failures (empty = pass); money is compared as exact integer cents.
 */
import { ENTRIES_CSV_COLUMNS, entriesCsvHeader } from '../../src/core/entries-csv';
import type { Expected, LifecycleExpected } from './generate';

export interface EntriesCsvFacts {
  entries: number;
  /** Sum of ieepa_duty + other_duty over all entries, integer cents. */
  dutyCents: number;
  /**
   * Sum of refund over READY entries not filed (NOT_FILED or REJECTED), integer cents: what
   * total-refund shows without DEFERRED (SPEC §9).
   */
  readyRefundCents: number;
  /** Entries per filing_status. */
  byStatus: Record<string, number>;
  replacementChars: number;
  sorted: boolean;
}

const HEADER = entriesCsvHeader();
const COLUMN = Object.fromEntries(ENTRIES_CSV_COLUMNS.map((c, k) => [c, k])) as Record<
  (typeof ENTRIES_CSV_COLUMNS)[number],
  number
>;
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
  const byStatus: Record<string, number> = {};
  let sorted = true;
  let previous = '';
  for (let k = 1; k < lines.length - 1; k++) {
    const c = cellsOf(lines[k]!);
    if (c.length !== ENTRIES_CSV_COLUMNS.length) throw new Error(`entries CSV line ${k + 1} has ${c.length} cells`);
    const entry = c[COLUMN.entry_number]!;
    if (entry <= previous) sorted = false;
    previous = entry;
    dutyCents += cents(c[COLUMN.ieepa_duty]!) + cents(c[COLUMN.other_duty]!);
    const status = c[COLUMN.filing_status]!;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (c[COLUMN.segment] === 'READY' && (status === 'NOT_FILED' || status === 'REJECTED'))
      readyRefundCents += cents(c[COLUMN.refund]!);
  }
  return {
    entries: lines.length - 2,
    dutyCents,
    readyRefundCents,
    byStatus,
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
  const shown = cents(totalRefundText.replace(/[$,]/g, ''));
  if (csv.readyRefundCents !== shown)
    fails.push(
      `total-refund shows ${shown} cents, the downloaded CSV sums READY refunds not filed to ${csv.readyRefundCents}`,
    );
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

/** After the results and payment files: every entry on the results file has a filing status, each kind occurs. */
export function lifecycleGates(csv: EntriesCsvFacts, e: LifecycleExpected): string[] {
  const fails: string[] = [];
  const followed = csv.entries - (csv.byStatus.NOT_FILED ?? 0);
  if (followed !== e.filedOrRejected)
    fails.push(`entries with a filing status: ${followed}, expected ${e.filedOrRejected} (the results file's entries)`);
  for (const status of ['ACCEPTED', 'REJECTED', 'PAID', 'PAYMENT_RETURNED'])
    if (!(csv.byStatus[status] ?? 0)) fails.push(`no entry is ${status}`);
  return fails;
}

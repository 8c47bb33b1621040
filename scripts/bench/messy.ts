/**
 * The messy export of the benchmark: the same generated rows written the way users' ES-003 files
 * look (SPEC §2, engineering.md): title lines above the header, money as `$27,109.00` (quoted in a
 * CSV because of the comma), M/D/YYYY dates, each entry's number spelt differently from row to row
 * (`B7610000013`, `B76-1000001-3`, `="B7610000013"`), importer names with commas (quoted), and a
 * trailing Total row. Only the text changes: the amounts and counts the gates check are the
 * generator's own.
 */
import { SAMPLE_HEADERS } from '../../src/core/sample-es003';

const COL_ENTRY = SAMPLE_HEADERS.indexOf('Entry Summary Number');
const COL_DUTY = SAMPLE_HEADERS.indexOf('Line Tariff Duty Amount');
const COL_VALUE = SAMPLE_HEADERS.indexOf('Line Tariff Goods Value Amount');
export const MONEY_COLUMNS: ReadonlySet<number> = new Set([COL_DUTY, COL_VALUE]);
const DATE_COLUMNS = new Set(
  (['Entry Date', 'Entry Summary Date', 'Liquidation Date'] as const).map((h) => SAMPLE_HEADERS.indexOf(h)),
);

/** Lines above the header, as a Cognos report puts them (one holds a quoted comma). */
export const TITLE_LINES: readonly (readonly string[])[] = [
  ['Entry Summary Line Tariff Details (ES-003)'],
  ['Report run: 11/26/2026 08:14:03 AM, Filer: all'],
  [],
];

/** Share of rows whose entry number is written dashed, and wrapped as `="…"`; the rest are plain. */
const DASHED_SHARE = 0.3;
const WRAPPED_SHARE = 0.2;

/** `1234567.5` style cents text → `$1,234,567.50`; anything else (N/A) unchanged. */
export function dollars(plain: string): string {
  const m = /^(-?)(\d+)\.(\d\d)$/.exec(plain);
  if (!m) return plain;
  return `${m[1]}$${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${m[3]}`;
}

/** `03/04/2025` → `3/4/2025`. */
function unpadded(date: string): string {
  return date.replace(/(^|\/)0(\d)/g, '$1$2');
}

/** A seeded choice of spelling per row (xorshift: cheap, deterministic). */
export class Spellings {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }

  entry(plain: string): string {
    const r = this.next();
    if (r < DASHED_SHARE) return `${plain.slice(0, 3)}-${plain.slice(3, 10)}-${plain.slice(10)}`;
    if (r < DASHED_SHARE + WRAPPED_SHARE) return `="${plain}"`;
    return plain;
  }
}

/** The cells of a generated row as the messy export writes them (text; the writer quotes). */
export function messyCells(cells: readonly string[], spell: Spellings, moneyAsText: boolean): string[] {
  return cells.map((c, k) => {
    if (k === COL_ENTRY) return spell.entry(c);
    if (moneyAsText && MONEY_COLUMNS.has(k)) return dollars(c);
    if (DATE_COLUMNS.has(k) && c !== '') return unpadded(c);
    return c;
  });
}

/** The trailing Total row: the label in the entry column and the duty total (`duty`, written as the rows are). */
export function totalRow(duty: string): string[] {
  const cells: string[] = SAMPLE_HEADERS.map(() => '');
  cells[COL_ENTRY] = 'Total';
  cells[COL_DUTY] = duty;
  return cells;
}

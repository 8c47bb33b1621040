/**
 * Independent arithmetic for the browser tests' expectations: plain loops over calendar days with
 * decimal.js, sharing no code with the app (SPEC §4 interest, dates as UTC calendar days).
 */
import Decimal from 'decimal.js';

import { naiveInterest, november2026Rates, plus } from '../factories/interest-oracle';

export { plus };

/** Independent daily compounding (SPEC §4) at the rates of November 2026 (corporate unless said). */
export function interest(
  principal: string,
  depositIso: string,
  endIso: string,
  rate: (quarter: string) => string = november2026Rates('corporate'),
): string {
  return naiveInterest(principal, depositIso, endIso, rate);
}
export const minus = (a: string, b: string): string => new Decimal(a).minus(b).toFixed(2);

/** "$1,234.56" (as the screens show amounts) from "1234.56". */
export function usd(amount: string): string {
  const [whole, cents] = amount.replace('-', '').split('.');
  return `${amount.startsWith('-') ? '−' : ''}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** `iso` + n calendar days. */
export function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The cells of one line of an entries CSV (quoted cells unquoted). */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * SPEC §9 total-refund from an entries CSV: the refunds of the entries that would go into new
 * declarations — READY and not filed (NOT_FILED or REJECTED).
 */
export function toDeclareTotal(csv: string): string {
  const [head, ...lines] = csv.trimEnd().split('\r\n');
  const col = csvCells(head!);
  const seg = col.indexOf('segment');
  const refund = col.indexOf('refund');
  const status = col.indexOf('filing_status');
  return lines
    .map(csvCells)
    .filter((c) => c[seg] === 'READY' && (c[status] === 'NOT_FILED' || c[status] === 'REJECTED'))
    .reduce((t, c) => plus(t, c[refund]!), '0.00');
}

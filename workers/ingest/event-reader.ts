/**
 * Turns the parsed rows of a file CBP gives back after filing (SPEC §10) — a CAPE results file or a
 * refund/payment file — into event pages: each row's entry, date, outcome, amount and texts, read with
 * src/core's parsers. Row problems list row, column and value; totals and blank rows are skipped and
 * counted, as in ES-003 files.
 */
import { unwrapExcelText } from '../../src/core/cell-values';
import { type DateCell, type DayNum, parseDateCell } from '../../src/core/dates';
import { entryCode, normaliseEntryNumber } from '../../src/core/entry-number';
import { type ResultVerdict, paymentReturned, resultVerdict } from '../../src/core/filing-status';
import type { LifecycleField, LifecycleMapping } from '../../src/core/lifecycle-headers';
import { parseMoneyCents } from '../../src/core/money';
import { EVENT_OUTCOME, EVENT_PAGE_ROWS, type EventPage, NO_DAY, type RowProblem } from '../store/pages';
import { MAX_LISTED_PROBLEMS, PROBLEM, type ReaderCounts, SUMMARY_ROW } from './row-reader';
import { type Rows, asRows } from './rows';

/** A results row whose status says neither accepted nor rejected (SPEC §10: a row problem; the row is left out). */
export const UNKNOWN_RESULT_STATUS =
  'Status is neither accepted nor rejected (expected e.g. Accepted, Updated, Rejected or Failed, or an error description): the row is left out.';

/** What the rows of one file said, for its import report. */
export interface EventCounts {
  accepted: number;
  rejected: number;
  paid: number;
  returned: number;
  /** Sum of the amounts read (amount + interest), cents. */
  cents: number;
}

function cell(rows: Rows, r: number, c: number | undefined): string {
  if (c === undefined) return '';
  const raw = rows.cell(r, c);
  return raw === undefined ? '' : unwrapExcelText(raw).trim();
}

export class EventReader {
  readonly counts: ReaderCounts = { rows: 0, summaryRows: 0, blankRows: 0, droppedRows: 0, problemRows: 0 };
  readonly outcomes: EventCounts = { accepted: 0, rejected: 0, paid: 0, returned: 0, cents: 0 };
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  private readonly entries = new Set<number>();
  private readonly col: Partial<Record<LifecycleField, number>>;
  private readonly pages: EventPage[] = [];
  private page: EventPage;
  private dictIndex = new Map<string, number>();
  private rowBad = false;
  /**
   * A file repeats few dates, statuses and error texts: each is parsed once (at 500,000 rows the
   * unmemoised reader spent about a third of its time re-parsing them).
   */
  private readonly dates = new Map<string, DateCell>();
  private readonly verdicts = new Map<string, ResultVerdict | null>();
  private readonly returns = new Map<string, boolean>();

  constructor(
    private readonly fileId: number,
    private readonly headers: readonly string[],
    private readonly mapping: LifecycleMapping,
  ) {
    this.col = mapping.columns;
    this.page = this.newPage(0);
  }

  get entryCount(): number {
    return this.entries.size;
  }

  private newPage(no: number): EventPage {
    this.dictIndex = new Map();
    return {
      fileId: this.fileId,
      page: no,
      count: 0,
      entry: new Float64Array(EVENT_PAGE_ROWS),
      day: new Int32Array(EVENT_PAGE_ROWS),
      outcome: new Uint8Array(EVENT_PAGE_ROWS),
      cents: new Float64Array(EVENT_PAGE_ROWS),
      text: new Int32Array(EVENT_PAGE_ROWS),
      claim: new Int32Array(EVENT_PAGE_ROWS),
      sourceRow: new Int32Array(EVENT_PAGE_ROWS),
      dict: [],
    };
  }

  private problem(row: number, field: LifecycleField, value: string, message: string): void {
    this.rowBad = true;
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) {
      const index = this.col[field];
      this.problems.push({ row, column: index === undefined ? field : (this.headers[index] ?? field), value, message });
    }
  }

  private text(s: string): number {
    if (s === '') return -1;
    let id = this.dictIndex.get(s);
    if (id === undefined) {
      id = this.page.dict.length;
      this.page.dict.push(s);
      this.dictIndex.set(s, id);
    }
    return id;
  }

  private date(rows: Rows, r: number, rowNo: number, field: LifecycleField): number {
    const value = cell(rows, r, this.col[field]);
    let d = this.dates.get(value);
    if (d === undefined) this.dates.set(value, (d = parseDateCell(value)));
    if (d === 'blank') return NO_DAY;
    if (d === 'invalid') {
      this.problem(rowNo, field, value, PROBLEM.badDate);
      return NO_DAY;
    }
    return d as DayNum;
  }

  private money(rows: Rows, r: number, rowNo: number, field: LifecycleField): number {
    const value = cell(rows, r, this.col[field]);
    const m = parseMoneyCents(value);
    if (m === 'blank') return 0;
    if (m === 'invalid') {
      this.problem(rowNo, field, value, PROBLEM.badAmount);
      return 0;
    }
    return m;
  }

  /** Read parsed rows; `firstRow` is the spreadsheet row number of rows[0]. */
  read(batch: Rows | readonly (readonly string[])[], firstRow: number): void {
    const rows = asRows(batch);
    const cEntry = this.col.entry_number!;
    const results = this.mapping.kind === 'results';
    for (let r = 0; r < rows.length; r++) {
      const rowNo = firstRow + r;
      this.rowBad = false;
      const entryText = cell(rows, r, cEntry);
      if (entryText === '' || SUMMARY_ROW.test(entryText)) {
        if (rows.blank(r)) this.counts.blankRows++;
        else this.counts.summaryRows++;
        continue;
      }
      const entry = normaliseEntryNumber(entryText);
      if (entry === null) {
        this.problem(rowNo, 'entry_number', rows.cell(r, cEntry) ?? '', PROBLEM.badEntryNumber);
        this.counts.droppedRows++;
        this.counts.problemRows++;
        continue;
      }
      let outcome: number;
      let cents = 0;
      let text: string;
      let claim = '';
      let day: number;
      if (results) {
        const status = cell(rows, r, this.col.cape_status);
        text = cell(rows, r, this.col.error_description);
        const key = `${status}\u0000${text}`;
        let verdict = this.verdicts.get(key);
        if (verdict === undefined) this.verdicts.set(key, (verdict = resultVerdict(status, text)));
        if (verdict === null) {
          this.problem(rowNo, 'cape_status', status, UNKNOWN_RESULT_STATUS);
          this.counts.problemRows++;
          continue;
        }
        outcome = verdict === 'ACCEPTED' ? EVENT_OUTCOME.accepted : EVENT_OUTCOME.rejected;
        if (verdict === 'ACCEPTED') this.outcomes.accepted++;
        else this.outcomes.rejected++;
        claim = cell(rows, r, this.col.claim_number);
        day = this.date(rows, r, rowNo, 'result_date');
      } else {
        text = cell(rows, r, this.col.payment_status);
        let returned = this.returns.get(text);
        if (returned === undefined) this.returns.set(text, (returned = paymentReturned(text)));
        outcome = returned ? EVENT_OUTCOME.returned : EVENT_OUTCOME.paid;
        if (returned) this.outcomes.returned++;
        else this.outcomes.paid++;
        cents = this.money(rows, r, rowNo, 'refund_amount') + this.money(rows, r, rowNo, 'refund_interest');
        this.outcomes.cents += cents;
        day = this.date(rows, r, rowNo, 'payment_date');
      }
      const code = entryCode(entry);
      this.entries.add(code);
      const p = this.page;
      const k = p.count++;
      p.entry[k] = code;
      p.day[k] = day;
      p.outcome[k] = outcome;
      p.cents[k] = cents;
      p.text[k] = this.text(text);
      p.claim[k] = this.text(claim);
      p.sourceRow[k] = rowNo;
      this.counts.rows++;
      if (this.rowBad) this.counts.problemRows++;
      if (p.count === EVENT_PAGE_ROWS) {
        this.pages.push(p);
        this.page = this.newPage(p.page + 1);
      }
    }
  }

  /** Every page read, the last one trimmed to its rows. */
  finish(): EventPage[] {
    const p = this.page;
    if (p.count > 0) {
      const n = p.count;
      this.pages.push({
        ...p,
        entry: p.entry.slice(0, n),
        day: p.day.slice(0, n),
        outcome: p.outcome.slice(0, n),
        cents: p.cents.slice(0, n),
        text: p.text.slice(0, n),
        claim: p.claim.slice(0, n),
        sourceRow: p.sourceRow.slice(0, n),
      });
      this.page = this.newPage(p.page + 1);
    }
    return this.pages;
  }
}

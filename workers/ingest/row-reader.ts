/**
 * Turns parsed CSV/XLSX rows into stored columns: normalises every cell with src/core, lists row
 * problems with row, column and value, skips totals and blank rows, and gathers entry attributes.
 */
import { htsDigits, unwrapExcelText } from '../../src/core/cell-values';
import { type DateCell, parseDateCell, parseDateIn } from '../../src/core/dates';
import { type AttributeOfKind, type AttributeRow, attributeOf, flagParser } from '../../src/core/entry-attributes';
import { NOT_AN_ENTRY, entryCodeIn } from '../../src/core/entry-number';
import { type ColumnMapping, type Field, type FileKind, normaliseHeader } from '../../src/core/header-mapping';
import { type MoneyCell, parseMoneyCentsIn } from '../../src/core/money';
import { AttrAccumulator } from './attr-accumulator';
import { IeepaColumn } from './ieepa-column';
import { RowPageBuilder } from './row-page-builder';
import { type Rows, asRows } from './rows';
import type { RowPage, RowProblem } from '../store/pages';

/** Row problems kept per file; beyond this only the count grows (a broken file can have one per row). */
export const MAX_LISTED_PROBLEMS = 100_000;

/** An entry-number cell that starts a totals row (skipped and counted, not a problem). */
export const SUMMARY_ROW = /^(grand\s+)?(sub)?totals?\b|^(sum|count|records?)\b/i;

/** Row problem messages (SPEC §2), as the problems CSV shows them. */
export const PROBLEM = {
  badAmount: 'Unparseable amount (expected e.g. 1234.56, $1,234.56 or (1,234.56)).',
  badDate: 'Unparseable date (expected MM/DD/YYYY or YYYY-MM-DD; years before 2000 are invalid).',
  badEntryNumber:
    'Entry number is not 11 letters/digits (3-character filer code + 7 digits + check digit); the row cannot be attached to an entry and is left out.',
  shortRow: (width: number, of: number): string => `Row has only ${width} of ${of} columns (is the file cut short?).`,
} as const;

export interface ReaderCounts {
  /** Data rows stored (including rows with problems). */
  rows: number;
  summaryRows: number;
  blankRows: number;
  /** Rows left out because their entry number is malformed. */
  droppedRows: number;
  /** Rows with at least one problem. */
  problemRows: number;
}

/** A mapped column of an entry attribute (entry-attributes.ts); a flag with the parser its header asks for. */
interface EntryColumn {
  field: Field;
  index: number;
  header: string;
  attr: AttributeRow;
  parseFlag: (cell: string) => boolean;
}

const never = (): boolean => false;

function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return '';
  const c = unwrapExcelText(raw);
  return c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32) ? c.trim() : c;
}

/** A money cell, Excel's `="…"` wrapper unwrapped (as unwrapExcelText does), read in place. */
function moneyIn(text: string, from: number, to: number): MoneyCell {
  const wrapped =
    to - from >= 3 &&
    text.charCodeAt(from) === 61 &&
    text.charCodeAt(from + 1) === 34 &&
    text.charCodeAt(to - 1) === 34;
  return wrapped ? parseMoneyCentsIn(text, from + 2, to - 1) : parseMoneyCentsIn(text, from, to);
}

/** A line number or ordinal: -1 when blank or not a whole number. */
function integerCell(rows: Rows, r: number, c: number): number {
  // Plain digits (every line number and ordinal of a real export) need no string, clean-up or pattern.
  const plain = rows.digits(r, c);
  if (plain >= 0) return plain;
  const s = cleanCell(rows.cell(r, c) ?? '');
  if (s === '') return -1;
  return /^\d{1,9}(\.0+)?$/.test(s) ? Math.trunc(Number(s)) : -1;
}

/** Runs of entry columns with adjacent indexes (first and last column index, members as positions in `cols`). */
function columnRuns(cols: readonly EntryColumn[]): { first: number; last: number; members: number[] }[] {
  const order = cols.map((_, k) => k).sort((a, b) => cols[a]!.index - cols[b]!.index);
  const runs: { first: number; last: number; members: number[] }[] = [];
  for (const k of order) {
    const run = runs[runs.length - 1];
    if (run && cols[k]!.index === run.last + 1) {
      run.last++;
      run.members.push(k);
    } else runs.push({ first: cols[k]!.index, last: cols[k]!.index, members: [k] });
  }
  return runs;
}

export class RowReader {
  readonly counts: ReaderCounts = { rows: 0, summaryRows: 0, blankRows: 0, droppedRows: 0, problemRows: 0 };
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  readonly attrs = new AttrAccumulator();
  private readonly pages: RowPageBuilder;
  private readonly col: Partial<Record<Field, number>>;
  private readonly entryColumns: EntryColumn[];
  private readonly cEntry: number;
  /**
   * Per entry column: 1 when its cell was read for the current run of one entry's rows. The cells of
   * such a run are read once and then only when they differ from the row above: equal to the row
   * above means equal to what was last read (every row of a run either read the cell or matched).
   */
  private readonly cellRead: Uint8Array;
  /** Entry columns side by side in the file, as positions in entryColumns: each run is compared with the row above at once. */
  private readonly runs: { first: number; last: number; members: number[] }[];
  /** Per entry column: 1 when its run is the same as in the row above (this row's cells need no look). */
  private readonly unchanged: Uint8Array;
  /** The file's per-line IEEPA duty column, if it has one (ES-003 kind only). */
  private readonly ieepa: IeepaColumn | null;
  private readonly dateMemo = new Map<string, DateCell>();
  private readonly htsMemo = new Map<string, string>();
  /** Whether the row above belongs to the current run of one entry's rows. */
  private inRun = false;
  private prevSlot = -1;
  private prevCode = 0;
  private prevValid = false;
  private rowBad = false;

  constructor(
    fileId: number,
    private readonly headers: readonly string[],
    private readonly mapping: ColumnMapping,
    private readonly kind: FileKind,
  ) {
    this.pages = new RowPageBuilder(fileId);
    this.col = mapping.columns;
    this.entryColumns = [];
    for (const [field, index] of Object.entries(mapping.columns) as [Field, number][]) {
      const attr = attributeOf(field);
      if (!attr) continue;
      const header = headers[index] ?? field;
      const parseFlag = attr.kind === 'flag' ? flagParser(attr, normaliseHeader(header)) : never;
      this.entryColumns.push({ field, index, header, attr, parseFlag });
    }
    this.cEntry = mapping.columns.entry_number!;
    const cIeepa = mapping.columns.ieepa_duty;
    this.ieepa = cIeepa !== undefined && kind === 'es003' ? new IeepaColumn(fileId, headers[cIeepa] ?? '') : null;
    this.cellRead = new Uint8Array(this.entryColumns.length);
    this.unchanged = new Uint8Array(this.entryColumns.length);
    this.runs = columnRuns(this.entryColumns);
  }

  private problem(row: number, field: Field, value: string, message: string): void {
    this.rowBad = true;
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) {
      const index = this.col[field];
      this.problems.push({ row, column: index === undefined ? field : (this.headers[index] ?? field), value, message });
    }
  }

  private date(raw: string): DateCell {
    let d = this.dateMemo.get(raw);
    if (d === undefined) {
      d = parseDateCell(unwrapExcelText(raw));
      this.dateMemo.set(raw, d);
    }
    return d;
  }

  /** Cents of cell c of row r (0 when blank or beyond the row); a row problem when unparseable. */
  private money(rows: Rows, r: number, c: number, row: number, field: Field): number {
    const m = rows.parse(r, c, moneyIn);
    if (m === undefined || m === 'blank') return 0;
    if (m === 'invalid') {
      this.problem(row, field, rows.cell(r, c)!, PROBLEM.badAmount);
      return 0;
    }
    return m;
  }

  /** Read parsed rows; `firstRow` is the spreadsheet row number of rows[0]. Returns full pages to store. */
  read(batch: Rows | readonly (readonly string[])[], firstRow: number): RowPage[] {
    const rows = asRows(batch);
    const full: RowPage[] = [];
    const c = this.col;
    const isLines = this.kind === 'es003';
    // Cells are compared with the row above in this batch only: each batch starts a run afresh and
    // reads its first row's entry cells again, which sets the same values again.
    this.inRun = false;
    for (let r = 0; r < rows.length; r++) {
      const rowNo = firstRow + r;
      if (!this.inRun || !rows.sameAsAbove(r, this.cEntry)) {
        // The same entry spelt differently (`B76-0324527-8`, `="B7603245278"`) goes on with its run:
        // its cells are compared with the row above, not all read again. On the bench's 1M-row messy
        // export (half the rows spelt otherwise than the row above) this and the scanner's Excel
        // quoting took the import from 0.34 to 0.71 of PapaParse's speed.
        const code = rows.parse(r, this.cEntry, entryCodeIn) ?? NOT_AN_ENTRY;
        if (!(this.inRun && this.prevValid && code === this.prevCode)) {
          this.inRun = this.startEntry(rows, r, code);
          if (!this.inRun) continue;
        }
      }
      this.rowBad = false;
      if (!this.prevValid) {
        this.problem(rowNo, 'entry_number', rows.cell(r, this.cEntry) ?? '', PROBLEM.badEntryNumber);
        this.counts.droppedRows++;
        this.counts.problemRows++;
        continue;
      }
      const slot = this.prevSlot;
      if (isLines && rows.width(r) < this.headers.length) this.checkShortRow(rows.width(r), rowNo);
      this.readEntryCells(rows, r, rowNo, slot);
      if (isLines) {
        const rawHts = rows.cell(r, c.hts!) ?? '';
        let hts = this.htsMemo.get(rawHts);
        if (hts === undefined) {
          hts = htsDigits(cleanCell(rawHts));
          this.htsMemo.set(rawHts, hts);
        }
        // A file whose per-line IEEPA duty column stands in for the duty column has no other duty.
        const duty = c.duty === undefined ? 0 : this.money(rows, r, c.duty, rowNo, 'duty');
        const ieepa = this.ieepa === null ? 0 : this.money(rows, r, c.ieepa_duty!, rowNo, 'ieepa_duty');
        const value = this.goodsValue(rows, r, rowNo);
        const line = c.line_number === undefined ? -1 : integerCell(rows, r, c.line_number);
        const ordinal = c.tariff_ordinal === undefined ? -1 : integerCell(rows, r, c.tariff_ordinal);
        this.counts.rows++;
        if (this.ieepa !== null) {
          this.ieepa.saw(hts, duty);
          if (ieepa !== 0 && !this.rowBad) this.ieepa.add(this.prevCode, line, ordinal, hts, ieepa, rowNo);
        }
        const page = this.pages.push(
          this.prevCode,
          line,
          ordinal,
          hts,
          duty,
          this.rowBad ? NaN : value,
          rowNo,
          this.rowBad,
        );
        if (page) full.push(page);
      }
      if (this.rowBad) {
        this.counts.problemRows++;
        this.attrs.markBad(slot);
      }
    }
    return full;
  }

  /**
   * A date cell of entry column k: read in place in the forms exports write (core's parseDateIn),
   * other forms through parseDateCell, memoised by their text.
   */
  private readDay(rows: Rows, r: number, k: number, rowNo: number, slot: number): void {
    const ec = this.entryColumns[k]!;
    const a = ec.attr as AttributeOfKind<'day'>;
    // undefined: no such cell (a short row); null: a form parseDateIn leaves to parseDateCell.
    const inPlace = rows.parse(r, ec.index, parseDateIn);
    const d =
      inPlace === undefined ? 'blank' : inPlace === null ? this.date(cleanCell(rows.cell(r, ec.index))) : inPlace;
    if (d === 'invalid') {
      this.problem(rowNo, ec.field, rows.cell(r, ec.index) ?? '', PROBLEM.badDate);
      // Read it again on the next row, so every row with the bad date is reported.
      this.cellRead[k] = 0;
    } else if (d !== 'blank') this.attrs.setDay(a.column, slot, d);
  }

  /** Goods value cents of row r; NaN when the column or the cell is blank. */
  private goodsValue(rows: Rows, r: number, rowNo: number): number {
    const c = this.col.goods_value;
    if (c === undefined) return NaN;
    const m = rows.parse(r, c, moneyIn);
    if (m === undefined) return NaN;
    // Only a cell blank after cleaning is "no value"; one of other white space (no-break) is $0.00.
    if (m === 'blank') return cleanCell(rows.cell(r, c)) === '' ? NaN : 0;
    if (m === 'invalid') {
      this.problem(rowNo, 'goods_value', rows.cell(r, c)!, PROBLEM.badAmount);
      return 0;
    }
    return m;
  }

  /**
   * Row r, whose entry cell reads as `code`, starts a new run of an entry's rows; false when it is a
   * totals or blank row (skipped, counted).
   */
  private startEntry(rows: Rows, r: number, code: number): boolean {
    if (code === NOT_AN_ENTRY) {
      const entryText = cleanCell(rows.cell(r, this.cEntry));
      if (entryText === '' || SUMMARY_ROW.test(entryText)) {
        if (rows.blank(r)) this.counts.blankRows++;
        else this.counts.summaryRows++;
        return false;
      }
    }
    this.prevValid = code !== NOT_AN_ENTRY;
    if (this.prevValid) {
      this.prevCode = code;
      this.prevSlot = this.attrs.slot(code);
    }
    this.cellRead.fill(0);
    return true;
  }

  private checkShortRow(width: number, rowNo: number): void {
    for (const f of ['hts', 'duty', 'entry_date'] as const) {
      const i = this.col[f];
      if (i !== undefined && i >= width) {
        this.problem(rowNo, f, '', PROBLEM.shortRow(width, this.headers.length));
        return;
      }
    }
  }

  /** Mark the entry columns whose whole run of cells was read and is the same as in the row above. */
  private markUnchanged(rows: Rows, r: number): void {
    for (const run of this.runs) {
      let read = 1;
      for (const k of run.members) read &= this.cellRead[k]!;
      const same = read === 1 && rows.spanSameAsAbove(r, run.first, run.last) ? 1 : 0;
      for (const k of run.members) this.unchanged[k] = same;
    }
  }

  /** The entry-level cells of row r; a cell equal to the one last read for this entry run is skipped. */
  private readEntryCells(rows: Rows, r: number, rowNo: number, slot: number): void {
    const cols = this.entryColumns;
    this.markUnchanged(rows, r);
    for (let k = 0; k < cols.length; k++) {
      const ec = cols[k]!;
      if (this.unchanged[k] || (this.cellRead[k] && rows.sameAsAbove(r, ec.index))) continue;
      this.cellRead[k] = 1;
      const a = ec.attr;
      if (a.kind === 'day') {
        this.readDay(rows, r, k, rowNo, slot);
        continue;
      }
      const value = cleanCell(rows.cell(r, ec.index));
      switch (a.kind) {
        case 'text':
          if (value !== '') this.attrs.setText(a.column, slot, a.parse(value));
          break;
        case 'flag':
          if (value !== '') this.attrs.setFlag(a.bit, slot, ec.parseFlag(value));
          break;
        case 'code': {
          if (value === '') break;
          // A value parsed to the absent code (unrecognised status text) says nothing, so another file's value stands.
          const code = a.parse(value);
          if (code !== a.absent) this.attrs.setCode(a.column, slot, (a.codes as readonly string[]).indexOf(code));
          break;
        }
      }
    }
  }

  /** The pages not yet handed out: the last partial one, and the IEEPA duty column's rows when it is used. */
  finish(): RowPage[] {
    const last = this.pages.flush();
    const pages = last ? [last] : [];
    if (this.ieepa) pages.push(...this.ieepa.finish(this.pages.taken));
    return pages;
  }

  /** The file's per-line IEEPA duty column and whether it gave the IEEPA duty (after finish). */
  ieepaColumn(): { header: string; used: boolean } | null {
    return this.ieepa && { header: this.ieepa.header, used: this.ieepa.used };
  }
}

/**
 * Turns parsed CSV/XLSX rows into stored columns: normalises every cell with src/core, lists row
 * problems with row, column and value, skips totals and blank rows, and gathers entry attributes.
 */
import { type LiquidationStatus, htsDigits, isOpenProtest, normaliseEntryType, parseFlag, parseLiquidationStatus, parsePresence, parseSummaryStatus, unwrapExcelText } from '../../src/core/cell-values';
import { type DateCell, parseDateCell } from '../../src/core/dates';
import { entryCode, normaliseEntryNumber } from '../../src/core/entry-number';
import type { ColumnMapping, Field, FileKind } from '../../src/core/header-mapping';
import { type MoneyCell, parseMoneyCents } from '../../src/core/money';
import { AttrAccumulator, type DayAttr, type TextAttr } from './attr-accumulator';
import { RowPageBuilder } from './row-page-builder';
import { FLAG, LIQ_STATUS_CODES, type RowPage, type RowProblem, SUMMARY_STATUS_CODES } from '../store/pages';

/** Row problems kept per file; beyond this only the count grows (a broken file can have one per row). */
export const MAX_LISTED_PROBLEMS = 100_000;

const SUMMARY_ROW = /^(grand\s+)?(sub)?totals?\b|^(sum|count|records?)\b/i;

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

type CellKind = { kind: 'text'; attr: TextAttr } | { kind: 'day'; attr: DayAttr } | { kind: 'flag'; bit: number; parse: (s: string) => boolean } | { kind: 'liq' } | { kind: 'summary' };

const ENTRY_CELLS: Partial<Record<Field, CellKind>> = {
  importer_number: { kind: 'text', attr: 'importer' },
  importer_name: { kind: 'text', attr: 'importerName' },
  entry_type: { kind: 'text', attr: 'entryType' },
  country_of_origin: { kind: 'text', attr: 'country' },
  port: { kind: 'text', attr: 'port' },
  entry_date: { kind: 'day', attr: 'entryDate' },
  entry_summary_date: { kind: 'day', attr: 'summaryDate' },
  liquidation_date: { kind: 'day', attr: 'liqDate' },
  liquidation_status: { kind: 'liq' },
  summary_status: { kind: 'summary' },
  reconciliation_flag: { kind: 'flag', bit: FLAG.recon, parse: parseFlag },
  recon_09_filed: { kind: 'flag', bit: FLAG.recon09, parse: parseFlag },
  drawback_flag: { kind: 'flag', bit: FLAG.drawback, parse: parseFlag },
  protest_status: { kind: 'flag', bit: FLAG.openProtest, parse: isOpenProtest },
  surety_paid: { kind: 'flag', bit: FLAG.surety, parse: parseFlag },
  adcvd_flag: { kind: 'flag', bit: FLAG.adcvd, parse: parseFlag },
};

interface EntryColumn {
  field: Field;
  index: number;
  header: string;
  cell: CellKind;
}

function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return '';
  const c = unwrapExcelText(raw);
  return c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32) ? c.trim() : c;
}

function parseInteger(raw: string): number {
  const s = cleanCell(raw);
  if (s === '') return -1;
  return /^\d{1,9}(\.0+)?$/.test(s) ? Math.trunc(Number(s)) : -1;
}

export class RowReader {
  readonly counts: ReaderCounts = { rows: 0, summaryRows: 0, blankRows: 0, droppedRows: 0, problemRows: 0 };
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  readonly attrs = new AttrAccumulator();
  private readonly pages: RowPageBuilder;
  private readonly col: Partial<Record<Field, number>>;
  private readonly entryColumns: EntryColumn[];
  private readonly prevRaw: string[];
  private readonly dateMemo = new Map<string, DateCell>();
  private readonly htsMemo = new Map<string, string>();
  private prevEntryRaw: string | null = null;
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
      let cell = ENTRY_CELLS[field];
      if (!cell) continue;
      if (field === 'adcvd_flag' && mapping.adcvdIsCaseNumber) cell = { kind: 'flag', bit: FLAG.adcvd, parse: parsePresence };
      this.entryColumns.push({ field, index, header: headers[index] ?? field, cell });
    }
    this.prevRaw = this.entryColumns.map(() => '\u0000');
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

  private money(row: number, field: Field, raw: string | undefined): number {
    if (raw === undefined) return 0;
    const m: MoneyCell = parseMoneyCents(unwrapExcelText(raw));
    if (m === 'blank') return 0;
    if (m === 'invalid') {
      this.problem(row, field, raw, 'Unparseable amount (expected e.g. 1234.56, $1,234.56 or (1,234.56)).');
      return 0;
    }
    return m;
  }

  /** Read parsed rows; `firstRow` is the spreadsheet row number of rows[0]. Returns full pages to store. */
  read(rows: readonly (readonly string[])[], firstRow: number): RowPage[] {
    const full: RowPage[] = [];
    const c = this.col;
    const cEntry = c.entry_number!;
    const isLines = this.kind === 'es003';
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const rowNo = firstRow + r;
      const rawEntry = row[cEntry];
      if (rawEntry !== this.prevEntryRaw || rawEntry === undefined) {
        const entryText = cleanCell(rawEntry);
        if (entryText === '' || SUMMARY_ROW.test(entryText)) {
          if (row.every((cell) => cell.trim() === '')) this.counts.blankRows++;
          else this.counts.summaryRows++;
          this.prevEntryRaw = null;
          continue;
        }
        const normalised = normaliseEntryNumber(entryText);
        this.prevEntryRaw = rawEntry ?? null;
        this.prevValid = normalised !== null;
        if (normalised !== null) {
          this.prevCode = entryCode(normalised);
          this.prevSlot = this.attrs.slot(this.prevCode);
        }
        this.prevRaw.fill('\u0000');
      }
      this.rowBad = false;
      if (!this.prevValid) {
        this.problem(rowNo, 'entry_number', rawEntry ?? '', 'Entry number is not 11 letters/digits (3-character filer code + 7 digits + check digit); the row cannot be attached to an entry and is left out.');
        this.counts.droppedRows++;
        this.counts.problemRows++;
        continue;
      }
      const slot = this.prevSlot;
      if (isLines && row.length < this.headers.length) this.checkShortRow(row, rowNo);
      this.readEntryCells(row, rowNo, slot);
      if (isLines) {
        const rawHts = row[c.hts!] ?? '';
        let hts = this.htsMemo.get(rawHts);
        if (hts === undefined) {
          hts = htsDigits(cleanCell(rawHts));
          this.htsMemo.set(rawHts, hts);
        }
        const duty = this.money(rowNo, 'duty', row[c.duty!]);
        const rawValue = c.goods_value === undefined ? undefined : row[c.goods_value];
        const value = rawValue === undefined || cleanCell(rawValue) === '' ? NaN : this.money(rowNo, 'goods_value', rawValue);
        const line = c.line_number === undefined ? -1 : parseInteger(row[c.line_number] ?? '');
        const ordinal = c.tariff_ordinal === undefined ? -1 : parseInteger(row[c.tariff_ordinal] ?? '');
        this.counts.rows++;
        const page = this.pages.push(this.prevCode, line, ordinal, hts, duty, this.rowBad ? NaN : value, rowNo, this.rowBad);
        if (page) full.push(page);
      }
      if (this.rowBad) {
        this.counts.problemRows++;
        this.attrs.bad[slot] = 1;
      }
    }
    return full;
  }

  private checkShortRow(row: readonly string[], rowNo: number): void {
    for (const f of ['hts', 'duty', 'entry_date'] as const) {
      const i = this.col[f];
      if (i !== undefined && i >= row.length) {
        this.problem(rowNo, f, '', `Row has only ${row.length} of ${this.headers.length} columns (is the file cut short?).`);
        return;
      }
    }
  }

  private readEntryCells(row: readonly string[], rowNo: number, slot: number): void {
    const cols = this.entryColumns;
    for (let k = 0; k < cols.length; k++) {
      const ec = cols[k]!;
      const raw = row[ec.index] ?? '';
      if (raw === this.prevRaw[k]) continue;
      this.prevRaw[k] = raw;
      const value = cleanCell(raw);
      const cell = ec.cell;
      switch (cell.kind) {
        case 'text':
          if (value !== '') this.attrs.setText(cell.attr, slot, cell.attr === 'entryType' ? normaliseEntryType(value) : value);
          break;
        case 'day': {
          const d = this.date(value);
          if (d === 'invalid') {
            this.problem(rowNo, ec.field, raw, 'Unparseable date (expected MM/DD/YYYY or YYYY-MM-DD; years before 2000 are invalid).');
            this.prevRaw[k] = '\u0000';
          } else if (d !== 'blank') this.attrs[cell.attr][slot] = d;
          break;
        }
        case 'flag':
          if (value !== '') this.attrs.setFlag(cell.bit, slot, cell.parse(value));
          break;
        case 'liq': {
          // Unrecognised status text counts as no status, so it does not override another file's status.
          const status: LiquidationStatus = parseLiquidationStatus(value);
          if (status !== 'unknown') this.attrs.liqStatus[slot] = LIQ_STATUS_CODES.indexOf(status);
          break;
        }
        case 'summary':
          if (value !== '') this.attrs.summaryStatus[slot] = SUMMARY_STATUS_CODES.indexOf(parseSummaryStatus(value));
          break;
        default: {
          const never: never = cell;
          throw new Error(`unknown cell kind ${String(never)}`);
        }
      }
    }
  }

  /** The last partial page, or null. */
  finish(): RowPage | null {
    return this.pages.flush();
  }
}

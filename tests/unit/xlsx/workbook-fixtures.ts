/**
 * ES-003 test data written twice: as a real .xlsx (exceljs, as Excel would store it: shared
 * strings, currency-formatted numbers, date cells, text-formatted identifiers) and as the CSV text
 * an export of the same data gives. Each cell says both forms.
 */
import ExcelJS from 'exceljs';
import { CapeDb } from '../../../workers/store/db';
import { DatasetService } from '../../../workers/dataset/dataset-service';
import { sourceFor } from '../../../workers/ingest/import-file';
import { xlsxPreviewRows, xlsxSource } from '../../../workers/ingest/xlsx/xlsx-source';

/** A cell: its CSV text, and what the workbook stores (value and number format). */
export interface Cell {
  csv: string;
  value: ExcelJS.CellValue;
  numFmt?: string;
}

export const CURRENCY = '"$"#,##0.00';
export const US_DATE = 'mm/dd/yyyy';
export const TEXT = '@';

export function text(s: string, numFmt?: string): Cell {
  return { csv: s, value: s === '' ? null : s, ...(numFmt ? { numFmt } : {}) };
}

/** Money as a currency-formatted number in the workbook and `$1,234.56` in the CSV. */
export function money(cents: number): Cell {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const frac = String(abs % 100).padStart(2, '0');
  return { csv: `${cents < 0 ? '-' : ''}$${whole}.${frac}`, value: cents / 100, numFmt: CURRENCY };
}

/** A real date cell (midnight UTC is a whole serial day) and `MM/DD/YYYY` in the CSV. */
export function date(y: number, m: number, d: number): Cell {
  const csv = `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
  return { csv, value: new Date(Date.UTC(y, m - 1, d)), numFmt: US_DATE };
}

export function num(n: number): Cell {
  return { csv: String(n), value: n };
}

export const EMPTY: Cell = { csv: '', value: null };

/** One worksheet: its name and its rows (title rows, the header and data, as the CSV has them too). */
export interface SheetSpec {
  name: string;
  /** Rows from row 1; an empty array is a blank row. */
  rows: Cell[][];
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name);
  spec.rows.forEach((cells, r) => {
    cells.forEach((c, i) => {
      if (c.value === null) return;
      const cell = ws.getCell(r + 1, i + 1);
      cell.value = c.value;
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  });
}

export async function workbookFile(sheets: SheetSpec[], name = 'es003.xlsx'): Promise<File> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) addSheet(wb, s);
  const buffer = await wb.xlsx.writeBuffer();
  return new File([buffer], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function csvOf(rows: Cell[][]): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map((c) => quote(c.csv)).join(',')).join('\r\n') + '\r\n';
}

let dbCount = 0;

/** A dataset service on a fresh fake IndexedDB that reads CSV and .xlsx, as the worker does. */
export async function xlsxService(open: DatasetService[]): Promise<{ s: DatasetService; name: string }> {
  const name = `xlsx-test-${++dbCount}`;
  const s = new DatasetService(
    new CapeDb(name),
    sourceFor(xlsxSource),
    '2026-05-04',
    undefined,
    undefined,
    xlsxPreviewRows,
  );
  open.push(s);
  await s.init('2026-05-04');
  return { s, name };
}

/** The entries CSV of the service's current analysis. */
export async function entriesCsv(s: DatasetService): Promise<string> {
  return s.exportFiles(s.snapshot().version)!.entriesCsv.text();
}

export const noProgress = (): void => undefined;

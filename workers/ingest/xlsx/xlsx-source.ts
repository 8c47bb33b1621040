/**
 * Excel workbooks (.xlsx) as a RecordSource: the same RecordBatches a CSV export of the data sheet
 * would give, so RowReader and everything after it are shared with the CSV path.
 *
 * The sheet: "Main Report" (any case) if its header is found, else the first sheet, in workbook
 * order, with an ES-003 or entry-status header in its first 30 rows. Shared strings are read first
 * (they are needed to see any header), then the chosen sheet is streamed: at no point is a whole
 * worksheet held in memory.
 */
import { type HeaderShortfall, closer, headerRejection } from '../../../src/core/header-verdict';
import { type CsvHeader, FileRejected, type RecordBatch } from '../csv-records';
import { HEADER_SEARCH_LINES, type RememberedMappings, mappingOf } from '../header-detect';
import { SAMPLE_ROWS, type WorkbookRows } from '../column-preview';
import { classifyMapping } from '../../../src/core/header-mapping';
import type { RecordSource, SourceFactory } from '../import-file';
import type { CellContext } from './cell-text';
import { readSharedStrings } from './shared-strings';
import { scanForHeader } from './sheet-header';
import { type SheetRow, sheetRows } from './sheet-rows';
import { type SheetRef, type WorkbookInfo, readWorkbookInfo } from './workbook-parts';
import { ZipReader } from './zip-reader';

/** Rows per batch at most, so a long run of empty rows never builds one huge batch. */
const MAX_BATCH_ROWS = 5_000;
/** Stands for a row with no cells (a gap between `<row>` numbers); nothing downstream mutates rows. */
const EMPTY_ROW: string[] = [];

/** "Main Report" first, then the other sheets in workbook order. */
function candidates(sheets: readonly SheetRef[]): SheetRef[] {
  const isMain = (s: SheetRef) => s.name.trim().toLowerCase() === 'main report';
  return [...sheets.filter(isMain), ...sheets.filter((s) => !isMain(s))];
}

function pad(cells: string[], width: number): string[] {
  while (cells.length < width) cells.push('');
  return cells;
}

/** Data rows after the header as batches; blank rows between data rows keep their Excel row numbers. */
async function* batches(
  rows: AsyncIterable<SheetRow[]>,
  rest: SheetRow[],
  header: CsvHeader,
  isCancelled: () => boolean,
): AsyncGenerator<RecordBatch> {
  const width = header.headers.length;
  let next = header.row + 1;
  let batch: string[][] = [];
  let firstRow = next;
  const take = (): RecordBatch => {
    const out = { rows: batch, firstRow };
    batch = [];
    firstRow = next;
    return out;
  };
  async function* groups(): AsyncGenerator<SheetRow[]> {
    yield rest;
    yield* rows;
  }
  for await (const group of groups()) {
    for (const row of group) {
      while (next < row.n) {
        batch.push(EMPTY_ROW);
        next++;
        if (batch.length >= MAX_BATCH_ROWS) yield take();
      }
      batch.push(pad(row.cells, width));
      next++;
    }
    if (batch.length > 0) yield take();
    if (isCancelled()) return;
  }
}

function noSheetMessage(looked: string[], best: HeaderShortfall | null): string {
  return `No ES-003 sheet found (looked at ${looked.map((n) => `"${n}"`).join(', ')}). ${headerRejection(best, 'the first 30 rows of any sheet')}`;
}

async function* workbookRecords(
  zip: ZipReader,
  book: WorkbookInfo,
  isCancelled: () => boolean,
  onHeader: (sheet: string, h: CsvHeader) => void,
  remembered: RememberedMappings | undefined,
): AsyncGenerator<RecordBatch> {
  const strings = await readSharedStrings(zip, book.sharedStringsPath, isCancelled);
  if (strings === null) return;
  const ctx: CellContext = { strings, styles: book.styles, date1904: book.date1904 };
  const looked: string[] = [];
  let best: HeaderShortfall | null = null;
  for (const sheet of candidates(book.sheets)) {
    const rows = sheetRows(() => zip.chunks(sheet.path), sheet.name, ctx);
    const scan = await scanForHeader(rows, sheet.name, isCancelled, remembered);
    if (scan.kind === 'found') {
      onHeader(sheet.name, scan.header);
      yield* batches(rows, scan.rest, scan.header, isCancelled);
      zip.finish();
      return;
    }
    await rows.return(undefined);
    if (scan.kind === 'cancelled') return;
    looked.push(sheet.name);
    if (scan.best) best = closer(best, scan.best);
  }
  throw new FileRejected(noSheetMessage(looked, best), { mappable: true });
}

export const xlsxSource: SourceFactory = async (file, onBytes, isCancelled) => {
  let zip: ZipReader;
  let book: WorkbookInfo;
  try {
    zip = await ZipReader.open(file, onBytes);
    book = await readWorkbookInfo(zip);
  } catch (e) {
    if (e instanceof FileRejected) return { rejected: e.message };
    throw e;
  }
  let sheetName = '';
  const source: RecordSource = {
    format: 'xlsx',
    layout: (h) => `Excel workbook, sheet "${sheetName}", header on row ${h.row}`,
    rows: (onHeader, remembered) =>
      workbookRecords(
        zip,
        book,
        isCancelled,
        (name, h) => {
          sheetName = name;
          onHeader(h);
        },
        remembered,
      ),
  };
  return source;
};

/** Rows read of a sheet for the mapping screen's preview: the header search plus a few data rows. */
const PREVIEW_ROWS = HEADER_SEARCH_LINES + SAMPLE_ROWS;

/**
 * The first rows of the sheet an import would read, for the mapping screen: the first candidate
 * sheet (Main Report first) whose header is found, else the first sheet with any rows.
 */
export const xlsxPreviewRows: WorkbookRows = async (file, remembered) => {
  const zip = await ZipReader.open(file, () => undefined);
  const book = await readWorkbookInfo(zip);
  const strings = await readSharedStrings(zip, book.sharedStringsPath, () => false);
  const ctx: CellContext = { strings: strings!, styles: book.styles, date1904: book.date1904 };
  let first: { sheet: string; rows: SheetRow[] } | null = null;
  for (const sheet of candidates(book.sheets)) {
    const rows: SheetRow[] = [];
    const it = sheetRows(() => zip.chunks(sheet.path), sheet.name, ctx);
    for await (const group of it) {
      rows.push(...group.filter((r) => r.n <= PREVIEW_ROWS));
      if (group.some((r) => r.n > PREVIEW_ROWS)) break;
    }
    const cells = rows.map((r) => ({ n: r.n, cells: r.cells.map((c) => c.trim()) }));
    if (cells.some((r) => classifyMapping(mappingOf(r.cells, remembered).mapping) !== null))
      return { sheet: sheet.name, rows: cells };
    if (first === null && cells.length > 0) first = { sheet: sheet.name, rows: cells };
  }
  if (first === null) throw new FileRejected('The workbook has no rows in any sheet.');
  return first;
};

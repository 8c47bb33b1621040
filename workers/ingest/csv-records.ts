/**
 * Delimited text → batches of parsed rows. Finds the header within the first 30 lines, then reads
 * whole rows only: with the fast scanner (csv-scan.ts) where the text is strict RFC 4180, else with
 * PapaParse (worker: false, inside our worker) on the text up to the last newline outside quotes.
 */
import Papa from 'papaparse';
import { type ColumnMapping, PER_ROW_FIELDS } from '../../src/core/header-mapping';
import { CsvScanner, type RepeatedCells } from './csv-scan';
import { headerRejection } from '../../src/core/header-verdict';
import { type HeaderFound, HEADER_SEARCH_LINES, type RememberedMappings, findHeader } from './header-detect';
import { lastRowEnd } from './row-cut';
import type { Rows } from './rows';

/** A row (or an unterminated quote) longer than this is refused: no real ES-003 row comes near it. */
export const MAX_PENDING_CHARS = 16 * 1024 * 1024;

export class FileRejected extends Error {
  /** The file was refused for its header row: mapping its columns by hand may read it. */
  readonly mappable: boolean;

  constructor(message: string, options: { mappable?: boolean } = {}) {
    super(message);
    this.name = 'FileRejected';
    this.mappable = options.mappable ?? false;
  }
}

export interface RecordBatch {
  rows: string[][];
  /** Spreadsheet row number of rows[0] (1-based; title lines and the header count). */
  firstRow: number;
}

/** A batch whose rows may be scanned rows, read cell by cell (see rows.ts), until the next batch is asked for. */
export interface RowsBatch {
  rows: Rows | readonly (readonly string[])[];
  firstRow: number;
}

export interface CsvHeader extends HeaderFound {
  /** Spreadsheet row number of the header. */
  row: number;
}

interface Parsed {
  rows: Rows | string[][];
  /** Characters of the text the rows take up. */
  consumed: number;
  /** Index of the row where a quote is left open or malformed, if any. */
  unterminatedAt: number | null;
}

/** The complete rows at the start of `text` (all of it at the end of the file, `eof`). */
function completeRows(scanner: CsvScanner, text: string, delimiter: string, eof: boolean): Parsed {
  const scanned = scanner.scan(text, eof);
  if (scanned) return { rows: scanned.rows, consumed: scanned.consumed, unterminatedAt: null };
  const cut = eof ? text.length : lastRowEnd(text) + 1;
  if (cut === 0) return { rows: [], consumed: 0, unterminatedAt: null };
  return { ...parseRows(text.slice(0, cut), delimiter), consumed: cut };
}

/** PapaParse's rows of whole rows of text (with their line breaks). */
function parseRows(text: string, delimiter: string): { rows: string[][]; unterminatedAt: number | null } {
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"' });
  const unterminated = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  const rows = parsed.data;
  // A final line break ends the last row; it does not start an empty one.
  const final = rows[rows.length - 1];
  if (text.endsWith('\n') && final !== undefined && final.length === 1 && final[0] === '') rows.pop();
  // Newline is '\n' so CRLF files leave a '\r' on the last cell of each row.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const last = row[row.length - 1];
    if (last !== undefined && last.charCodeAt(last.length - 1) === 13) row[row.length - 1] = last.slice(0, -1);
  }
  return { rows, unterminatedAt: unterminated ? (unterminated.row ?? 0) : null };
}

/**
 * Which cells a row may repeat from the row above (a hint that only speeds the scanner up): the
 * columns before the first and after the last per-row field.
 */
function repeatedCells(mapping: ColumnMapping): RepeatedCells {
  const perRow = PER_ROW_FIELDS.map((f) => mapping.columns[f]).filter((i): i is number => i !== undefined);
  if (perRow.length === 0) return { head: 0, tailFrom: 0 };
  return { head: Math.min(...perRow), tailFrom: Math.max(...perRow) + 1 };
}

/** Cut `text` into lines (the first 30 are enough to find the header). */
function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < max) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push(text.slice(start));
      break;
    }
    lines.push(text.slice(start, nl));
    start = nl + 1;
  }
  return lines;
}

/** Line breaks in `text`, counting stops at `max`. */
function countLineBreaks(text: string, max: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && n < max; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The rows of delimited text in batches; scanned rows make strings only of the cells read. */
export async function* csvBatches(
  chunks: AsyncIterable<string>,
  onHeader: (h: CsvHeader) => void,
  remembered?: RememberedMappings,
): AsyncGenerator<RowsBatch> {
  let pending = '';
  let eof = false;
  const it = chunks[Symbol.asyncIterator]();
  // Gather enough text to see the first 30 lines, but never more than MAX_PENDING_CHARS: a file
  // with few or no line breaks (a 100 MB single line) must not be read whole before it is judged.
  let lineBreaks = 0;
  while (!eof) {
    const { done, value } = await it.next();
    if (done) eof = true;
    else {
      pending += value;
      lineBreaks += countLineBreaks(value, HEADER_SEARCH_LINES);
    }
    if (lineBreaks >= HEADER_SEARCH_LINES || eof || pending.length > MAX_PENDING_CHARS) break;
  }
  if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
  if (pending.trim() === '') throw new FileRejected('The file is empty: it holds no rows at all.');
  if (!eof && lineBreaks === 0) {
    throw new FileRejected(
      `The first ${MAX_PENDING_CHARS / 1024 / 1024} MB of the file hold no line break: it is not a delimited export (no header row can be found). Nothing was imported.`,
    );
  }
  const lines = firstLines(pending, HEADER_SEARCH_LINES);
  // Stopped at the size limit: the last line is cut off, so it cannot be judged as a header.
  if (!eof && lineBreaks < HEADER_SEARCH_LINES) lines.pop();
  const found = findHeader(lines, remembered);
  if (!('kind' in found))
    throw new FileRejected(headerRejection(found.best, `the first ${HEADER_SEARCH_LINES} lines`), { mappable: true });
  let offset = 0;
  for (let i = 0; i <= found.lineIndex; i++) offset = pending.indexOf('\n', offset) + 1 || pending.length;
  pending = pending.slice(offset);
  let nextRow = found.lineIndex + 2;
  onHeader({ ...found, row: found.lineIndex + 1 });
  const delimiter = found.delimiter;
  // Reuses its buffers: a batch's scanned rows are read before the next batch is asked for.
  const scanner = new CsvScanner(delimiter, repeatedCells(found.mapping));

  for (;;) {
    // Whole rows go to the parser with their line break: a quoted last cell ends `"…"\r\n` in a CRLF
    // file, and PapaParse (newline '\n') refuses `"…"\r` when the '\n' after it is cut off.
    if (eof && pending.endsWith('\r')) pending = pending.slice(0, -1);
    const { rows, consumed, unterminatedAt } = completeRows(scanner, pending, delimiter, eof);
    if (consumed > 0) {
      pending = pending.slice(consumed);
      if (unterminatedAt !== null) {
        throw new FileRejected(
          `Row ${nextRow + unterminatedAt} opens a quoted cell that is not closed properly, so the rows after it would be read as one cell (an unterminated quote, or a file cut short). Nothing was imported; fix the quote and load the file again.`,
        );
      }
      const batch = { rows, firstRow: nextRow };
      nextRow += rows.length;
      if (rows.length > 0) yield batch;
    } else if (pending.length > MAX_PENDING_CHARS) {
      throw new FileRejected(
        `Row ${nextRow} is longer than ${MAX_PENDING_CHARS / 1024 / 1024} MB without a line break outside quotes (an unterminated quote or a damaged file). Nothing was imported.`,
      );
    }
    if (eof) return;
    const { done, value } = await it.next();
    if (done) eof = true;
    else pending += value;
  }
}

/**
 * One file import, atomic: rows are staged under a 'staging' file record, and the file joins the
 * dataset only when the final transaction marks it 'committed'. A rejected, failed or cancelled
 * import deletes what it staged; a reload mid-import finds a staging record and discards it.
 */
import { type CapeDb, type FileRecord, StorageFullError, deleteFileData, guardedWrite } from '../store/db';
import type { AttrPage, RowPage, RowProblem } from '../store/pages';
import { FileRejected, csvBatches, type CsvHeader, type RowsBatch } from './csv-records';
import { HEAD_BYTES, classifyHead } from './file-head';
import type { RememberedMappings } from './header-detect';
import { type FileReport, buildReport } from './file-report';
import { RowReader } from './row-reader';
import { UndecodableError, textChunks } from './text-chunks';
import type { CompiledRules } from '../../src/core/compiled-rules';
import type { ColumnMapping, FileKind } from '../../src/core/header-mapping';

export interface ImportProgress {
  importId: number;
  fileName: string;
  phase: 'reading' | 'saving' | 'done';
  bytesRead: number;
  totalBytes: number;
  rows: number;
  entries: number;
  rowsPerSecond: number;
  /** Seconds left, estimated from bytes read so far; null until enough is read to tell (etaSeconds). */
  etaSeconds: number | null;
}

/** An estimate of the time left needs this share of the file read and this long reading (s). */
export const ETA_MIN_SHARE = 0.05;
export const ETA_MIN_SECONDS = 1;

/**
 * Seconds left to read `total` bytes at the rate so far; null until ETA_MIN_SHARE of the file has
 * been read over ETA_MIN_SECONDS at least: the first reads (a workbook's directory, the start of a
 * stream) run at rates that say nothing about the rest (a 0.75 s workbook first showed "6 min 44 s").
 */
export function etaSeconds(bytesRead: number, total: number, seconds: number): number | null {
  if (seconds < ETA_MIN_SECONDS || bytesRead < total * ETA_MIN_SHARE || bytesRead <= 0) return null;
  return Math.max(0, ((total - bytesRead) * seconds) / bytesRead);
}

/** A committed file as the dataset holds it in memory. */
export interface LoadedFile {
  record: FileRecord & { id: number };
  rowPages: RowPage[];
  attrPages: AttrPage[];
  problems: RowProblem[];
  problemTotal: number;
}

export type ImportResult =
  | { kind: 'imported'; loaded: LoadedFile }
  | { kind: 'rejected'; fileName: string; message: string; /** Refused for its header row. */ mappable: boolean }
  | { kind: 'storage-full'; fileName: string; message: string }
  | { kind: 'cancelled'; fileName: string };

export interface ImportHooks {
  importId: number;
  /** The rules in force: the mapping report explains missing columns with their values. */
  rules: CompiledRules;
  order: number;
  /** Column mappings the user chose, by header signature: a header row with one is read with it. */
  remembered?: RememberedMappings;
  isCancelled(): boolean;
  onProgress(p: ImportProgress): void;
}

/** Progress events at most this often (ms): the main thread gets ~10 messages a second. */
export const PROGRESS_INTERVAL_MS = 100;

/** Where an import reads its rows from; the xlsx reader offers the same shape. */
export interface RecordSource {
  format: 'csv' | 'xlsx';
  layout(header: CsvHeader): string;
  /**
   * The data rows after the header, in batches; `onHeader` is called once the header is found (read
   * with the mapping the user chose for its headers, when `remembered` holds one).
   */
  rows(onHeader: (h: CsvHeader) => void, remembered?: RememberedMappings): AsyncIterable<RowsBatch>;
}

export type SourceFactory = (
  file: File,
  onBytes: (n: number) => void,
  isCancelled: () => boolean,
) => Promise<RecordSource | { rejected: string }>;

const ENCODING_LABEL = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' } as const;
const DELIMITER_LABEL: Record<string, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

/** Delimited text (CSV/TXT/TSV); ZIP containers go to `xlsx` when given. */
export function sourceFor(xlsx?: SourceFactory): SourceFactory {
  return async (file, onBytes, isCancelled) => {
    const head = classifyHead(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
    if (head.kind === 'rejected') return { rejected: head.reason };
    if (head.kind === 'zip') {
      if (xlsx) return xlsx(file, onBytes, isCancelled);
      return { rejected: 'This is a ZIP or Excel file, not delimited text.' };
    }
    const encoding = head.encoding;
    return {
      format: 'csv',
      layout: (h) => `${ENCODING_LABEL[encoding]}, ${DELIMITER_LABEL[h.delimiter]}-delimited, header on row ${h.row}`,
      rows: (onHeader, remembered) =>
        csvBatches(textChunks(file.stream(), encoding, onBytes, isCancelled), onHeader, remembered),
    };
  };
}

export async function importFile(
  db: CapeDb,
  file: File,
  hooks: ImportHooks,
  open: SourceFactory,
): Promise<ImportResult> {
  const fileName = file.name;
  let fileId: number | null = null;
  const started = performance.now();
  let bytesRead = 0;
  let lastProgress = 0;
  let reader: RowReader | null = null;
  const progress = (phase: ImportProgress['phase'], force = false): void => {
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    const seconds = (now - started) / 1000;
    const rows = reader?.counts.rows ?? 0;
    hooks.onProgress({
      importId: hooks.importId,
      fileName,
      phase,
      bytesRead,
      totalBytes: file.size,
      rows,
      entries: reader?.attrs.count ?? 0,
      rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
      etaSeconds: phase === 'reading' ? etaSeconds(bytesRead, file.size, seconds) : 0,
    });
  };
  const discard = async (): Promise<void> => {
    if (fileId !== null) await deleteFileData(db, fileId).catch(() => undefined);
  };

  try {
    const source = await open(
      file,
      (n) => {
        bytesRead = n;
        progress('reading');
      },
      hooks.isCancelled,
    );
    if ('rejected' in source) return { kind: 'rejected', fileName, message: source.rejected, mappable: false };
    const record: FileRecord = {
      name: fileName,
      size: file.size,
      lastModified: file.lastModified,
      status: 'staging',
      order: hooks.order,
      importedAt: new Date().toISOString(),
      report: emptyReport(source.format),
    };
    fileId = await guardedWrite(() => db.files.add(record));
    const id = fileId;
    let header: CsvHeader | null = null;
    const rowPages: RowPage[] = [];
    let write: Promise<unknown> = Promise.resolve();
    const store = async (pages: RowPage[]): Promise<void> => {
      for (const p of pages) {
        p.fileId = id;
        rowPages.push(p);
        // One write in flight while the next rows are parsed.
        await write;
        write = guardedWrite(() => db.rowPages.put(p));
      }
    };
    const onHeader = (h: CsvHeader): void => {
      header = h;
      reader = new RowReader(id, h.headers, h.mapping, h.kind);
    };
    for await (const batch of source.rows(onHeader, hooks.remembered)) {
      if (hooks.isCancelled()) break;
      await store(reader!.read(batch.rows, batch.firstRow));
      progress('reading');
    }
    if (hooks.isCancelled()) {
      await write.catch(() => undefined);
      await discard();
      return { kind: 'cancelled', fileName };
    }
    if (!header || !reader) throw new FileRejected('The file holds no header row.');
    const h: CsvHeader = header;
    const r: RowReader = reader;
    await store(r.finish());
    await write;
    progress('saving', true);
    const attrPages = r.attrs.pages(id);
    // A file whose every row has a malformed entry number is imported with no entries, so its row
    // problems show what to fix (SPEC §2); one with no rows to read at all is refused.
    if (r.attrs.count === 0 && r.counts.droppedRows === 0) {
      throw new FileRejected(
        `No entries found: the file has a header but no rows with an entry number (${r.counts.summaryRows} totals rows, ${r.counts.blankRows} blank rows).`,
      );
    }
    const report = buildReport(
      h.kind,
      source.format,
      source.layout(h),
      h.mapping as ColumnMapping,
      r.counts,
      r.attrs.count,
      r.problemCount,
      hooks.rules,
      { chosen: h.chosen, ieepaColumn: r.ieepaColumn() },
    );
    const committed: FileRecord & { id: number } = { ...record, id, status: 'committed', report };
    await guardedWrite(() =>
      db.transaction('rw', [db.files, db.attrPages, db.problems], async () => {
        await db.attrPages.bulkPut(attrPages);
        await db.problems.put({ fileId: id, problems: r.problems, total: r.problemCount });
        await db.files.put(committed);
      }),
    );
    if (hooks.isCancelled()) {
      await discard();
      return { kind: 'cancelled', fileName };
    }
    progress('done', true);
    return {
      kind: 'imported',
      loaded: { record: committed, rowPages, attrPages, problems: r.problems, problemTotal: r.problemCount },
    };
  } catch (e) {
    await discard();
    // A cancelled read ends the text early, which can look like a cut-off file: it was cancelled.
    if (hooks.isCancelled()) return { kind: 'cancelled', fileName };
    if (e instanceof StorageFullError) return { kind: 'storage-full', fileName, message: e.message };
    if (e instanceof FileRejected) return { kind: 'rejected', fileName, message: e.message, mappable: e.mappable };
    if (e instanceof UndecodableError) return { kind: 'rejected', fileName, message: e.message, mappable: false };
    return {
      kind: 'rejected',
      fileName,
      message: `The file could not be read: ${e instanceof Error ? e.message : String(e)}`,
      mappable: false,
    };
  }
}

function emptyReport(format: 'csv' | 'xlsx'): FileReport {
  const kind: FileKind = 'es003';
  return {
    kind,
    format,
    layout: '',
    recognised: [],
    unmapped: [],
    missing: [],
    counts: { rows: 0, summaryRows: 0, blankRows: 0, droppedRows: 0, problemRows: 0, entries: 0 },
    problemCount: 0,
    mappedBy: 'headers',
    ieepaColumn: null,
  };
}

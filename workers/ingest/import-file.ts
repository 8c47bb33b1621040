/**
 * One file import, atomic: rows are staged under a 'staging' file record, and the file joins the
 * dataset only when the final transaction marks it 'committed'. A rejected, failed or cancelled
 * import deletes what it staged; a reload mid-import finds a staging record and discards it.
 */
import { type CapeDb, type FileRecord, StorageFullError, deleteFileData, guardedWrite } from '../store/db';
import type { AttrPage, EventPage, RowPage, RowProblem } from '../store/pages';
import { FileRejected, csvBatches, type CsvHeader, type RowsBatch } from './csv-records';
import { EventReader } from './event-reader';
import { FileDigest, type FileHasher } from './file-digest';
import { HEAD_BYTES, classifyHead } from './file-head';
import type { RememberedMappings } from './header-detect';
import { type FileReport, buildLifecycleReport, buildReport } from './file-report';
import { type ReaderCounts, RowReader } from './row-reader';
import { UndecodableError, textChunks } from './text-chunks';
import type { CompiledRules } from '../../src/core/compiled-rules';
import type { FileKind } from '../../src/core/header-mapping';

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
  /** Rows of a CAPE results or refund/payment file. */
  eventPages: EventPage[];
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
  /** The file's SHA-256 taken elsewhere while the rows are read; without it the import takes it itself. */
  sha256?: Promise<string | null>;
}

export type SourceFactory = (
  file: File,
  onBytes: (n: number) => void,
  isCancelled: () => boolean,
) => Promise<RecordSource | { rejected: string }>;

const ENCODING_LABEL = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' } as const;
const DELIMITER_LABEL: Record<string, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

/**
 * Delimited text (CSV/TXT/TSV); ZIP containers go to `xlsx` when given. With `hasher`, each source
 * brings the file's SHA-256 taken by it, in parallel with the reading.
 */
export function sourceFor(xlsx?: SourceFactory, hasher?: FileHasher): SourceFactory {
  if (!hasher) return readerFor(xlsx);
  const read = readerFor(xlsx);
  return async (file, onBytes, isCancelled) => {
    const source = await read(file, onBytes, isCancelled);
    if (!('rejected' in source)) source.sha256 = hasher(file);
    return source;
  };
}

function readerFor(xlsx?: SourceFactory): SourceFactory {
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

/** What an import reads a file's rows into: ES-003 or entry-status rows, or the rows of a file CBP gives back. */
interface FileRows {
  readonly counts: ReaderCounts;
  readonly problems: RowProblem[];
  readonly problemCount: number;
  /** Entries read so far. */
  entries(): number;
  /** Read a batch; returns the row pages filled, to store at once. */
  read(rows: RowsBatch['rows'], firstRow: number): RowPage[];
  /** Once every row is read: the last row pages, and the pages stored when the file commits. */
  finish(fileId: number): { rowPages: RowPage[]; attrPages: AttrPage[]; eventPages: EventPage[] };
  /**
   * Why the file is refused when no entry was read; null when it is imported with no entries, so
   * that its row problems show what to fix (SPEC §2: every entry number malformed).
   */
  refusal(): string | null;
  report(format: 'csv' | 'xlsx', layout: string, rules: CompiledRules): FileReport;
}

function fileRows(fileId: number, h: CsvHeader): FileRows {
  if (h.lifecycle) {
    const mapping = h.lifecycle;
    const r = new EventReader(fileId, h.headers, mapping);
    return {
      counts: r.counts,
      problems: r.problems,
      get problemCount() {
        return r.problemCount;
      },
      entries: () => r.entryCount,
      read: (rows, firstRow) => {
        r.read(rows, firstRow);
        return [];
      },
      finish: () => ({ rowPages: [], attrPages: [], eventPages: r.finish() }),
      refusal: () => {
        const first = r.problems[0];
        const example = first ? `; e.g. row ${first.row}, ${first.column} "${first.value}": ${first.message}` : '';
        return `No usable rows: the file has a ${mapping.kind === 'results' ? 'CAPE results' : 'refund/payment'} header but no row with a well-formed entry number${mapping.kind === 'results' ? ' and an accepted or rejected status' : ''} (${r.counts.summaryRows} totals rows, ${r.counts.blankRows} blank rows, ${r.problemCount} rows with problems${example}). Nothing was imported.`;
      },
      report: (format, layout) =>
        buildLifecycleReport(mapping, format, layout, r.counts, r.entryCount, r.problemCount, r.outcomes),
    };
  }
  const r = new RowReader(fileId, h.headers, h.mapping, h.kind);
  return {
    counts: r.counts,
    problems: r.problems,
    get problemCount() {
      return r.problemCount;
    },
    entries: () => r.attrs.count,
    read: (rows, firstRow) => r.read(rows, firstRow),
    finish: (id) => ({ rowPages: r.finish(), attrPages: r.attrs.pages(id), eventPages: [] }),
    refusal: () =>
      r.counts.droppedRows > 0
        ? null
        : `No entries found: the file has a header but no rows with an entry number (${r.counts.summaryRows} totals rows, ${r.counts.blankRows} blank rows).`,
    report: (format, layout, rules) =>
      buildReport(h.kind, format, layout, h.mapping, r.counts, r.attrs.count, r.problemCount, rules, {
        chosen: h.chosen,
        ieepaColumn: r.ieepaColumn(),
      }),
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
  let reader: FileRows | null = null;
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
      entries: reader?.entries() ?? 0,
      rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
      etaSeconds: phase === 'reading' ? etaSeconds(bytesRead, file.size, seconds) : 0,
    });
  };
  const discard = async (): Promise<void> => {
    if (fileId !== null) await deleteFileData(db, fileId).catch(() => undefined);
  };

  try {
    const digest = new FileDigest(file);
    const source = await open(
      digest.file,
      (n) => {
        bytesRead = n;
        progress('reading');
      },
      hooks.isCancelled,
    );
    if ('rejected' in source) return { kind: 'rejected', fileName, message: source.rejected, mappable: false };
    if (source.sha256) digest.stop();
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
      reader = fileRows(id, h);
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
    const r: FileRows = reader;
    const { rowPages: lastPages, attrPages, eventPages } = r.finish(id);
    await store(lastPages);
    await write;
    progress('saving', true);
    const refusal = r.entries() === 0 ? r.refusal() : null;
    if (refusal !== null) throw new FileRejected(refusal);
    const report = r.report(source.format, source.layout(h), hooks.rules);
    const committed: FileRecord & { id: number } = {
      ...record,
      id,
      status: 'committed',
      report,
      sha256: (await source.sha256) ?? (await digest.hex()),
    };
    await guardedWrite(() =>
      db.transaction('rw', [db.files, db.attrPages, db.eventPages, db.problems], async () => {
        await db.attrPages.bulkPut(attrPages);
        await db.eventPages.bulkPut(eventPages);
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
      loaded: {
        record: committed,
        rowPages,
        attrPages,
        eventPages,
        problems: r.problems,
        problemTotal: r.problemCount,
      },
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

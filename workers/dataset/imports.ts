/**
 * Adding and removing files: each file's import is atomic; the batch is one write. A file may come
 * with the columns the user chose on the mapping screen: they are remembered for its header row
 * once it is imported, and it may replace a loaded file (the same file mapped again).
 */
import { parseIsoDay } from '../../src/core/dates';
import { headerSignature } from '../../src/core/header-mapping';
import { sampleCsv } from '../../src/core/sample-es003';
import { sampleLifecycle } from '../../src/core/sample-lifecycle';
import type { ColumnChoice, ImportBatch, ImportOutcome, PreviewResult, WriteResult } from '../contract';
import type { WorkbookRows } from '../ingest/column-preview';
import { type ImportProgress, type LoadedFile, type SourceFactory, importFile } from '../ingest/import-file';
import { type CapeDb, deleteFileData, guardedWrite } from '../store/db';
import { type DatasetState, measure } from './dataset-state';
import { mappingRecord } from './settings';
import { loadCommittedFiles } from './storage-load';
import type { WritePath } from './write-path';

const SAMPLE_FILE_NAME = 'sample-es003.csv';
const SAMPLE_RESULTS_NAME = 'sample-cape-claim-details.csv';
const SAMPLE_PAYMENTS_NAME = 'sample-refund-payments.csv';
/** About 2,500 entries and 10,000 rows: every segment, instantly. */
const SAMPLE_ENTRIES = 2_500;
const CANCELLED = 'Import cancelled by you: nothing of this file was stored; the dataset is as it was.';

export class Imports {
  private cancelRequested = false;
  private importSeq = 0;

  constructor(
    private readonly data: DatasetState,
    private readonly db: CapeDb,
    private readonly writes: WritePath,
    private readonly openSource: SourceFactory,
    private readonly workbookRows?: WorkbookRows,
  ) {}

  /** A file's first rows and header for the mapping screen (nothing is stored). */
  async previewColumns(file: File): Promise<PreviewResult> {
    // Loaded on first use: the mapping screen is for files refused by their header row (npm run size).
    const { previewColumns } = await import('../ingest/column-preview');
    const p = await previewColumns(file, this.data.columnMappings, this.workbookRows);
    return 'rejected' in p ? { kind: 'rejected', message: p.rejected } : { kind: 'preview', preview: p };
  }

  /**
   * Import files one after another; each is atomic. Cancel stops the current one and skips the rest.
   * With `choice`, the files' header row is read with the columns the user chose.
   */
  async importFiles(
    files: File[],
    onProgress: (p: ImportProgress) => void,
    choice?: ColumnChoice,
  ): Promise<ImportBatch> {
    const outcomes: ImportOutcome[] = [];
    const signature = choice ? headerSignature(choice.headers) : '';
    const remembered = choice
      ? new Map(this.data.columnMappings).set(signature, choice.columns)
      : this.data.columnMappings;
    let remember = false;
    let replaced: number | null = null;
    const written = await this.writes.write(
      async () => {
        const t0 = performance.now();
        this.cancelRequested = false;
        // Another tab may have changed the data while we waited for the lock.
        const loaded = await loadCommittedFiles(this.db, this.data.files);
        for (const file of files) {
          if (this.cancelRequested) {
            outcomes.push({ fileName: file.name, kind: 'cancelled', message: CANCELLED });
            continue;
          }
          const order = loaded.reduce((m, f) => Math.max(m, f.record.order), 0) + 1;
          const result = await importFile(
            this.db,
            file,
            {
              importId: ++this.importSeq,
              rules: this.data.rules,
              order,
              remembered,
              isCancelled: () => this.cancelRequested,
              onProgress,
            },
            this.openSource,
          );
          switch (result.kind) {
            case 'imported':
              loaded.push(result.loaded);
              outcomes.push({ fileName: file.name, kind: 'imported' });
              if (choice) {
                remember = await this.rememberChoice(signature, choice);
                if (choice.replaces !== undefined && choice.replaces !== result.loaded.record.id) {
                  await deleteFileData(this.db, choice.replaces);
                  replaced = choice.replaces;
                }
              }
              break;
            case 'rejected':
              outcomes.push({
                fileName: file.name,
                kind: 'rejected',
                message: result.message,
                mappable: result.mappable,
              });
              break;
            case 'storage-full':
              outcomes.push({ fileName: file.name, kind: 'storage-full', message: result.message });
              break;
            case 'cancelled':
              outcomes.push({ fileName: file.name, kind: 'cancelled', message: CANCELLED });
              break;
            default:
              result satisfies never;
          }
        }
        measure('cape:import', t0);
        return loaded.filter((f) => f.record.id !== replaced);
      },
      (loaded) => {
        if (remember && choice) this.data.columnMappings.set(signature, choice.columns);
        return this.replaceFiles(
          loaded,
          outcomes.some((o) => o.kind === 'imported'),
        );
      },
    );
    switch (written.kind) {
      case 'updated':
        return { outcomes, snapshot: written.snapshot };
      // Each file's import reports a full disk as its own outcome; this one struck outside any file.
      case 'storage-full':
        return {
          outcomes: [...outcomes, ...files.slice(outcomes.length).map((f) => ({ ...written, fileName: f.name }))],
          snapshot: this.data.snapshot(),
        };
      default:
        return written satisfies never;
    }
  }

  /**
   * "Try with sample data": a generated ES-003 export and what CBP sent back for it (a CAPE results
   * file and a refund/payment file), imported through the same pipeline as a user's files.
   */
  importSample(onProgress: (p: ImportProgress) => void): Promise<ImportBatch> {
    const filingDate = parseIsoDay(this.data.assumptions.filingDate)!;
    const options = { entries: SAMPLE_ENTRIES, seed: 20260420, filingDate, formattedMoney: true };
    const lifecycle = sampleLifecycle(options, this.data.rules);
    const csv = (text: string, name: string) => new File([text], name, { type: 'text/csv' });
    return this.importFiles(
      [
        csv(sampleCsv(options), SAMPLE_FILE_NAME),
        csv(lifecycle.resultsCsv, SAMPLE_RESULTS_NAME),
        csv(lifecycle.paymentsCsv, SAMPLE_PAYMENTS_NAME),
      ],
      onProgress,
    );
  }

  /** Store the user's columns for their header row; false when the disk is full (the import stands, unremembered). */
  private async rememberChoice(signature: string, choice: ColumnChoice): Promise<boolean> {
    try {
      await guardedWrite(() => this.db.settings.put(mappingRecord(signature, choice.columns)));
      return true;
    } catch {
      return false;
    }
  }

  cancelImport(): void {
    this.cancelRequested = true;
  }

  removeFile(fileId: number): Promise<WriteResult> {
    return this.writes.write(
      () => deleteFileData(this.db, fileId),
      () =>
        this.replaceFiles(
          this.data.files.filter((f) => f.record.id !== fileId),
          true,
        ),
    );
  }

  /** Hold `files` in memory; the entry table is built again when one was added or removed. */
  private replaceFiles(files: LoadedFile[], changed: boolean): boolean {
    this.data.files = files;
    if (changed) this.data.rebuild();
    return changed;
  }
}

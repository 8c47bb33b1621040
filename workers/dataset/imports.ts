/** Adding and removing files: each file's import is atomic; the batch is one write. */
import { parseIsoDay } from '../../src/core/dates';
import { sampleCsv } from '../../src/core/sample-es003';
import { sampleLifecycle } from '../../src/core/sample-lifecycle';
import type { ImportBatch, ImportOutcome, WriteResult } from '../contract';
import { type ImportProgress, type LoadedFile, type SourceFactory, importFile } from '../ingest/import-file';
import { type CapeDb, deleteFileData } from '../store/db';
import { type DatasetState, measure } from './dataset-state';
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
  ) {}

  /** Import files one after another; each is atomic. Cancel stops the current one and skips the rest. */
  async importFiles(files: File[], onProgress: (p: ImportProgress) => void): Promise<ImportBatch> {
    const outcomes: ImportOutcome[] = [];
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
              isCancelled: () => this.cancelRequested,
              onProgress,
            },
            this.openSource,
          );
          switch (result.kind) {
            case 'imported':
              loaded.push(result.loaded);
              outcomes.push({ fileName: file.name, kind: 'imported' });
              break;
            case 'rejected':
            case 'storage-full':
              outcomes.push({ fileName: file.name, kind: result.kind, message: result.message });
              break;
            case 'cancelled':
              outcomes.push({ fileName: file.name, kind: 'cancelled', message: CANCELLED });
              break;
            default:
              result satisfies never;
          }
        }
        measure('cape:import', t0);
        return loaded;
      },
      (loaded) =>
        this.replaceFiles(
          loaded,
          outcomes.some((o) => o.kind === 'imported'),
        ),
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

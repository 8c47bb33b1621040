/**
 * The dataset worker: parsing, storage, analysis, exports and the ledger live here, behind one
 * comlink API typed from its implementation (the UI sees it as `DatasetApi`, workers/contract.ts,
 * with `import type` only). Calls that can fail return failures as data; progress crosses as small
 * throttled events.
 */
import * as Comlink from 'comlink';
import { parseIsoDay } from '../src/core/dates';
import type { Profile } from '../src/core/profile';
import type { Snapshot } from './contract';
import type { ImportProgress, SourceFactory } from './ingest/import-file';
import { sourceFor } from './ingest/import-file';
import { CapeDb } from './store/db';
import { DatasetService } from './dataset/dataset-service';
import type { EntryQuery } from './dataset/entry-query';
import type { AssumptionsInput } from './dataset/settings';
import { storageInfo, deleteAllLocalData } from './store/storage-info';

let service: DatasetService | null = null;

/** The .xlsx reader (saxes and the workbook code) loads with the first workbook dropped, not with the app. */
const xlsx: SourceFactory = async (file, onBytes, isCancelled) =>
  (await import('./ingest/xlsx/xlsx-source')).xlsxSource(file, onBytes, isCancelled);

/** The UI's callback for changes made in other tabs; kept so a fresh service after a wipe still reports them. */
let externalChange: ((s: Snapshot) => void) | null = null;

function ready(): DatasetService {
  if (!service) throw new Error('The worker is not initialised: call init() first.');
  return service;
}

export const api = {
  /** Open the local database and restore the dataset; `today` is the default filing date (YYYY-MM-DD). */
  async init(today: string, onExternalChange: (s: Snapshot) => void): Promise<Snapshot> {
    service?.close();
    service = new DatasetService(new CapeDb(), sourceFor(xlsx), today);
    externalChange = onExternalChange;
    service.subscribe(onExternalChange);
    return service.init(today);
  },
  importFiles: (files: File[], onProgress: (p: ImportProgress) => void) => ready().importFiles(files, onProgress),
  importSample: (onProgress: (p: ImportProgress) => void) => ready().importSample(onProgress),
  /** The sample data as an ES-003-style .xlsx (sheet "Main Report") for the current filing date, e.g. to save as sample-es003.xlsx. */
  async sampleWorkbook(): Promise<Blob> {
    const filingDate = parseIsoDay(ready().snapshot().assumptions.filingDate)!;
    // Loaded on first use: the writer is only needed for this download.
    const { sampleWorkbook } = await import('./ingest/xlsx/sample-workbook');
    return sampleWorkbook(filingDate);
  },
  cancelImport: () => ready().cancelImport(),
  removeFile: (fileId: number) => ready().removeFile(fileId),
  setAssumptions: (a: AssumptionsInput) => ready().setAssumptions(a),
  saveProfile: (p: Profile) => ready().saveProfile(p),
  /** Validate a rule pack file and tell what it would change; nothing is applied (SPEC §11). */
  previewRulepack: (file: File) => ready().previewRulepack(file),
  applyRulepack: (sha256: string, confirmOlder: boolean) => ready().applyRulepack(sha256, confirmOlder),
  cancelRulepack: () => ready().cancelRulepack(),
  revertRulepack: () => ready().revertRulepack(),
  /** The rule pack in force: its document and its exact bytes. */
  rulepackDocument: () => ready().rulepackDocument(),
  queryEntries: (q: EntryQuery) => ready().queryEntries(q),
  entryDetail: (entryNumber: string) => ready().entryDetail(entryNumber),
  problems: (offset: number, limit: number) => ready().problems(offset, limit),
  exportFiles: (version: number) => ready().exportFiles(version),
  checkDeclaration: (file: File) => ready().checkDeclarationFile(file),
  markSubmitted: (names: string[]) => ready().markSubmitted(names),
  updateLedger: (id: number, rejected: boolean, rejectedEntries: string[]) =>
    ready().updateLedger(id, rejected, rejectedEntries),
  deleteLedgerRecord: (id: number) => ready().deleteLedgerRecord(id),
  dismissNotices: () => ready().dismissNotices(),
  storageInfo: () => storageInfo(),
  async deleteAllLocalData(today: string): Promise<Snapshot> {
    service?.close();
    service = null;
    await deleteAllLocalData();
    service = new DatasetService(new CapeDb(), sourceFor(xlsx), today);
    if (externalChange) service.subscribe(externalChange);
    // Not init(): that would open (and so re-create) the database just deleted.
    return service.startEmpty(today);
  },
};

Comlink.expose(api);

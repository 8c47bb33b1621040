/**
 * The dataset worker: parsing, storage, analysis, exports and the ledger live here, behind one
 * comlink API typed from its implementation (the UI sees it as `DatasetApi`, workers/contract.ts,
 * with `import type` only). Calls that can fail return failures as data; progress crosses as small
 * throttled events.
 */
import * as Comlink from 'comlink';
import { parseIsoDay } from '../src/core/dates';
import type { Profile } from '../src/core/profile';
import type { ColumnChoice, Snapshot } from './contract';
import type { WorkbookRows } from './ingest/column-preview';
import type { FileHasher } from './ingest/file-digest';
import type { digestApi } from './digest.worker';
import type { ImportProgress, SourceFactory } from './ingest/import-file';
import { sourceFor } from './ingest/import-file';
import { thisCopysDatabaseName } from './store/db';
import type { DatasetService } from './dataset/dataset-service';
import type { EntryQuery } from './dataset/entry-query';
import type { AssumptionsInput } from './dataset/settings';
import { storageInfo } from './store/storage-info';
import { Workspaces } from './workspace/workspaces';

/** This copy's workspaces; the open one's dataset answers the calls about data. */
let workspaces: Workspaces | null = null;

/** The .xlsx reader (saxes and the workbook code) loads with the first workbook dropped, not with the app. */
const xlsx: SourceFactory = async (file, onBytes, isCancelled) =>
  (await import('./ingest/xlsx/xlsx-source')).xlsxSource(file, onBytes, isCancelled);
const xlsxRows: WorkbookRows = async (file, remembered) =>
  (await import('./ingest/xlsx/xlsx-source')).xlsxPreviewRows(file, remembered);

/** A file's SHA-256 in a worker of its own, one a file, gone when done; null if it cannot run there. */
const hashApart: FileHasher = async (file) => {
  const worker = new Worker(new URL('./digest.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await Comlink.wrap<typeof digestApi>(worker).sha256Hex(file);
  } catch {
    return null;
  } finally {
    worker.terminate();
  }
};

function spaces(): Workspaces {
  if (!workspaces) throw new Error('The worker is not initialised: call init() first.');
  return workspaces;
}

function ready(): DatasetService {
  return spaces().service();
}

export const api = {
  /** Open the local database and restore the workspace opened last; `today` is the default filing date (YYYY-MM-DD). */
  init(today: string, onExternalChange: (s: Snapshot) => void): Promise<Snapshot> {
    workspaces ??= new Workspaces(thisCopysDatabaseName(), sourceFor(xlsx, hashApart), xlsxRows);
    workspaces.subscribe(onExternalChange);
    return workspaces.init(today);
  },
  /**
   * Import files; with `choice`, read with the columns the user chose on the mapping screen (and remember
   * them). Files dropped while the sample is open go to a workspace of the user's (the snapshot says which).
   */
  importFiles: (files: File[], onProgress: (p: ImportProgress) => void, choice?: ColumnChoice) =>
    spaces().importFiles(files, onProgress, choice),
  /** A file's first rows, header row and mapped columns for the mapping screen; nothing is stored. */
  previewColumns: (file: File) => ready().previewColumns(file),
  /** "Try with sample data": opens the sample's workspace, loading the sample there the first time only. */
  importSample: (onProgress: (p: ImportProgress) => void) => spaces().openSample(onProgress),
  /** The sample data as an ES-003-style .xlsx (sheet "Main Report") for the current filing date, e.g. to save as sample-es003.xlsx. */
  async sampleWorkbook(): Promise<Blob> {
    const filingDate = parseIsoDay(ready().filingDate)!;
    // Loaded on first use: the writer is only needed for this download.
    const { sampleWorkbook } = await import('./ingest/xlsx/sample-workbook');
    return sampleWorkbook(filingDate);
  },
  cancelImport: () => ready().cancelImport(),
  removeFile: (fileId: number) => ready().removeFile(fileId),
  setAssumptions: (a: AssumptionsInput) => ready().setAssumptions(a),
  /** Every assumption back to its default; `today` (YYYY-MM-DD) is the filing date. */
  resetAssumptions: (today: string) => ready().resetAssumptions(today),
  saveProfile: (p: Profile) => ready().saveProfile(p),
  importClientList: (file: File) => ready().importClientList(file),
  clientListCsv: () => ready().clientListCsv(),
  /** Validate a rule pack file and tell what it would change; nothing is applied (SPEC §11). */
  previewRulepack: (file: File) => ready().previewRulepack(file),
  applyRulepack: (sha256: string, confirmOlder: boolean) => ready().applyRulepack(sha256, confirmOlder),
  cancelRulepack: () => ready().cancelRulepack(),
  revertRulepack: () => ready().revertRulepack(),
  /** The rule pack in force: its document and its exact bytes. */
  rulepackDocument: () => ready().rulepackDocument(),
  queryEntries: (q: EntryQuery) => ready().queryEntries(q),
  /** "Export this view": the entries of a query as a CSV for people (not the SPEC §9 entries CSV). */
  entriesViewCsv: (q: EntryQuery) => ready().entriesViewCsv(q),
  entryDetail: (entryNumber: string) => ready().entryDetail(entryNumber),
  /** The one-page report: every IOR (null) or one IOR's (a broker's report per client). */
  report: (importer: string | null) => ready().report(importer),
  problems: (offset: number, limit: number) => ready().problems(offset, limit),
  exportFiles: (version: number) => ready().exportFiles(version),
  checkDeclaration: (file: File) => ready().checkDeclarationFile(file),
  markSubmitted: (names: string[], submittedOn?: string, claimNumber?: string) =>
    ready().markSubmitted(names, submittedOn, claimNumber),
  setLedgerDetails: (id: number, submittedOn: string, claimNumber: string) =>
    ready().setLedgerDetails(id, submittedOn, claimNumber),
  /** The filing ledger, profile and assumptions as one JSON file. */
  exportBackup: () => ready().exportBackup(),
  importBackup: (file: File) => ready().importBackup(file),
  updateLedger: (id: number, rejected: boolean, rejectedEntries: string[]) =>
    ready().updateLedger(id, rejected, rejectedEntries),
  deleteLedgerRecord: (id: number) => ready().deleteLedgerRecord(id),
  dismissNotices: () => ready().dismissNotices(),
  openWorkspace: (id: number) => spaces().open(id),
  createWorkspace: (name: string) => spaces().create(name),
  renameWorkspace: (id: number, name: string) => spaces().rename(id, name),
  duplicateWorkspace: (id: number) => spaces().duplicate(id),
  deleteWorkspace: (id: number) => spaces().remove(id),
  leaveSample: () => spaces().leaveSample(),
  workspaceSummaries: () => spaces().summaries(),
  backupWorkspace: (id: number) => spaces().backup(id),
  restoreWorkspace: (file: File) => spaces().restore(file),
  storageInfo: () => storageInfo(),
  /** Every workspace of this copy and their list; an empty first workspace is open after it. */
  deleteAllLocalData: (today: string) => spaces().deleteAll(today),
};

Comlink.expose(api);

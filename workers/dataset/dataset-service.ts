/**
 * The dataset held by the worker, as the worker's API sees it: one object that starts, reloads and
 * closes the dataset and hands each call to the job that owns it — imports (imports.ts), settings
 * (settings.ts), rule packs (rulepacks.ts), the ledger (ledger.ts), reads (queries.ts), download files
 * (downloads.ts). Every
 * change to stored data goes through one write path (write-path.ts: serialisation, cross-tab lock,
 * quota guard, re-analysis, broadcast); storage is read only at start-up or when another tab
 * changed it.
 */
import type { Profile } from '../../src/core/profile';
import type {
  AssumptionsResult,
  ColumnChoice,
  PreviewResult,
  CheckResult,
  CheckedWriteResult,
  EntryDetail,
  ExportFiles,
  ImportBatch,
  ClientListResult,
  ProblemPage,
  RulepackApplyResult,
  RulepackDocument,
  RulepackPreviewResult,
  Snapshot,
  WorkspacesView,
  WriteResult,
} from '../contract';
import type { WorkbookRows } from '../ingest/column-preview';
import type { ImportProgress, SourceFactory } from '../ingest/import-file';
import type { CapeDb } from '../store/db';
import { Backups } from './backup';
import { CrossTab, type WriteLock, webLock } from './cross-tab';
import { DatasetState } from './dataset-state';
import { Downloads } from './downloads';
import type { EntryPage, EntryQuery } from './entry-query';
import { Imports } from './imports';
import { Ledger } from './ledger';
import { Queries } from './queries';
import type { Report } from './report';
import { Rulepacks } from './rulepacks';
import { type AssumptionsInput, Settings } from './settings';
import { discardStaging, loadCommittedFiles } from './storage-load';
import { WritePath } from './write-path';

type Listener = (s: Snapshot) => void;

export class DatasetService {
  private readonly data: DatasetState;
  private readonly tabs: CrossTab;
  private readonly writes: WritePath;
  private readonly imports: Imports;
  private readonly settings: Settings;
  private readonly rulepacks: Rulepacks;
  private readonly ledger: Ledger;
  private readonly backups: Backups;
  private readonly queries: Queries;
  private readonly downloads: Downloads;
  private listener: Listener | null = null;
  private closed = false;

  constructor(
    private readonly db: CapeDb,
    openSource: SourceFactory,
    today: string,
    lock: WriteLock = webLock(db.name),
    workspaces?: () => WorkspacesView,
    workbookRows?: WorkbookRows,
  ) {
    this.data = new DatasetState(today, workspaces);
    this.tabs = new CrossTab(db.name, lock);
    this.writes = new WritePath(this.tabs, () => this.analyse());
    this.imports = new Imports(this.data, db, this.writes, openSource, workbookRows);
    this.settings = new Settings(this.data, db, this.writes);
    this.rulepacks = new Rulepacks(this.data, db, this.writes);
    this.ledger = new Ledger(this.data, db, this.writes);
    this.backups = new Backups(this.data, db, this.writes);
    this.queries = new Queries(this.data);
    this.downloads = new Downloads(this.data);
    this.tabs.onChange(() => {
      void this.writes
        .serially(async () => {
          if (this.closed) return;
          const s = await this.reloadFromStorage();
          this.listener?.(s);
        })
        // Closed meanwhile (replaced after "Delete all local data"): the reload no longer matters.
        .catch((e: unknown) => {
          if (!this.closed) throw e;
        });
    });
  }

  /** A fresh analysis; its download files are built as soon as the snapshot has gone out. */
  private analyse(): Snapshot {
    const s = this.data.analyse();
    this.downloads.prepare(s.version);
    return s;
  }

  /** Called with a new snapshot when another tab changed the stored data. */
  subscribe(listener: Listener): void {
    this.listener = listener;
  }

  close(): void {
    this.closed = true;
    this.tabs.close();
    this.db.close();
  }

  /** Close once every operation asked for has finished (another workspace is opened instead). */
  async closeWhenIdle(): Promise<void> {
    await this.writes.serially(() => Promise.resolve()).catch(() => undefined);
    this.close();
  }

  /** This tab's filing date (YYYY-MM-DD). */
  get filingDate(): string {
    return this.data.assumptions.filingDate;
  }

  /** Whether any file is loaded. */
  get hasFiles(): boolean {
    return this.data.files.length > 0;
  }

  /** Say something to the user with the next snapshots, until dismissed. */
  notify(message: string): void {
    this.data.notices.push(message);
  }

  /**
   * Start-up clean-up is the one write outside the write path: it must not wait for a lock that a
   * live import in another tab holds, and it removes only staging records no tab shows.
   */
  async init(filingDate: string): Promise<Snapshot> {
    this.data.assumptions.filingDate = filingDate;
    const discarded = await this.tabs.lock.holdIfFree(() => discardStaging(this.db));
    if (discarded) this.noteDiscarded(discarded);
    // The lock is busy: another tab is writing, or the tab just reloaded has not let go yet. Clean up
    // once it is free; under the lock any staging record is an orphan.
    else {
      void this.tabs.lock
        .hold(() => discardStaging(this.db))
        .then((late) => {
          if (this.noteDiscarded(late)) this.listener?.(this.snapshot());
        });
    }
    await this.settings.load();
    const snapshot = await this.writes.serially(() => this.reloadFromStorage());
    // A stored rule pack set aside at load (see Rulepacks.load) is removed, so it is not weighed again.
    const forgotten = await this.rulepacks.forgetSetAside();
    return forgotten?.kind === 'updated' ? forgotten.snapshot : snapshot;
  }

  private noteDiscarded(names: string[]): boolean {
    if (names.length === 0) return false;
    this.data.notices.push(
      `An import of ${names.join(', ')} was interrupted (the tab was closed or reloaded). It was discarded; the dataset is as it was before it.`,
    );
    return true;
  }

  /**
   * After "Delete all local data": an empty dataset that opens no storage (so nothing is re-created)
   * until something is saved; other tabs are told to reload.
   */
  startEmpty(filingDate: string): Snapshot {
    this.data.assumptions.filingDate = filingDate;
    this.data.rebuild();
    this.tabs.broadcast();
    return this.analyse();
  }

  private async reloadFromStorage(): Promise<Snapshot> {
    this.data.files = await loadCommittedFiles(this.db, this.data.files);
    this.data.ledger = await this.db.ledger.toArray();
    await this.settings.load();
    await this.rulepacks.load();
    this.data.rebuild();
    return this.analyse();
  }

  snapshot(): Snapshot {
    return this.data.snapshot();
  }

  dismissNotices(): Snapshot {
    this.data.notices = [];
    return this.snapshot();
  }

  importFiles(files: File[], onProgress: (p: ImportProgress) => void, choice?: ColumnChoice): Promise<ImportBatch> {
    return this.imports.importFiles(files, onProgress, choice);
  }

  previewColumns(file: File): Promise<PreviewResult> {
    return this.imports.previewColumns(file);
  }

  importSample(onProgress: (p: ImportProgress) => void): Promise<ImportBatch> {
    return this.imports.importSample(onProgress);
  }

  cancelImport(): void {
    this.imports.cancelImport();
  }

  removeFile(fileId: number): Promise<WriteResult> {
    return this.imports.removeFile(fileId);
  }

  setAssumptions(a: AssumptionsInput): Promise<AssumptionsResult> {
    return this.settings.setAssumptions(a);
  }

  resetAssumptions(today: string): Promise<AssumptionsResult> {
    return this.settings.resetAssumptions(today);
  }

  saveProfile(p: Profile): Promise<WriteResult> {
    return this.settings.saveProfile(p);
  }

  importClientList(file: File): Promise<ClientListResult> {
    return this.settings.importClientList(file);
  }

  clientListCsv(): Blob {
    return this.downloads.clientListCsv();
  }

  markSubmitted(names: string[], submittedOn?: string, claimNumber?: string): Promise<CheckedWriteResult> {
    return this.ledger.markSubmitted(names, submittedOn, claimNumber);
  }

  setLedgerDetails(id: number, submittedOn: string, claimNumber: string): Promise<CheckedWriteResult> {
    return this.ledger.setLedgerDetails(id, submittedOn, claimNumber);
  }

  exportBackup(): Blob {
    return this.backups.exportBackup();
  }

  importBackup(file: File): Promise<CheckedWriteResult> {
    return this.backups.importBackup(file);
  }

  previewRulepack(file: File): Promise<RulepackPreviewResult> {
    return this.rulepacks.preview(file);
  }

  applyRulepack(sha256: string, confirmOlder: boolean): Promise<RulepackApplyResult> {
    return this.rulepacks.apply(sha256, confirmOlder);
  }

  cancelRulepack(): void {
    this.rulepacks.cancel();
  }

  revertRulepack(): Promise<WriteResult> {
    return this.rulepacks.revert();
  }

  rulepackDocument(): RulepackDocument {
    return this.rulepacks.document();
  }

  updateLedger(id: number, rejected: boolean, rejectedEntries: string[]): Promise<WriteResult> {
    return this.ledger.updateLedger(id, rejected, rejectedEntries);
  }

  deleteLedgerRecord(id: number): Promise<WriteResult> {
    return this.ledger.deleteLedgerRecord(id);
  }

  queryEntries(q: EntryQuery): EntryPage {
    return this.queries.queryEntries(q);
  }

  entryDetail(entryNumber: string): EntryDetail | null {
    return this.queries.entryDetail(entryNumber);
  }

  entriesViewCsv(q: EntryQuery): Promise<Blob> {
    return this.queries.entriesViewCsv(q);
  }

  report(importer: string | null): Promise<Report | null> {
    return this.queries.report(importer);
  }

  problems(offset: number, limit: number): ProblemPage {
    return this.queries.problems(offset, limit);
  }

  checkDeclarationFile(file: File): Promise<CheckResult> {
    return this.queries.checkDeclarationFile(file);
  }

  exportFiles(version: number): ExportFiles | null {
    return this.downloads.exportFiles(version);
  }
}

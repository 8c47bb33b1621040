/**
 * The UI's state: the latest worker snapshot, what is running, and the download links. Components
 * render it; this class decides. Large data stays in the worker: the UI holds snapshots (totals,
 * breakdowns) and pages of at most a few hundred entries.
 *
 * Every call to the worker goes through here: changes through the operation queue (`run`, one after
 * another, never back to an older snapshot), reads through `read` (used by the small managers:
 * entry pager, problem list, entry detail, storage panel, declaration checker). Failures — thrown,
 * or returned as data — end in the one error banner (`error`).
 */
import type {
  AssumptionsInput,
  ColumnChoice,
  EntryQuery,
  FileView,
  FollowUpKind,
  ImportBatch,
  ImportOutcome,
  ImportProgress,
  Snapshot,
  Updated,
  WorkerFailure,
  WorkspaceView,
} from '../../workers/contract';
import { tick } from 'svelte';
import type { Profile } from '../core/profile';
import { appUpdate } from './app-update.svelte';
import { parseFilingDate } from '../core/dates';
import { ColumnMapper } from './column-mapper.svelte';
import { formatUsd, todayIso } from './format';
import type { View } from './screens';
import { type WorkerApi, connectWorker, proxy } from './worker-client';
import type { Answer, WorkerReads } from './worker-reads';

export type { View } from './screens';

/** Filters applied to the entries table when another view links to it. */
export interface EntryLink {
  segment?: string | null;
  code?: string | null;
  importer?: string | null;
  filing?: EntryQuery['filing'];
  followUp?: FollowUpKind | null;
}

/** Screens that show the loaded data: an empty workspace opened on one of them goes to Import instead. */
const DATA_VIEWS: readonly View[] = ['overview', 'entries', 'payments', 'declarations', 'filed'];

/**
 * A filing date typed into a date input applies once typing pauses this long (ms), or at once on Enter
 * or leaving the field: typing 12/01/2026 key by key passes through 2026-12-29 and 2026-12-01 (month and
 * day typed over today's date) before the year, and each would otherwise be a what-if of its own.
 */
export const FILING_DATE_PAUSE_MS = 700;

/** `ready` means every loaded file is analysed and every figure and download is current. */
export type Status = 'starting' | 'importing' | 'analysing' | 'ready' | 'error';

export interface ExportLinks {
  version: number;
  entries: string;
  problems: string;
  declarations: string;
  files: { name: string; url: string }[];
}

export interface FileError {
  fileName: string;
  reason: string;
  /** The file, when it was refused for its header row: its columns can be mapped by hand. */
  mapWith?: File;
}

export class AppState implements WorkerReads {
  snapshot = $state.raw<Snapshot | null>(null);
  status = $state<Status>('starting');
  view = $state<View>('import');
  progress = $state.raw<ImportProgress | null>(null);
  fileErrors = $state.raw<FileError[]>([]);
  lastOutcomes = $state.raw<ImportOutcome[]>([]);
  exports = $state.raw<ExportLinks | null>(null);
  error = $state<string | null>(null);
  /** What the last what-if changed, in words. */
  changeNote = $state<string | null>(null);
  /** The entry whose detail is open. */
  openEntry = $state<string | null>(null);
  /** The mapping screen: a file's columns mapped by hand. */
  readonly mapper = new ColumnMapper(this, (file, choice) => this.importWithColumns(file, choice));
  /** Files given in this session, so a loaded one can be mapped again (a File cannot be stored). */
  private sessionFiles: File[] = [];
  entryFilter = $state.raw<EntryLink>({});

  /** A typed filing date waiting for the pause (FILING_DATE_PAUSE_MS). */
  private typedDate: { value: string; timer: ReturnType<typeof setTimeout> } | null = null;
  /** A filing date asked for and not yet analysed: the picker's input and change events ask once. */
  private requestedDate: string | null = null;
  private api: WorkerApi | null = null;
  /** Operations run one after another, so figures never mix two states of the data. */
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  /**
   * `connect` opens the worker (a fake API in unit tests); `today` gives the default filing date;
   * `persist` asks the browser to keep this site's storage (the filing ledger must not be evicted).
   */
  constructor(
    private readonly connect: () => WorkerApi = connectWorker,
    private readonly today: () => string = todayIso,
    private readonly persist: () => Promise<boolean> = persistStorage,
    private readonly dates: FilingDateMemory = tabMemory(),
  ) {}

  get declaredTotal(): number {
    return this.snapshot?.overview.declared.refund ?? 0;
  }

  /** The workspace open in this tab. */
  get workspace(): WorkspaceView | null {
    const w = this.snapshot?.workspaces;
    return w?.list.find((x) => x.id === w.open) ?? null;
  }

  private worker(): WorkerApi {
    if (!this.api) throw new Error('worker not started');
    return this.api;
  }

  start(): Promise<void> {
    this.api = this.connect();
    const onExternalChange = proxy((s: Snapshot) => {
      void this.enqueue('analysing', () => this.accept(s, 'Another tab changed the data; figures reloaded.'));
    });
    return this.enqueue('starting', async () => {
      let snap = await this.worker().init(this.today(), onExternalChange);
      if (snap.files.length > 0) this.view = 'overview';
      // A reload keeps this tab's filing date, like the other assumptions (which are stored).
      const kept = this.dates.get(snap.workspaces.open);
      if (kept !== null && kept !== snap.assumptions.filingDate && parseFilingDate(kept) !== null) {
        const again = await this.worker().setAssumptions({ ...snap.assumptions, filingDate: kept });
        if (again.kind === 'updated') snap = again.snapshot;
      }
      await this.accept(snap, null);
    });
  }

  /** Queue an operation; status stays `status` until the queue is empty and the figures are current. */
  private enqueue(status: Status, op: () => Promise<void>): Promise<void> {
    this.pending++;
    if (this.status !== 'importing' || status === 'importing') this.status = status;
    this.error = null;
    const run = this.queue.then(op).then(
      () => undefined,
      (e: unknown) => this.fail(e),
    );
    this.queue = run.finally(() => {
      this.pending--;
      if (this.pending === 0) this.status = this.error ? 'error' : 'ready';
    });
    return this.queue;
  }

  private async accept(snap: Snapshot, note: string | null): Promise<void> {
    const before = this.snapshot;
    // Another tab's change and our own operation can answer out of order: never go back to an older analysis.
    if (before && snap.version < before.version) return;
    this.snapshot = snap;
    this.dates.set(snap.workspaces.open, snap.assumptions.filingDate);
    if (before && before.workspaces.open !== snap.workspaces.open) {
      this.enterWorkspace(snap);
      note = null;
    }
    this.changeNote = note === 'change' ? describeChange(before, snap) : note;
  }

  /** Whether the download links hold the files of the figures shown. */
  get exportsCurrent(): boolean {
    return this.snapshot !== null && this.exports?.version === this.snapshot.version;
  }

  /**
   * Make the download links current: asked for when a download is clicked or a screen listing
   * downloads is shown, never as part of a what-if, so stepping through filing dates does not wait
   * for files nobody asked for (at 1M rows building them took ~230 ms of a ~450 ms what-if). Runs after
   * the queued operations, without changing the status.
   */
  ensureExports(): Promise<void> {
    const run = this.queue.then(() => this.refreshExports());
    this.queue = run.catch((e: unknown) => {
      this.fail(e);
      this.status = 'error';
    });
    return this.queue;
  }

  /**
   * Click handler of every download link (ordinary links with `download`, SPEC §9): a link that does
   * not hold the file of the figures shown yet waits for it, then is clicked again (well within the
   * few seconds the browser still counts as the user's click).
   */
  readonly followDownload = (e: MouseEvent): void => {
    if (this.exportsCurrent) return;
    e.preventDefault();
    const link = e.currentTarget as HTMLAnchorElement;
    void this.ensureExports().then(async () => {
      await tick();
      if (this.exportsCurrent && link.isConnected) link.click();
    });
  };

  private async refreshExports(): Promise<void> {
    const snap = this.snapshot;
    if (!snap || this.exports?.version === snap.version) return;
    const files = await this.worker().exportFiles(snap.version);
    if (!files) return;
    this.revokeExports();
    this.exports = {
      version: snap.version,
      entries: URL.createObjectURL(files.entriesCsv),
      problems: URL.createObjectURL(files.problemsCsv),
      declarations: URL.createObjectURL(files.declarationsZip),
      files: files.declarations.map((d) => ({ name: d.name, url: URL.createObjectURL(d.blob) })),
    };
  }

  private revokeExports(): void {
    const e = this.exports;
    if (!e) return;
    for (const url of [e.entries, e.problems, e.declarations, ...e.files.map((f) => f.url)]) URL.revokeObjectURL(url);
  }

  /** Another workspace is open: what was shown of the previous one goes. */
  private enterWorkspace(snap: Snapshot): void {
    this.fileErrors = [];
    this.lastOutcomes = [];
    this.entryFilter = {};
    this.openEntry = null;
    if (snap.files.length === 0 && DATA_VIEWS.includes(this.view)) this.view = 'import';
  }

  /** A thrown error (a defect, or the worker gone), shown in the error banner. */
  private fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
  }

  /** A failure the worker returned as data, shown in the same banner. */
  report(failure: WorkerFailure): void {
    this.error = failure.message;
  }

  /** A read from the worker, outside the queue (it changes nothing): a thrown error is reported like an operation's. */
  async read<C extends Promise<unknown>>(call: (api: WorkerApi) => C): Promise<Answer<Awaited<C>>> {
    try {
      return { kind: 'answered', value: await call(this.worker()) };
    } catch (e) {
      this.fail(e);
      return { kind: 'failed' };
    }
  }

  /** A worker call that changes stored data and yields a new snapshot, or a failure as data. */
  private run(call: () => Promise<Updated | WorkerFailure>, describe = true): Promise<void> {
    return this.enqueue('analysing', async () => {
      const result = await call();
      switch (result.kind) {
        case 'updated':
          return this.accept(result.snapshot, describe ? 'change' : null);
        case 'storage-full':
        case 'invalid-input':
        case 'rejected':
        case 'cancelled':
          return this.report(result);
        default:
          return result satisfies never;
      }
    });
  }

  /** A worker call that cannot fail for the user and yields a snapshot; no change is described. */
  private show(call: () => Promise<Snapshot>): Promise<void> {
    return this.enqueue('analysing', async () => this.accept(await call(), null));
  }

  private importWith(
    call: (onProgress: (p: ImportProgress) => void) => Promise<ImportBatch>,
    files: readonly File[] = [],
  ): Promise<void> {
    return this.enqueue('importing', async () => {
      this.progress = null;
      try {
        const { outcomes, snapshot } = await call(proxy((p: ImportProgress) => (this.progress = p)));
        // First the snapshot: files dropped while the sample is open arrive in another workspace.
        await this.accept(snapshot, null);
        this.lastOutcomes = outcomes;
        // A cancelled import is refused like any other (SPEC §2): nothing of it is stored.
        // Outcomes come in the order of the files given.
        const rejected = outcomes.flatMap((o, i) => {
          const error = fileError(o, files[i]);
          return error ? [error] : [];
        });
        this.fileErrors = [
          ...this.fileErrors.filter((e) => !outcomes.some((o) => o.fileName === e.fileName)),
          ...rejected,
        ];
        if (outcomes.some((o) => o.kind === 'imported') && this.view === 'import' && rejected.length === 0)
          this.view = 'overview';
      } finally {
        this.progress = null;
      }
    });
  }

  addFiles(files: File[]): Promise<void> {
    if (files.length === 0) return Promise.resolve();
    this.sessionFiles.push(...files);
    return this.importWith((onProgress) => this.worker().importFiles(files, onProgress), files);
  }

  /** Import `file` with the columns chosen on the mapping screen (replacing a loaded file when `choice` says so). */
  importWithColumns(file: File, choice: ColumnChoice): Promise<void> {
    return this.importWith((onProgress) => this.worker().importFiles([file], onProgress, choice), [file]);
  }

  /** The File a loaded file was read from, when it was given in this session. */
  sessionFile(f: FileView): File | null {
    return (
      this.sessionFiles.find((s) => s.name === f.name && s.size === f.size && s.lastModified === f.lastModified) ?? null
    );
  }

  loadSample(): Promise<void> {
    return this.importWith((onProgress) => this.worker().importSample(onProgress));
  }

  cancelImport(): void {
    void this.worker().cancelImport();
  }

  /** The sample data as an Excel workbook; null when it could not be made (the error is shown). */
  async sampleWorkbook(): Promise<Blob | null> {
    const answer = await this.read((w) => w.sampleWorkbook());
    return answer.kind === 'answered' ? answer.value : null;
  }

  dismissFileError(fileName: string): void {
    this.fileErrors = this.fileErrors.filter((e) => e.fileName !== fileName);
  }

  removeFile(fileId: number): Promise<void> {
    return this.run(() => this.worker().removeFile(fileId), false);
  }

  setAssumptions(patch: Partial<AssumptionsInput>): Promise<void> {
    if (!this.snapshot) return Promise.resolve();
    return this.run(() => this.worker().setAssumptions({ ...this.snapshot!.assumptions, ...patch }));
  }

  /**
   * The filing date input changed while typing: a complete date in the trade years applies after a
   * pause; anything else (a year typed halfway) waits. Meanwhile the status is not `ready`: the date
   * shown is not the one the figures are at.
   */
  typeFilingDate(value: string): void {
    this.dropTypedDate();
    if (parseFilingDate(value) === null || value === this.snapshot?.assumptions.filingDate) {
      if (this.pending === 0 && this.status === 'analysing') this.status = this.error ? 'error' : 'ready';
      return;
    }
    this.status = 'analysing';
    this.typedDate = { value, timer: setTimeout(() => void this.commitFilingDate(value), FILING_DATE_PAUSE_MS) };
  }

  /**
   * Enter, or leaving the field: apply the date now. Returns false for a value that is not a complete
   * date in the trade years (the input then shows the date in force again).
   */
  commitFilingDate(value: string): boolean {
    this.dropTypedDate();
    if (parseFilingDate(value) === null) {
      if (this.pending === 0 && this.status === 'analysing') this.status = this.error ? 'error' : 'ready';
      return false;
    }
    if (value !== this.snapshot?.assumptions.filingDate && value !== this.requestedDate) {
      this.requestedDate = value;
      void this.setAssumptions({ filingDate: value }).finally(() => {
        if (this.requestedDate === value) this.requestedDate = null;
      });
    }
    return true;
  }

  private dropTypedDate(): void {
    if (this.typedDate) clearTimeout(this.typedDate.timer);
    this.typedDate = null;
  }

  /** The filing date is before today: CAPE judges a declaration on the day it accepts it, so this is a look back. */
  get filingDateInPast(): boolean {
    const f = this.snapshot?.assumptions.filingDate;
    return f !== undefined && f < this.today();
  }

  /** Every assumption back to the app's defaults: today's filing date, the pack's rates, corporate, DEFERRED out. */
  resetAssumptions(): Promise<void> {
    this.dropTypedDate();
    return this.run(() => this.worker().resetAssumptions(this.today()));
  }

  saveProfile(p: Profile): Promise<void> {
    return this.run(() => this.worker().saveProfile(p));
  }

  /** Replace the client list with a CSV's (authorization and per-IOR settings in one step). */
  importClientList(file: File): Promise<void> {
    return this.run(() => this.worker().importClientList(file));
  }

  /** The saved client list as CSV; null when it could not be made (the error is shown). */
  async clientListCsv(): Promise<Blob | null> {
    const answer = await this.read((w) => w.clientListCsv());
    return answer.kind === 'answered' ? answer.value : null;
  }

  openWorkspace(id: number): Promise<void> {
    if (id === this.snapshot?.workspaces.open) return Promise.resolve();
    return this.run(() => this.worker().openWorkspace(id), false);
  }

  createWorkspace(name: string): Promise<void> {
    return this.run(() => this.worker().createWorkspace(name), false);
  }

  renameWorkspace(id: number, name: string): Promise<void> {
    return this.run(() => this.worker().renameWorkspace(id, name), false);
  }

  duplicateWorkspace(id: number): Promise<void> {
    return this.run(() => this.worker().duplicateWorkspace(id), false);
  }

  deleteWorkspace(id: number): Promise<void> {
    return this.run(() => this.worker().deleteWorkspace(id), false);
  }

  leaveSample(): Promise<void> {
    return this.run(() => this.worker().leaveSample(), false);
  }

  /** Restore a backup file as a new workspace (opened); a bad file changes nothing and says why. */
  restoreWorkspace(file: File): Promise<void> {
    return this.run(() => this.worker().restoreWorkspace(file), false);
  }

  /**
   * Mark declarations submitted to CBP on `submittedOn`, with the ACE declaration/claim number when
   * known. The first time, the browser is asked to keep this site's storage: the ledger is the one
   * record of what was filed.
   */
  markSubmitted(names: string[], submittedOn?: string, claimNumber?: string): Promise<void> {
    if ((this.snapshot?.ledger.length ?? 0) === 0) void this.persist().catch(() => false);
    return this.run(() => this.worker().markSubmitted(names, submittedOn, claimNumber));
  }

  setLedgerDetails(id: number, submittedOn: string, claimNumber: string): Promise<void> {
    return this.run(() => this.worker().setLedgerDetails(id, submittedOn, claimNumber));
  }

  /** The filing ledger, profile and assumptions as one file; null when it could not be made (the error is shown). */
  async exportBackup(): Promise<Blob | null> {
    const answer = await this.read((w) => w.exportBackup());
    return answer.kind === 'answered' ? answer.value : null;
  }

  /** Restore a backup: the ledger, profile and assumptions are replaced; a bad file changes nothing and says why. */
  importBackup(file: File): Promise<void> {
    return this.run(() => this.worker().importBackup(file));
  }

  /** Put the previewed rule pack in force (an older one than the built-in pack needs `confirmOlder`). */
  applyRulepack(sha256: string, confirmOlder: boolean): Promise<void> {
    return this.run(() => this.worker().applyRulepack(sha256, confirmOlder));
  }

  /** Put the built-in rule pack back in force. */
  revertRulepack(): Promise<void> {
    return this.run(() => this.worker().revertRulepack());
  }

  updateLedger(id: number, rejected: boolean, rejectedEntries: string[]): Promise<void> {
    return this.run(() => this.worker().updateLedger(id, rejected, rejectedEntries));
  }

  deleteLedgerRecord(id: number): Promise<void> {
    return this.run(() => this.worker().deleteLedgerRecord(id), false);
  }

  dismissNotices(): Promise<void> {
    return this.show(() => this.worker().dismissNotices());
  }

  deleteAllLocalData(): Promise<void> {
    this.fileErrors = [];
    return this.show(async () => {
      const snap = await this.worker().deleteAllLocalData(this.today());
      // The offline copy too: the service worker and its caches live on this side of the worker.
      await appUpdate.forgetOfflineCopy();
      return snap;
    });
  }

  showEntries(filter: EntryLink): void {
    this.entryFilter = filter;
    this.view = 'entries';
  }
}

/** This tab's filing date per workspace, kept across reloads of the tab. */
export interface FilingDateMemory {
  get(workspace: number): string | null;
  set(workspace: number, date: string): void;
}

/** sessionStorage: per tab, like the filing date, and it survives a reload; nothing when there is none. */
function tabMemory(): FilingDateMemory {
  const store = (): Storage | null => {
    try {
      return (globalThis as { sessionStorage?: Storage }).sessionStorage ?? null;
    } catch {
      return null;
    }
  };
  const key = (workspace: number) => `cape-prep-filing-date-${workspace}`;
  return {
    get: (w) => store()?.getItem(key(w)) ?? null,
    set: (w, date) => store()?.setItem(key(w), date),
  };
}

/** Ask the browser to keep this site's storage under pressure (navigator.storage.persist, where there is one). */
function persistStorage(): Promise<boolean> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  return storage?.persist ? storage.persist() : Promise.resolve(false);
}

/** The banner for a file that was not imported (`file`: the one given); null for one that was. */
function fileError(o: ImportOutcome, file: File | undefined): FileError | null {
  switch (o.kind) {
    case 'imported':
      return null;
    case 'rejected':
      return o.mappable && file
        ? { fileName: o.fileName, reason: o.message, mapWith: file }
        : { fileName: o.fileName, reason: o.message };
    case 'cancelled':
    case 'storage-full':
      return { fileName: o.fileName, reason: o.message };
    default:
      return o satisfies never;
  }
}

function describeChange(before: Snapshot | null, after: Snapshot): string | null {
  if (!before) return null;
  const a = before.overview.declared;
  const b = after.overview.declared;
  const parts: string[] = [];
  const changes: string[] = [];
  const ba = before.assumptions;
  const aa = after.assumptions;
  if (ba.filingDate !== aa.filingDate) changes.push(`filing date ${ba.filingDate} → ${aa.filingDate}`);
  if (ba.defaultTaxpayer !== aa.defaultTaxpayer)
    changes.push(`taxpayer type → ${aa.defaultTaxpayer.replace('_', '-')}`);
  if (ba.includeDeferred !== aa.includeDeferred)
    changes.push(aa.includeDeferred ? 'DEFERRED entries included' : 'DEFERRED entries left out');
  if (JSON.stringify(ba.rateOverrides) !== JSON.stringify(aa.rateOverrides)) changes.push('interest rates edited');
  if (before.rulepack.sha256 !== after.rulepack.sha256)
    changes.push(
      after.rulepack.origin === 'built-in'
        ? `built-in rule pack ${after.rulepack.version} restored`
        : `rule pack ${after.rulepack.version} applied`,
    );
  if (ba.partition !== aa.partition)
    changes.push(aa.partition === 'filer' ? 'declarations mix IORs (per filer code)' : 'declarations per IOR');
  if (JSON.stringify(before.profile) !== JSON.stringify(after.profile)) changes.push('profile saved');
  if (before.ledger.length !== after.ledger.length || JSON.stringify(before.ledger) !== JSON.stringify(after.ledger))
    changes.push('filing ledger updated');
  const delta = b.refund - a.refund;
  parts.push(
    `${changes.join(', ') || 'Recalculated'}: total refund ${formatUsd(b.refund)} (${delta >= 0 ? '+' : '−'}${formatUsd(Math.abs(delta))})`,
  );
  if (a.count !== b.count)
    parts.push(`${b.count.toLocaleString('en-US')} entries to declare (was ${a.count.toLocaleString('en-US')})`);
  if (a.interest !== b.interest) parts.push(`interest ${formatUsd(b.interest)} (was ${formatUsd(a.interest)})`);
  return parts.join('; ') + '.';
}

export const app = new AppState();

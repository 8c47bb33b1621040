/**
 * The workspaces of this copy of the app: named, separate datasets, each its own database (files,
 * pages, settings, ledger). Only the open one is in memory, as one DatasetService; opening another
 * closes it first. The built-in sample is a workspace of its own, and files dropped while it is open
 * go to a workspace of the user's. The list itself is the registry (registry.ts); every call here runs
 * after the previous one has finished.
 *
 * The filing date stays each tab's own and is not stored (as before workspaces): this tab remembers it
 * per workspace, and a workspace it opens for the first time starts at the date shown.
 */
import Dexie from 'dexie';
import type {
  ColumnChoice,
  ImportBatch,
  InvalidInput,
  Rejected,
  Snapshot,
  StorageFull,
  Updated,
  WorkspaceBackup,
  WorkspaceResult,
  WorkspaceSummary,
  WorkspacesView,
} from '../contract';
import { webLock } from '../dataset/cross-tab';
import { DatasetService } from '../dataset/dataset-service';
import type { WorkbookRows } from '../ingest/column-preview';
import type { ImportProgress, SourceFactory } from '../ingest/import-file';
import { CapeDb, StorageFullError, guardedWrite } from '../store/db';
import { copyDatabase, schemaOf } from './copy-database';
import { FIRST_WORKSPACE_ID, isCopysDatabase, workspaceDatabaseName } from './names';
import {
  FIRST_WORKSPACE_NAME,
  Registry,
  type RegistryState,
  SAMPLE_WORKSPACE_NAME,
  type WorkspaceRecord,
  implicitRegistry,
} from './registry';

/** Longest workspace name, characters. */
const MAX_NAME = 80;
const SAMPLE_FILE_NAME = 'sample-es003.csv';

type Listener = (s: Snapshot) => void;

const updated = (snapshot: Snapshot): Updated => ({ kind: 'updated', snapshot });
const invalid = (message: string): InvalidInput => ({ kind: 'invalid-input', message });
const gone: InvalidInput = invalid('That workspace no longer exists (deleted in another tab?).');

/** A full disk as data; any other error stays a defect. */
async function storing<T>(write: () => Promise<T>): Promise<T | StorageFull> {
  try {
    return await guardedWrite(write);
  } catch (e) {
    if (e instanceof StorageFullError) return { kind: 'storage-full', message: e.message };
    throw e;
  }
}

const isFailure = (v: unknown): v is StorageFull =>
  typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'storage-full';

export class Workspaces {
  private state: RegistryState = implicitRegistry();
  private openId = FIRST_WORKSPACE_ID;
  private current: DatasetService | null = null;
  /** This tab's filing date of each workspace it opened. */
  private readonly filingDates = new Map<number, string>();
  private listener: Listener | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly registry: Registry;
  private today = '';

  /** `base`: this copy's database name (workers/store/db.ts); the first workspace's database. */
  constructor(
    private readonly base: string,
    private readonly openSource: SourceFactory,
    private readonly workbookRows?: WorkbookRows,
  ) {
    this.registry = new Registry(base);
    this.registry.onChange(() => void this.serially(() => this.followOtherTab()));
  }

  /** Called with a new snapshot when another tab changed the data or the list of workspaces. */
  subscribe(listener: Listener): void {
    this.listener = listener;
    this.current?.subscribe(listener);
  }

  /** The open workspace's dataset. */
  service(): DatasetService {
    if (!this.current) throw new Error('No workspace is open: call init() first.');
    return this.current;
  }

  view(): WorkspacesView {
    return { open: this.openId, list: this.state.workspaces.map(({ id, name, sample }) => ({ id, name, sample })) };
  }

  /** Open the workspace opened last (in any tab); `today` is the default filing date. */
  init(today: string): Promise<Snapshot> {
    this.today = today;
    return this.serially(async () => {
      this.state = await this.registry.read();
      const id = this.find(this.state.openId)?.id ?? this.nextAfterLeaving(-1)?.id ?? FIRST_WORKSPACE_ID;
      return this.openService(id, today);
    });
  }

  open(id: number): Promise<WorkspaceResult> {
    return this.serially(async () => {
      if (!this.find(id)) return gone;
      if (id === this.openId) return updated(this.service().snapshot());
      return updated(await this.switchTo(id));
    });
  }

  create(name: string): Promise<WorkspaceResult> {
    return this.serially(async () => {
      const problem = this.nameProblem(name);
      if (problem) return invalid(problem);
      const added = await storing(() => this.add(name.trim(), false));
      if (isFailure(added)) return added;
      return updated(await this.switchTo(added.id));
    });
  }

  rename(id: number, name: string): Promise<WorkspaceResult> {
    return this.serially(async () => {
      const w = this.find(id);
      if (!w) return gone;
      if (w.sample) return invalid(`The sample keeps its name, “${SAMPLE_WORKSPACE_NAME}”, wherever it shows.`);
      const problem = this.nameProblem(name, id);
      if (problem) return invalid(problem);
      const stored = await storing(() =>
        this.registry.update((s) => {
          for (const r of s.workspaces) if (r.id === id) r.name = name.trim();
        }),
      );
      if (isFailure(stored)) return stored;
      this.state = stored.state;
      return updated(this.service().snapshot());
    });
  }

  /** A copy of a workspace (files, profile, assumptions, ledger: every table), opened for trying scenarios. */
  duplicate(id: number): Promise<WorkspaceResult> {
    return this.serially(async () => {
      const w = this.find(id);
      if (!w) return gone;
      if (w.sample) return invalid('The sample is not copied: “Try with sample data” opens it, the same every time.');
      const name = this.uniqueName(`${w.name} (copy)`);
      const reserved = await storing(() => this.reserveId());
      if (isFailure(reserved)) return reserved;
      const from = workspaceDatabaseName(this.base, id);
      const to = workspaceDatabaseName(this.base, reserved);
      const copied = await storing(() =>
        // Under the workspace's write lock: no tab changes it halfway through the copy.
        webLock(from).hold(() => withDbs([from, to], ([a, b]) => copyDatabase(a!, b!))),
      ).catch(async (e: unknown) => {
        await Dexie.delete(to);
        throw e;
      });
      if (isFailure(copied)) {
        await Dexie.delete(to);
        return copied;
      }
      const added = await storing(() => this.add(name, false, reserved));
      if (isFailure(added)) {
        await Dexie.delete(to);
        return added;
      }
      return updated(await this.switchTo(reserved));
    });
  }

  /** Delete one workspace and its database; when it is open, the last real workspace opened before takes its place. */
  remove(id: number): Promise<WorkspaceResult> {
    return this.serially(async () => {
      if (!this.find(id)) return gone;
      if (id === this.openId) {
        const next =
          this.nextAfterLeaving(id) ?? (await storing(() => this.add(this.uniqueName(FIRST_WORKSPACE_NAME), false)));
        if (isFailure(next)) return next;
        await this.switchTo(next.id);
      }
      const stored = await storing(() =>
        this.registry.update((s) => {
          s.workspaces = s.workspaces.filter((w) => w.id !== id);
          if (s.openId === id) s.openId = this.openId;
        }),
      );
      if (isFailure(stored)) return stored;
      this.state = stored.state;
      this.filingDates.delete(id);
      // Other tabs with it open close their connection (Dexie does on 'versionchange') and move on.
      await Dexie.delete(workspaceDatabaseName(this.base, id));
      return updated(this.service().snapshot());
    });
  }

  /**
   * "Try with sample data": open the sample's workspace, creating it and loading the sample the first
   * time (or after its file was removed); a second click opens it again, never loads it twice.
   */
  openSample(onProgress: (p: ImportProgress) => void): Promise<ImportBatch> {
    return this.serially(async () => {
      const sample =
        this.state.workspaces.find((w) => w.sample) ?? (await storing(() => this.add(SAMPLE_WORKSPACE_NAME, true)));
      if (isFailure(sample))
        return { outcomes: [{ ...sample, fileName: SAMPLE_FILE_NAME }], snapshot: this.service().snapshot() };
      if (sample.id !== this.openId) await this.switchTo(sample.id);
      const service = this.service();
      if (service.hasFiles) return { outcomes: [], snapshot: service.snapshot() };
      return service.importSample(onProgress);
    });
  }

  /** Leave the sample for the last real workspace opened (a new one when there is none). */
  leaveSample(): Promise<WorkspaceResult> {
    return this.serially(async () => {
      const next =
        this.nextAfterLeaving(this.openId) ??
        (await storing(() => this.add(this.uniqueName(FIRST_WORKSPACE_NAME), false)));
      if (isFailure(next)) return next;
      return updated(await this.switchTo(next.id));
    });
  }

  /**
   * Import files into the open workspace; while the sample is open they never join it: they go to the
   * last real workspace opened when it is empty, else to a new one named after the first file, which
   * opens at the filing date shown.
   */
  importFiles(files: File[], onProgress: (p: ImportProgress) => void, choice?: ColumnChoice): Promise<ImportBatch> {
    return this.serially(async () => {
      if (!this.find(this.openId)?.sample) return this.service().importFiles(files, onProgress, choice);
      const last = this.nextAfterLeaving(this.openId);
      const target =
        last && (await this.isEmpty(last.id))
          ? last
          : await storing(() => this.add(this.uniqueName(files[0]!.name.replace(/\.[^.]+$/, '') || 'Imported'), false));
      if (isFailure(target))
        return { outcomes: files.map((f) => ({ ...target, fileName: f.name })), snapshot: this.service().snapshot() };
      // The files were dropped at the date shown: their workspace opens at it.
      this.filingDates.delete(target.id);
      await this.switchTo(target.id);
      this.service().notify(
        `The sample stays apart: files dropped while it is open go to a workspace of your own. This is “${target.name}”.`,
      );
      return this.service().importFiles(files, onProgress, choice);
    });
  }

  /** Files and rows of every workspace, read from storage (the open one from memory). */
  summaries(): Promise<WorkspaceSummary[]> {
    return this.serially(() =>
      Promise.all(
        this.state.workspaces.map(async ({ id }): Promise<WorkspaceSummary> => {
          if (id === this.openId) {
            const files = this.service().snapshot().files;
            return { id, files: files.length, rows: files.reduce((n, f) => n + f.report.counts.rows, 0) };
          }
          const records = await withDbs([workspaceDatabaseName(this.base, id)], ([db]) =>
            db!.files.where('status').equals('committed').toArray(),
          );
          return { id, files: records.length, rows: records.reduce((n, f) => n + f.report.counts.rows, 0) };
        }),
      ),
    );
  }

  /** One workspace as a backup file (backup.ts). */
  backup(id: number): Promise<WorkspaceBackup | InvalidInput> {
    return this.serially(async () => {
      const w = this.find(id);
      if (!w) return gone;
      const { backupFileName, writeBackup } = await import('./backup');
      const name = workspaceDatabaseName(this.base, id);
      const blob = await webLock(name).hold(() =>
        withDbs([name], ([db]) => writeBackup(db!, { name: w.name, sample: w.sample })),
      );
      return { fileName: backupFileName(w.name, this.today), blob };
    });
  }

  /**
   * Restore a backup file as a new workspace and open it. The file is checked whole, written into a new
   * database and analysed once before it is listed: a bad backup leaves every workspace as it was.
   */
  restore(file: File): Promise<WorkspaceResult> {
    return this.serially(async () => {
      const { readBackup, restoreBackup } = await import('./backup');
      // The schema of this version's databases (declared, not opened).
      const schema = new CapeDb(this.base);
      const backup = await readBackup(file, { version: schema.verno, tables: schemaOf(schema) });
      if ('kind' in backup) return backup;
      const { sample, name } = backup.manifest.workspace;
      if (sample && this.state.workspaces.some((w) => w.sample))
        return rejected(
          `${file.name} is a backup of the sample, and the sample workspace exists already (“Try with sample data” opens it). Nothing was changed.`,
        );
      const reserved = await storing(() => this.reserveId());
      if (isFailure(reserved)) return reserved;
      const dbName = workspaceDatabaseName(this.base, reserved);
      const service = this.serviceFor(reserved);
      const loaded = await storing(async () => {
        await restoreBackup(backup, dbName);
        await service.init(this.service().filingDate);
      }).catch((e: unknown) =>
        rejected(`${file.name} could not be read as a workspace (${String(e)}). Nothing was changed.`),
      );
      if (loaded !== undefined) {
        service.close();
        await Dexie.delete(dbName);
        return loaded;
      }
      const added = await storing(() =>
        this.add(
          sample ? SAMPLE_WORKSPACE_NAME : this.uniqueName(String(name || 'Restored workspace')),
          sample,
          reserved,
        ),
      );
      if (isFailure(added)) {
        service.close();
        await Dexie.delete(dbName);
        return added;
      }
      await this.adopt(reserved, service);
      return updated(service.snapshot());
    });
  }

  /**
   * "Delete all local data": every workspace's database of this copy (and any left by an interrupted
   * change) and the registry. An empty first workspace is open after it, stored nowhere until used.
   */
  deleteAll(today: string): Promise<Snapshot> {
    return this.serially(async () => {
      await this.closeCurrent();
      const names = new Set([this.base, ...this.state.workspaces.map((w) => workspaceDatabaseName(this.base, w.id))]);
      // Where the browser lists databases, also those no registry names (a copy interrupted halfway).
      const listed = await globalThis.indexedDB?.databases?.().catch(() => []);
      for (const d of listed ?? []) if (d.name && isCopysDatabase(this.base, d.name)) names.add(d.name);
      for (const name of names) await Dexie.delete(name);
      await this.registry.delete();
      this.state = implicitRegistry();
      this.filingDates.clear();
      const service = this.serviceFor(FIRST_WORKSPACE_ID);
      await this.adopt(FIRST_WORKSPACE_ID, service, false);
      // Not init(): that would open (and so re-create) the database just deleted.
      return service.startEmpty(today);
    });
  }

  close(): void {
    this.current?.close();
    this.current = null;
    this.registry.close();
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private find(id: number): WorkspaceRecord | undefined {
    return this.state.workspaces.find((w) => w.id === id);
  }

  /** The real workspace opened most recently, other than `leaving`. */
  private nextAfterLeaving(leaving: number): WorkspaceRecord | undefined {
    return this.state.workspaces
      .filter((w) => !w.sample && w.id !== leaving)
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.id - b.id)[0];
  }

  private nameProblem(name: string, except?: number): string | null {
    const n = name.trim();
    if (n === '') return 'A workspace needs a name.';
    if (n.length > MAX_NAME) return `A workspace name has at most ${MAX_NAME} characters.`;
    if (this.state.workspaces.some((w) => w.id !== except && w.name.toLowerCase() === n.toLowerCase()))
      return `A workspace named “${n}” exists already.`;
    return null;
  }

  private uniqueName(wanted: string): string {
    const base = wanted.trim().slice(0, MAX_NAME - 5) || FIRST_WORKSPACE_NAME;
    let name = base;
    for (let k = 2; this.nameProblem(name) !== null; k++) name = `${base} (${k})`;
    return name;
  }

  /** A new workspace id, never given before (its database does not exist yet). */
  private async reserveId(): Promise<number> {
    const { state, result } = await this.registry.update((s) => s.nextId++);
    this.state = state;
    return result;
  }

  /** List a workspace (under a reserved id, or a new one). */
  private async add(name: string, sample: boolean, reserved?: number): Promise<WorkspaceRecord> {
    const { state, result } = await this.registry.update((s) => {
      const id = reserved ?? s.nextId++;
      const record: WorkspaceRecord = { id, name, sample, openedAt: '' };
      s.workspaces.push(record);
      return record;
    });
    this.state = state;
    return result;
  }

  private async isEmpty(id: number): Promise<boolean> {
    if (id === this.openId) return !this.service().hasFiles;
    const count = await withDbs([workspaceDatabaseName(this.base, id)], ([db]) =>
      db!.files.where('status').equals('committed').count(),
    );
    return count === 0;
  }

  private serviceFor(id: number): DatasetService {
    const name = workspaceDatabaseName(this.base, id);
    return new DatasetService(
      new CapeDb(name),
      this.openSource,
      this.today,
      webLock(name),
      () => this.view(),
      this.workbookRows,
    );
  }

  /** Close the open workspace (after its pending operations), keeping its filing date for this tab. */
  private async closeCurrent(): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.filingDates.set(this.openId, c.filingDate);
    this.current = null;
    await c.closeWhenIdle();
  }

  /** Make `service` (of workspace `id`) the open one; remember it for the next start unless `remember` is false. */
  private async adopt(id: number, service: DatasetService, remember = true): Promise<void> {
    await this.closeCurrent();
    this.current = service;
    this.openId = id;
    if (this.listener) service.subscribe(this.listener);
    if (remember) await this.remember(id);
  }

  private async openService(id: number, filingDate: string): Promise<Snapshot> {
    const service = this.serviceFor(id);
    await this.adopt(id, service, false);
    return service.init(this.filingDates.get(id) ?? filingDate);
  }

  /** Close the open workspace and open `id` at this tab's filing date for it (the date shown, the first time). */
  private async switchTo(id: number): Promise<Snapshot> {
    const shown = this.current?.filingDate ?? this.today;
    const snapshot = await this.openService(id, shown);
    await this.remember(id);
    return snapshot;
  }

  /** Which workspace the next start opens. Not stored on a full disk: this tab works on all the same. */
  private async remember(id: number): Promise<void> {
    const stored = await storing(() =>
      this.registry.update((s) => {
        s.openId = id;
        for (const w of s.workspaces) if (w.id === id) w.openedAt = new Date().toISOString();
      }),
    );
    if (!isFailure(stored)) this.state = stored.state;
  }

  /** Another tab changed the list: follow it; when it deleted the workspace open here, open another. */
  private async followOtherTab(): Promise<void> {
    const shown = JSON.stringify(this.view());
    this.state = await this.registry.read();
    if (!this.current) return;
    if (!this.find(this.openId)) {
      const next = this.nextAfterLeaving(this.openId) ?? this.state.workspaces[0]!;
      await this.openService(next.id, this.current.filingDate);
      this.service().notify(`The workspace open here was deleted in another tab; this is “${next.name}”.`);
    }
    // Another tab only opening a workspace changes nothing shown here.
    if (JSON.stringify(this.view()) !== shown) this.listener?.(this.service().snapshot());
  }
}

const rejected = (message: string): Rejected => ({ kind: 'rejected', message });

/** Open databases by name for one use, closed after it. */
async function withDbs<T>(names: string[], use: (dbs: CapeDb[]) => Promise<T>): Promise<T> {
  const dbs = names.map((n) => new CapeDb(n));
  try {
    return await use(dbs);
  } finally {
    for (const db of dbs) db.close();
  }
}

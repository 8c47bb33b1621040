/**
 * The local database (IndexedDB through Dexie). Few records, few indexes: rows and entry attributes
 * live in packed pages keyed by [fileId+page]; a file is visible only once its record says 'committed'.
 */
import Dexie, { type Table } from 'dexie';
import type { AttrPage, EventPage, RowPage, RowProblem } from './pages';
import type { FileReport } from '../ingest/file-report';

export type FileStatus = 'staging' | 'committed';

export interface FileRecord {
  id?: number;
  name: string;
  size: number;
  lastModified: number;
  status: FileStatus;
  /** Position in the dataset: later files win on conflicting rows and attributes. */
  order: number;
  importedAt: string;
  report: FileReport;
  /** SHA-256 of the file's exact bytes (hex), taken at import; files stored before it was taken have none. */
  sha256?: string;
}

export interface ProblemsRecord {
  fileId: number;
  problems: RowProblem[];
  /** All problems found, including those beyond the listed ones. */
  total: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The rule pack a result was computed under: its version and the SHA-256 of its exact bytes. */
export interface RulepackStamp {
  version: string;
  sha256: string;
}

export interface LedgerRecord {
  id?: number;
  /** Declaration file name. */
  name: string;
  entries: string[];
  submittedAt: string;
  /** The whole declaration rejected by CBP (its entries may be filed again). */
  rejected: boolean;
  /** Entries CBP rejected individually. */
  rejectedEntries: string[];
  /** The submission date as the user entered it (YYYY-MM-DD); records marked before it existed use the day of `submittedAt`. */
  submittedOn?: string;
  /** The ACE declaration or claim number, when the user has it. */
  claimNumber?: string;
  /** The rule pack in force when the declaration was marked submitted; absent on records made before packs. */
  rulepack?: RulepackStamp;
}

/**
 * The database of the copy of the app whose folder is `appPath` ('/', '/tools/cape-prep/'): copies under
 * different paths of one origin keep separate data. The copy at the root keeps the name every earlier
 * version used, so its users keep their data.
 */
export function databaseName(appPath: string): string {
  return appPath === '/' ? 'cape-prep' : `cape-prep ${appPath}`;
}

/**
 * This copy's database, from the URL of the worker script opening it: the build puts the worker in
 * `assets/` directly under the app's folder (the dev server serves it from `workers/` under the root),
 * so the folder is one level up. Without a location (Node tests) it is the root copy's.
 */
export function thisCopysDatabaseName(): string {
  const href = (globalThis as { location?: { href: string } }).location?.href;
  return databaseName(href ? new URL('../', href).pathname : '/');
}

export class CapeDb extends Dexie {
  files!: Table<FileRecord, number>;
  rowPages!: Table<RowPage, [number, number]>;
  attrPages!: Table<AttrPage, [number, number]>;
  problems!: Table<ProblemsRecord, number>;
  settings!: Table<SettingRecord, string>;
  ledger!: Table<LedgerRecord, number>;
  /** Rows of CAPE results and refund/payment files, in packed pages like the rows of ES-003 files. */
  eventPages!: Table<EventPage, [number, number]>;

  constructor(name = thisCopysDatabaseName()) {
    super(name);
    this.version(1).stores({
      files: '++id, status',
      rowPages: '[fileId+page]',
      attrPages: '[fileId+page]',
      problems: 'fileId',
      settings: 'key',
      ledger: '++id',
    });
    this.version(2).stores({ eventPages: '[fileId+page]' });
  }
}

export class StorageFullError extends Error {
  constructor() {
    super(
      'Storage full: the browser refused to store more data for this site. Free disk space or remove loaded files, then try again. The dataset is unchanged.',
    );
    this.name = 'StorageFullError';
  }
}

/** Quota errors arrive as QuotaExceededError, or as an AbortError whose `inner` holds it (Chrome). */
export function isQuotaError(e: unknown): boolean {
  for (
    let err = e as { name?: string; inner?: unknown; code?: number } | undefined, depth = 0;
    err && depth < 4;
    err = err.inner as typeof err, depth++
  ) {
    if (err.name === 'QuotaExceededError' || err.code === 22) return true;
  }
  return false;
}

/** Run a write; quota failures become one StorageFullError. */
export async function guardedWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}

/** Delete a file and everything stored for it, in one transaction. */
export async function deleteFileData(db: CapeDb, fileId: number): Promise<void> {
  await db.transaction('rw', [db.files, db.rowPages, db.attrPages, db.eventPages, db.problems], async () => {
    await db.rowPages.where('[fileId+page]').between([fileId, Dexie.minKey], [fileId, Dexie.maxKey]).delete();
    await db.attrPages.where('[fileId+page]').between([fileId, Dexie.minKey], [fileId, Dexie.maxKey]).delete();
    await db.eventPages.where('[fileId+page]').between([fileId, Dexie.minKey], [fileId, Dexie.maxKey]).delete();
    await db.problems.delete(fileId);
    await db.files.delete(fileId);
  });
}

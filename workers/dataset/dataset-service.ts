/**
 * The dataset held by the worker: committed files in memory, the entry table built from them, and
 * the analysis of the current assumptions. Every change (import, removal, assumptions, profile,
 * ledger) ends in a fresh Snapshot for the UI; storage is read only at start-up or when another
 * tab changed it.
 */
import { AnalysisContext } from '../../src/core/analysis';
import { type CompiledRules, compileRules } from '../../src/core/compiled-rules';
import { parseIsoDay } from '../../src/core/dates';
import { type CheckContext, type DeclarationCheck, checkDeclaration } from '../../src/core/declaration-check';
import type { DeclarationFile } from '../../src/core/declarations';
import { entryCode, normaliseEntryNumber } from '../../src/core/entry-number';
import { type Profile, indexProfile, isAuthorized, authorizationChecked } from '../../src/core/profile';
import type { ReasonCode } from '../../src/core/reasons';
import { sampleCsv } from '../../src/core/sample-es003';
import type { FileReport } from '../ingest/file-report';
import { type ImportProgress, type LoadedFile, type SourceFactory, importFile } from '../ingest/import-file';
import { type CapeDb, type LedgerRecord, deleteFileData, guardedWrite } from '../store/db';
import type { RowProblem } from '../store/pages';
import {
  type EntryLine,
  type EntryPage,
  type EntryQuery,
  type EntryRow,
  EntryIndex,
  entryExplanations,
  entryLines,
  entryRow,
} from './entry-query';
import { EntryTable, buildEntryTable } from './entry-table';
import { declarationBlob, declarationFiles, declarationsZip, entriesCsv, problemsCsv } from './exports';
import { type Overview, buildOverview } from './overview';
import { type Results, analyseTable } from './results';
import { type AssumptionsInput, DEFAULT_PROFILE, defaultAssumptions, validRate } from './settings';
import { loadCommittedFiles, discardStaging } from './storage-load';

export interface FileView {
  id: number;
  name: string;
  size: number;
  importedAt: string;
  report: FileReport;
  problemTotal: number;
}

export interface LedgerView {
  id: number;
  name: string;
  entries: number;
  submittedAt: string;
  rejected: boolean;
  rejectedEntries: string[];
}

export interface DeclarationView {
  name: string;
  group: string;
  k: number;
  n: number;
  count: number;
  first: string;
  last: string;
}

export interface Snapshot {
  /** Increases with every analysis; exports are asked for by version. */
  version: number;
  files: FileView[];
  overview: Overview;
  dataset: {
    rows: number;
    entries: number;
    duplicateRows: number;
    conflictingRows: number;
    unknownStatusEntries: number;
    problemTotal: number;
  };
  declarations: DeclarationView[];
  ledger: LedgerView[];
  profile: Profile;
  assumptions: AssumptionsInput;
  notices: string[];
  timing: { buildMs: number; analysisMs: number };
}

export interface ImportOutcome {
  fileName: string;
  kind: 'imported' | 'rejected' | 'cancelled';
  reason?: string;
}

export interface ExportFiles {
  version: number;
  entriesCsv: Blob;
  problemsCsv: Blob;
  declarationsZip: Blob;
  declarations: { name: string; blob: Blob }[];
}

export interface EntryDetail {
  row: EntryRow;
  lines: EntryLine[];
  explanations: { code: ReasonCode; title: string; meaning: string; rule: string; action: string }[];
  files: string[];
}

type Listener = (s: Snapshot) => void;

const LOCK_NAME = 'cape-prep-writer';
export const SAMPLE_FILE_NAME = 'sample-es003.csv';
/** About 2,500 entries and 10,000 rows: every segment, instantly. */
const SAMPLE_ENTRIES = 2_500;
const CHANNEL_NAME = 'cape-prep-dataset';

/** Leave a `cape:*` performance measure from `start` (a performance.now() value) to now, for DevTools and the benchmark; returns its ms. */
function measure(name: string, start: number): number {
  return performance.measure(name, { start, end: performance.now() }).duration;
}

/** One writer at a time across tabs (Web Locks); where the API is missing (Node tests) run directly. */
async function withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (!locks) return fn();
  return locks.request(LOCK_NAME, { mode: 'exclusive' }, fn) as Promise<T>;
}

/**
 * Analysis versions increase across every service in this worker (a fresh one after "Delete all
 * local data" included), so the UI can always tell an older snapshot from a newer one.
 */
let lastVersion = 0;

export class DatasetService {
  private readonly rules: CompiledRules = compileRules();
  private files: LoadedFile[] = [];
  private table = new EntryTable();
  private results: Results | null = null;
  private ctx: AnalysisContext | null = null;
  private index: EntryIndex | null = null;
  private overview: Overview | null = null;
  private declarations: DeclarationFile[] = [];
  private profile: Profile = DEFAULT_PROFILE;
  private assumptions: AssumptionsInput;
  private ledger: LedgerRecord[] = [];
  private version = 0;
  /** Operations that replace `files` run one after another (imports, removals, reloads after another tab's change). */
  private filesQueue: Promise<unknown> = Promise.resolve();
  private notices: string[] = [];
  private timing = { buildMs: 0, analysisMs: 0 };
  /** The row problems CSV depends on the loaded files only: kept while they stay the same. */
  private problemsCsv: { files: LoadedFile[]; blob: Blob } | null = null;
  private cancelRequested = false;
  private importSeq = 0;
  private listener: Listener | null = null;
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly db: CapeDb,
    private readonly openSource: SourceFactory,
    today: string,
  ) {
    this.assumptions = defaultAssumptions(today);
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
    if (this.channel) {
      this.channel.onmessage = () => {
        void this.serially(() => this.reloadFromStorage()).then((s) => this.listener?.(s));
      };
    }
  }

  /** Called with a new snapshot when another tab changed the stored data. */
  subscribe(listener: Listener): void {
    this.listener = listener;
  }

  close(): void {
    this.channel?.close();
    this.db.close();
  }

  async init(filingDate: string): Promise<Snapshot> {
    this.assumptions.filingDate = filingDate;
    const discarded = await withWriteLockIfFree(() => discardStaging(this.db));
    if (discarded) this.noteDiscarded(discarded);
    // The lock is busy: another tab is writing, or the tab just reloaded has not let go yet. Clean up
    // once it is free; under the lock any staging record is an orphan.
    else {
      void withWriteLock(() => discardStaging(this.db)).then((late) => {
        if (this.noteDiscarded(late)) this.listener?.(this.snapshot());
      });
    }
    await this.loadSettings();
    return this.serially(() => this.reloadFromStorage());
  }

  private noteDiscarded(names: string[]): boolean {
    if (names.length === 0) return false;
    this.notices.push(
      `An import of ${names.join(', ')} was interrupted (the tab was closed or reloaded). It was discarded; the dataset is as it was before it.`,
    );
    return true;
  }

  /** Run `fn` after every earlier files operation has finished. */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.filesQueue.then(fn, fn);
    this.filesQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * After "Delete all local data": an empty dataset that opens no storage (so nothing is re-created)
   * until something is saved; other tabs are told to reload.
   */
  startEmpty(filingDate: string): Snapshot {
    this.assumptions.filingDate = filingDate;
    this.rebuild();
    this.broadcast();
    return this.analyse();
  }

  private async loadSettings(): Promise<void> {
    const [profile, assumptions] = await Promise.all([
      this.db.settings.get('profile'),
      this.db.settings.get('assumptions'),
    ]);
    if (profile) this.profile = profile.value as Profile;
    if (assumptions) {
      const saved = assumptions.value as Omit<AssumptionsInput, 'filingDate'>;
      this.assumptions = { ...this.assumptions, ...saved, filingDate: this.assumptions.filingDate };
    }
  }

  private async reloadFromStorage(): Promise<Snapshot> {
    this.files = await loadCommittedFiles(this.db, this.files);
    this.ledger = await this.db.ledger.toArray();
    await this.loadSettings();
    this.rebuild();
    return this.analyse();
  }

  private rebuild(): void {
    const t0 = performance.now();
    this.table = buildEntryTable(this.files, this.rules);
    this.timing.buildMs = measure('cape:build', t0);
  }

  private alreadyFiled(): Set<string> {
    const filed = new Set<string>();
    for (const rec of this.ledger) {
      if (rec.rejected) continue;
      const rejected = new Set(rec.rejectedEntries);
      for (const e of rec.entries) if (!rejected.has(e)) filed.add(e);
    }
    return filed;
  }

  private analyse(): Snapshot {
    const t0 = performance.now();
    const filingDate = parseIsoDay(this.assumptions.filingDate);
    if (filingDate === null) throw new Error(`Filing date must be YYYY-MM-DD, got "${this.assumptions.filingDate}".`);
    this.ctx = new AnalysisContext(
      this.rules,
      {
        filingDate,
        overpaymentRates: this.assumptions.overpaymentRates,
        defaultTaxpayer: this.assumptions.defaultTaxpayer,
        includeDeferred: this.assumptions.includeDeferred,
      },
      indexProfile(this.profile),
      this.alreadyFiled(),
    );
    this.results = analyseTable(this.table, this.ctx);
    this.index = new EntryIndex(this.table, this.results);
    this.overview = buildOverview(this.table, this.results, this.ctx);
    this.declarations = declarationFiles(this.table, this.results, this.ctx, this.assumptions.partition);
    this.timing.analysisMs = measure('cape:analysis', t0);
    this.version = ++lastVersion;
    return this.snapshot();
  }

  snapshot(): Snapshot {
    const t = this.table;
    return {
      version: this.version,
      files: this.files.map((f) => ({
        id: f.record.id,
        name: f.record.name,
        size: f.record.size,
        importedAt: f.record.importedAt,
        report: f.record.report,
        problemTotal: f.problemTotal,
      })),
      overview: this.overview!,
      dataset: {
        rows: this.files.reduce((n, f) => n + f.record.report.counts.rows, 0),
        entries: t.count,
        duplicateRows: t.duplicateRows,
        conflictingRows: t.conflictingRows,
        unknownStatusEntries: t.unknownStatusEntries,
        problemTotal: this.files.reduce((n, f) => n + f.problemTotal, 0),
      },
      declarations: this.declarations.map((d) => ({
        name: d.name,
        group: d.group,
        k: d.k,
        n: d.n,
        count: d.entries.length,
        first: d.entries[0] ?? '',
        last: d.entries[d.entries.length - 1] ?? '',
      })),
      ledger: this.ledger.map((r) => ({
        id: r.id!,
        name: r.name,
        entries: r.entries.length,
        submittedAt: r.submittedAt,
        rejected: r.rejected,
        rejectedEntries: r.rejectedEntries,
      })),
      profile: this.profile,
      assumptions: this.assumptions,
      notices: [...this.notices],
      timing: { ...this.timing },
    };
  }

  dismissNotices(): Snapshot {
    this.notices = [];
    return this.snapshot();
  }

  private broadcast(): void {
    this.channel?.postMessage({ type: 'changed' });
  }

  /** Import files one after another; each is atomic. Cancel stops the current one and skips the rest. */
  importFiles(
    files: File[],
    onProgress: (p: ImportProgress) => void,
  ): Promise<{ outcomes: ImportOutcome[]; snapshot: Snapshot }> {
    // A reload after another tab's change must not land between this import and its analysis.
    return this.serially(() => this.importFilesNow(files, onProgress));
  }

  private async importFilesNow(
    files: File[],
    onProgress: (p: ImportProgress) => void,
  ): Promise<{ outcomes: ImportOutcome[]; snapshot: Snapshot }> {
    this.cancelRequested = false;
    const outcomes: ImportOutcome[] = [];
    const t0 = performance.now();
    await withWriteLock(async () => {
      // Another tab may have changed the data while we waited for the lock.
      this.files = await loadCommittedFiles(this.db, this.files);
      for (const file of files) {
        if (this.cancelRequested) {
          outcomes.push({ fileName: file.name, kind: 'cancelled' });
          continue;
        }
        const order = this.files.reduce((m, f) => Math.max(m, f.record.order), 0) + 1;
        const result = await importFile(
          this.db,
          file,
          { importId: ++this.importSeq, rules: this.rules, order, isCancelled: () => this.cancelRequested, onProgress },
          this.openSource,
        );
        if (result.kind === 'imported') {
          this.files.push(result.loaded);
          outcomes.push({ fileName: file.name, kind: 'imported' });
        } else if (result.kind === 'rejected') {
          outcomes.push({ fileName: file.name, kind: 'rejected', reason: result.reason });
        } else {
          outcomes.push({ fileName: file.name, kind: 'cancelled' });
        }
      }
    });
    measure('cape:import', t0);
    if (outcomes.some((o) => o.kind === 'imported')) {
      this.rebuild();
      this.broadcast();
    }
    return { outcomes, snapshot: this.analyse() };
  }

  /** "Try with sample data": a generated ES-003 export, imported through the same pipeline as a user's file. */
  async importSample(
    onProgress: (p: ImportProgress) => void,
  ): Promise<{ outcomes: ImportOutcome[]; snapshot: Snapshot }> {
    const filingDate = parseIsoDay(this.assumptions.filingDate)!;
    const text = sampleCsv({ entries: SAMPLE_ENTRIES, seed: 20260420, filingDate, formattedMoney: true });
    return this.importFiles([new File([text], SAMPLE_FILE_NAME, { type: 'text/csv' })], onProgress);
  }

  cancelImport(): void {
    this.cancelRequested = true;
  }

  removeFile(fileId: number): Promise<Snapshot> {
    return this.serially(async () => {
      await withWriteLock(() => deleteFileData(this.db, fileId));
      this.files = this.files.filter((f) => f.record.id !== fileId);
      this.rebuild();
      this.broadcast();
      return this.analyse();
    });
  }

  async setAssumptions(a: AssumptionsInput): Promise<Snapshot> {
    if (parseIsoDay(a.filingDate) === null)
      throw new Error(`Filing date must be a real date (YYYY-MM-DD), got "${a.filingDate}".`);
    for (const r of a.overpaymentRates) {
      if (!validRate(r.corporate) || !validRate(r.nonCorporate))
        throw new Error(`Rates for ${r.quarter} must be percentages between 0 and 100.`);
    }
    this.assumptions = { ...a, overpaymentRates: a.overpaymentRates.map((r) => ({ ...r })) };
    const kept: Partial<AssumptionsInput> = { ...this.assumptions };
    delete kept.filingDate;
    await this.db.settings.put({ key: 'assumptions', value: kept });
    return this.analyse();
  }

  async saveProfile(p: Profile): Promise<Snapshot> {
    this.profile = structuredClone(p);
    await guardedWrite(() => this.db.settings.put({ key: 'profile', value: this.profile }));
    this.broadcast();
    return this.analyse();
  }

  queryEntries(q: EntryQuery): EntryPage {
    return this.index!.page(q);
  }

  entryDetail(entryNumber: string): EntryDetail | null {
    const normalised = normaliseEntryNumber(entryNumber);
    if (normalised === null) return null;
    const i = this.table.indexOf(entryCode(normalised));
    if (i < 0) return null;
    const row = entryRow(this.table, this.results!, i);
    const lines = entryLines(this.table, i, (hts) => {
      const h = this.rules.headings.get(hts.slice(0, 8));
      return h ? `${h.rule.program}: ${h.rule.label}` : 'Unknown IEEPA heading';
    });
    return {
      row,
      lines,
      explanations: entryExplanations(this.table, i, row.reasons, this.rules),
      files: [...new Set(lines.map((l) => l.file))],
    };
  }

  problems(offset: number, limit: number): { total: number; rows: (RowProblem & { file: string })[] } {
    const all: (RowProblem & { file: string })[] = [];
    for (const f of this.files) for (const p of f.problems) all.push({ ...p, file: f.record.name });
    return { total: all.length, rows: all.slice(offset, offset + limit) };
  }

  private problemsBlob(): Blob {
    const cached = this.problemsCsv;
    if (cached && cached.files.length === this.files.length && cached.files.every((f, k) => f === this.files[k]))
      return cached.blob;
    this.problemsCsv = { files: [...this.files], blob: problemsCsv(this.files) };
    return this.problemsCsv.blob;
  }

  /** Download files of the given analysis version; null when a newer analysis superseded it. */
  exportFiles(version: number): ExportFiles | null {
    if (version !== this.version || !this.results) return null;
    const t0 = performance.now();
    const files = {
      version,
      entriesCsv: entriesCsv(this.table, this.results),
      problemsCsv: this.problemsBlob(),
      declarationsZip: declarationsZip(this.declarations, this.assumptions.filingDate),
      declarations: this.declarations.map((d) => ({ name: d.name, blob: declarationBlob(d) })),
    };
    measure('cape:exports', t0);
    return files;
  }

  async checkDeclarationFile(file: File): Promise<DeclarationCheck> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const profile = indexProfile(this.profile);
    const ctx: CheckContext = {
      maxEntries: this.rules.maxEntriesPerDeclaration,
      authorizationChecked: authorizationChecked(profile),
      isAuthorized: (e, importer) =>
        profile.authorizedIors && importer === null ? true : isAuthorized(profile, e, importer ?? ''),
      lookup: (e) => {
        const i = this.table.indexOf(entryCode(e));
        if (i < 0 || !this.results) return undefined;
        const row = entryRow(this.table, this.results, i);
        return { importerNumber: row.importerNumber, segment: row.segment, reasons: row.reasons };
      },
    };
    return checkDeclaration(file.name, bytes, ctx);
  }

  /** Remember declarations as submitted to CBP: their entries get ALREADY_FILED from now on. */
  async markSubmitted(names: string[]): Promise<Snapshot> {
    const chosen = this.declarations.filter((d) => names.includes(d.name));
    const now = new Date().toISOString();
    await guardedWrite(() =>
      this.db.ledger.bulkAdd(
        chosen.map((d) => ({
          name: d.name,
          entries: d.entries,
          submittedAt: now,
          rejected: false,
          rejectedEntries: [],
        })),
      ),
    );
    this.ledger = await this.db.ledger.toArray();
    this.broadcast();
    return this.analyse();
  }

  async updateLedger(id: number, rejected: boolean, rejectedEntries: string[]): Promise<Snapshot> {
    const entries = rejectedEntries.map((e) => normaliseEntryNumber(e)).filter((e): e is string => e !== null);
    await this.db.ledger.update(id, { rejected, rejectedEntries: entries });
    this.ledger = await this.db.ledger.toArray();
    this.broadcast();
    return this.analyse();
  }

  async deleteLedgerRecord(id: number): Promise<Snapshot> {
    await this.db.ledger.delete(id);
    this.ledger = await this.db.ledger.toArray();
    this.broadcast();
    return this.analyse();
  }
}

/** Run fn under the writer lock only if no other tab holds it (start-up clean-up must not touch a live import); null when it is held. */
async function withWriteLockIfFree<T>(fn: () => Promise<T>): Promise<T | null> {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (!locks) return fn();
  return (await locks.request(LOCK_NAME, { mode: 'exclusive', ifAvailable: true }, async (lock) =>
    lock ? fn() : null,
  )) as T | null;
}

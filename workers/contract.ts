/**
 * The worker contract: every type the UI sees of the dataset worker, and every error, comes from
 * here. The UI imports this module with `import type` only (lint enforces it), so nothing of the
 * worker's code — Dexie, the parsers — can reach the main chunk.
 *
 * Errors are data: a call that can fail for a reason the user can act on returns a tagged result
 * (`kind` plus a `message` written for the user) instead of throwing, and every switch over these
 * unions ends in an exhaustiveness check (`default: x satisfies never`). A thrown error across the
 * boundary means a defect, never a bad file or a full disk.
 */
import type { DeclarationCheck } from '../src/core/declaration-check';
import type { ChosenColumns } from '../src/core/header-mapping';
import type { TaxpayerType } from '../src/core/interest';
import type { AchEnrollment, Profile } from '../src/core/profile';
import type { RateRow } from '../src/core/rate-overrides';
import type { ReasonCode, Segment } from '../src/core/reasons';
import type { Rulepack } from '../src/core/rulebook';
import type { RulepackChange } from '../src/core/rulepack-diff';
import type { api } from './dataset.worker';
import type { EntryLine, EntryRow } from './dataset/entry-query';
import type { Overview } from './dataset/overview';
import type { AssumptionsInput } from './dataset/settings';
import type { ColumnPreview } from './ingest/column-preview';
import type { FilingDetail } from './dataset/filing-detail';
import type { FileReport } from './ingest/file-report';
import type { RulepackStamp } from './store/db';
import type { RowProblem } from './store/pages';

export type { EntryLine, EntryPage, EntryQuery, EntryRow, EntrySort } from './dataset/entry-query';
export type { DeadlineDay, Overview, PaymentView } from './dataset/overview';
export type {
  ClaimFilings,
  FollowUp,
  FollowUpKind,
  IorFilings,
  LifecycleOverview,
  PaidGroup,
  Rejection,
} from './dataset/lifecycle-overview';
export type { FilingDetail, TimelineEvent } from './dataset/filing-detail';
export type { Report, ReportEntry, ReportIor, ReportRisk, ReportTotals } from './dataset/report';
export type { AssumedRatesView, OtherDutyView } from './dataset/rule-figures';
export type { AssumptionsInput } from './dataset/settings';
export type { ColumnPreview } from './ingest/column-preview';
export type { FileReport } from './ingest/file-report';
export type { ImportProgress } from './ingest/import-file';
export type { RulepackStamp } from './store/db';
export type { RateRow } from '../src/core/rate-overrides';
export type { RulepackChange } from '../src/core/rulepack-diff';
export type { StorageInfo } from './store/storage-info';

/** The worker's API as the UI calls it: the type of the worker's own `api` object, so it cannot drift. */
export type DatasetApi = typeof api;

// ---- Failures: what went wrong, for the user ----

interface Failure<K extends string> {
  kind: K;
  message: string;
}

/** The browser refused to store more: nothing of the change was kept; the dataset is as it was. */
export type StorageFull = Failure<'storage-full'>;
/** The input breaks a rule (e.g. a filing date that is not a date): nothing was changed. */
export type InvalidInput = Failure<'invalid-input'>;
/** A file that cannot be read as what it claims to be. */
export type Rejected = Failure<'rejected'>;
/** Stopped by the user: nothing of it was stored. */
export type Cancelled = Failure<'cancelled'>;

/** Every failure a worker call can return. */
export type WorkerFailure = StorageFull | InvalidInput | Rejected | Cancelled;

// ---- Results of the calls that can fail ----

/** A change was stored and the dataset analysed again. */
export interface Updated {
  kind: 'updated';
  snapshot: Snapshot;
}

/** Any change to stored data: removing a file, the profile, the ledger. */
export type WriteResult = Updated | StorageFull;
/**
 * A change checked before it is stored: assumptions, a submission date, a ledger backup (checked in
 * full: a bad file changes nothing and says why).
 */
export type CheckedWriteResult = Updated | StorageFull | InvalidInput;
export type AssumptionsResult = CheckedWriteResult;
/** A client-list CSV: taken whole, or refused with the cells it cannot take. */
export type ClientListResult = CheckedWriteResult;

/** One file of an import: each is atomic, so a failed one leaves nothing behind. */
export type ImportOutcome =
  | { kind: 'imported'; fileName: string }
  | (Rejected & {
      fileName: string;
      /** Refused for its header row: the user may map its columns. */ mappable: boolean;
    })
  | ((Cancelled | StorageFull) & { fileName: string });

/** Columns the user chose for one file on the mapping screen; remembered for files with the same header row. */
export interface ColumnChoice {
  /** The header row's cells as the preview showed them: the choice is remembered under their signature. */
  headers: string[];
  columns: ChosenColumns;
  /** The id of a loaded file this import replaces (its columns mapped again). */
  replaces?: number;
}

/** A file's first rows for the mapping screen, or why it cannot be read at all. */
export type PreviewResult = { kind: 'preview'; preview: ColumnPreview } | Rejected;

export interface ImportBatch {
  outcomes: ImportOutcome[];
  /** The analysis after the batch (unchanged figures when nothing was imported). */
  snapshot: Snapshot;
}

/** A pack file that is not a valid rule pack: `problems` say what is wrong and where, one per value. */
export type RulepackRejected = Rejected & { problems: string[] };

/** A valid pack file and what applying it would change; nothing is applied yet. */
export type RulepackPreviewResult = { kind: 'preview'; preview: RulepackPreview } | RulepackRejected;

/** Applying the previewed pack: refused (not the previewed pack, or older without confirmation) as invalid input. */
export type RulepackApplyResult = Updated | StorageFull | InvalidInput;

/** A declaration made elsewhere, checked against CAPE's file rules and the loaded data. */
export type CheckResult = { kind: 'checked'; check: DeclarationCheck } | Rejected;

// ---- What the UI shows ----

export interface FileView {
  id: number;
  name: string;
  size: number;
  lastModified: number;
  importedAt: string;
  /** SHA-256 of the file's exact bytes (hex); null for files stored before the app recorded it. */
  sha256: string | null;
  report: FileReport;
  /** Row problems found on import, plus rows whose entry is not in the dataset. */
  problemTotal: number;
  /** A results or payment file's entries that are not in the dataset (SPEC §10): listed, never added. */
  notInData: { rows: number; entries: number; first: string[] } | null;
}

export interface LedgerView {
  id: number;
  name: string;
  entries: number;
  /** When it was marked (ISO timestamp). */
  submittedAt: string;
  /** The submission date (YYYY-MM-DD): as entered, else the day it was marked. */
  submittedOn: string;
  /** The ACE declaration or claim number; '' when not entered. */
  claimNumber: string;
  rejected: boolean;
  rejectedEntries: string[];
  /** The rule pack in force when it was marked submitted; null for records made before rule packs. */
  rulepack: RulepackStamp | null;
}

export interface DeclarationView {
  name: string;
  group: string;
  k: number;
  n: number;
  count: number;
  /** The refund its entries declare (principal + interest), cents. */
  refund: number;
  first: string;
  last: string;
  /** A refile declaration: rejected entries that can be declared again (SPEC §6, §10). */
  refile: boolean;
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
  /** The rule pack in force: every figure of this snapshot rests on it (and reports state it). */
  rulepack: RulepackInForce;
  /** The overpayment rates in force: the pack's, with the user's edits. */
  rates: RateRow[];
  notices: string[];
  timing: { buildMs: number; analysisMs: number };
  /** The workspace this snapshot is of, and the others of this copy of the app. */
  workspaces: WorkspacesView;
}

// ---- Workspaces ----

export interface WorkspaceView {
  id: number;
  name: string;
  /** The built-in sample's workspace: fictitious importers, kept apart from real files. */
  sample: boolean;
}

export interface WorkspacesView {
  /** The id of the workspace open in this tab. */
  open: number;
  list: WorkspaceView[];
}

/** What the Workspaces screen lists beside each name (read from storage; only the open one is in memory). */
export interface WorkspaceSummary {
  id: number;
  files: number;
  rows: number;
}

/** A workspace change (open, create, rename, duplicate, delete, restore): the workspace open after it. */
export type WorkspaceResult = Updated | StorageFull | InvalidInput | Rejected;

export interface WorkspaceBackup {
  fileName: string;
  blob: Blob;
}

export interface RulepackInForce {
  version: string;
  asOf: string;
  /** SHA-256 of the pack's exact bytes (of the built-in pack: of its bytes as exported). */
  sha256: string;
  origin: 'built-in' | 'loaded';
  /** The file a loaded pack came from and when it was applied (ISO time); null for the built-in pack. */
  fileName: string | null;
  appliedAt: string | null;
  builtIn: { version: string; asOf: string };
}

export interface RulepackTotals {
  count: number;
  interest: number;
  refund: number;
}

/** What a candidate pack does to the figures: the total to declare before and after, entries changing segment. */
export interface RulepackEffect {
  before: RulepackTotals;
  after: RulepackTotals;
  segmentMoves: { from: Segment; to: Segment; count: number }[];
  /** Entries whose refund (principal + interest) changes. */
  refundChanged: number;
}

export interface RulepackPreview {
  fileName: string;
  version: string;
  asOf: string;
  sha256: string;
  /** Older than the app's built-in pack: applies only when the user confirms. */
  olderThanBuiltIn: boolean;
  /** The very pack in force (same bytes). */
  sameAsInForce: boolean;
  /** Its changelog entries the pack in force does not have. */
  changelog: Rulepack['changes'];
  changes: RulepackChange[];
  effect: RulepackEffect;
}

/** The pack in force: its document for the Rulebook screen and its exact bytes for download. */
export interface RulepackDocument {
  pack: Rulepack;
  sha256: string;
  fileName: string;
  file: Blob;
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
  /** Row problems found on import in the entry's own rows (file, row, column, value, what is wrong). */
  problems: ProblemRow[];
  /** After filing (SPEC §10): status, timeline, CAPE's error and its fix, payments against the estimate. */
  filing: FilingDetail;
  /** Quarters whose overpayment rate is assumed (not in the rate table) that the entry's interest runs through. */
  assumedRateQuarters: string[];
  /** How its interest is computed: from the deposit date to the projected date, quarter by quarter; null without a period. */
  interestBasis: {
    from: string;
    to: string;
    days: number;
    taxpayer: TaxpayerType;
    /** The IOR's own taxpayer type from the client list (else the assumptions' default). */
    taxpayerFromClientList: boolean;
    periods: { quarter: string; from: string; to: string; days: number; ratePercent: string; assumed: boolean }[];
  } | null;
  /** When and to whom CBP pays its refund (entries with an expected payment); null otherwise. */
  payment: {
    /** Projected date + CBP's payment window. */
    expectedBy: string;
    /** The Form 4811 designee, else the IOR. */
    recipient: string;
    viaDesignee: boolean;
    achEnrolled: AchEnrollment;
    warnings: string[];
  } | null;
}

/** A row problem and the file it is in. */
export type ProblemRow = RowProblem & { file: string };

export interface ProblemPage {
  /** Problems listed over all files (each file keeps its first ones; see the file report for its total). */
  total: number;
  rows: ProblemRow[];
}

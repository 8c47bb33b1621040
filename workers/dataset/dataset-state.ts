/**
 * The dataset in the worker's memory: committed files, the entry table built from them, the
 * settings and ledger, and the analysis of the current assumptions. Only the jobs around it change
 * it (imports, settings, ledger: through the write path); every change ends in `analyse()`, a
 * fresh Snapshot for the UI.
 */
import { AnalysisContext } from '../../src/core/analysis';
import { type CompiledRules, compileRules } from '../../src/core/compiled-rules';
import { parseIsoDay } from '../../src/core/dates';
import type { DeclarationFile } from '../../src/core/declarations';
import { type Profile, indexProfile } from '../../src/core/profile';
import type { Snapshot, WorkspacesView } from '../contract';
import type { LoadedFile } from '../ingest/import-file';
import type { LedgerRecord } from '../store/db';
import { EntryIndex } from './entry-query';
import { EntryTable, buildEntryTable } from './entry-table';
import { declarationFiles } from './exports';
import { alreadyFiled } from './ledger';
import { type Overview, buildOverview } from './overview';
import { type Results, analyseTable } from './results';
import { type AssumptionsInput, DEFAULT_PROFILE, defaultAssumptions } from './settings';

/** Leave a `cape:*` performance measure from `start` (a performance.now() value) to now, for DevTools and the benchmark; returns its ms. */
export function measure(name: string, start: number): number {
  return performance.measure(name, { start, end: performance.now() }).duration;
}

/**
 * Analysis versions increase across every dataset in this worker (a fresh one after "Delete all
 * local data" included), so the UI can always tell an older snapshot from a newer one.
 */
let lastVersion = 0;

/** A dataset outside any list of workspaces (tests): the one workspace there is. */
function singleWorkspace(): WorkspacesView {
  return { open: 1, list: [{ id: 1, name: 'My data', sample: false }] };
}

export class DatasetState {
  readonly rules: CompiledRules = compileRules();
  files: LoadedFile[] = [];
  table = new EntryTable();
  results: Results | null = null;
  ctx: AnalysisContext | null = null;
  index: EntryIndex | null = null;
  overview: Overview | null = null;
  declarations: DeclarationFile[] = [];
  profile: Profile = DEFAULT_PROFILE;
  assumptions: AssumptionsInput;
  ledger: LedgerRecord[] = [];
  version = 0;
  notices: string[] = [];
  timing = { buildMs: 0, analysisMs: 0 };

  /** `workspaces` tells which workspace this dataset is and what the others are called (for the snapshot). */
  constructor(
    today: string,
    private readonly workspaces: () => WorkspacesView = singleWorkspace,
  ) {
    this.assumptions = defaultAssumptions(today);
  }

  rebuild(): void {
    const t0 = performance.now();
    this.table = buildEntryTable(this.files, this.rules);
    this.timing.buildMs = measure('cape:build', t0);
  }

  analyse(): Snapshot {
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
      alreadyFiled(this.ledger),
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
        refund: d.refund,
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
      workspaces: this.workspaces(),
    };
  }
}

/**
 * The dataset in the worker's memory: committed files, the entry table built from them, the
 * settings and ledger, and the analysis of the current assumptions. Only the jobs around it change
 * it (imports, settings, ledger: through the write path); every change ends in `analyse()`, a
 * fresh Snapshot for the UI.
 */
import { AnalysisContext, type Assumptions } from '../../src/core/analysis';
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { type CompiledRules, compileRules } from '../../src/core/compiled-rules';
import { type DayNum, formatDay, parseIsoDay } from '../../src/core/dates';
import type { DeclarationFile } from '../../src/core/declarations';
import type { ChosenColumns } from '../../src/core/header-mapping';
import { type Profile, type ProfileIndex, indexProfile } from '../../src/core/profile';
import { type RateRow, effectiveRates } from '../../src/core/rate-overrides';
import type { LoadedRulepack } from '../../src/core/rulebook';
import type { RulepackInForce, Snapshot, WorkspacesView } from '../contract';
import { reportUnder } from '../ingest/file-report';
import type { LoadedFile } from '../ingest/import-file';
import type { LedgerRecord, RulepackStamp } from '../store/db';
import { EntryIndex } from './entry-query';
import { EntryTable, buildEntryTable } from './entry-table';
import { declarationFiles } from './exports';
import { Filings, buildFilings, isLifecycleFile, submittedOn } from './filings';
import { LifecycleSummary, followUpOf } from './lifecycle-overview';
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

/** Entry numbers not in the dataset listed per file in the snapshot; the row problems list every row. */
const LISTED_UNKNOWN = 100;

/** The pack in force and where it came from. */
export interface PackInForce {
  loaded: LoadedRulepack;
  origin: 'built-in' | 'loaded';
  /** The file a loaded pack came from, and when it was applied (ISO time); null for the built-in pack. */
  fileName: string | null;
  appliedAt: string | null;
}

export function builtInPack(): PackInForce {
  return { loaded: builtInRulepack(), origin: 'built-in', fileName: null, appliedAt: null };
}

export class DatasetState {
  pack: PackInForce = builtInPack();
  /** The pack in force, compiled; replaced with the pack (useRulepack), never changed in place. */
  rules: CompiledRules = compileRules(this.pack.loaded.pack);
  files: LoadedFile[] = [];
  table = new EntryTable();
  /** Each entry's filing (SPEC §10): built with the table and when the ledger changes, never per what-if. */
  filings = new Filings(0);
  results: Results | null = null;
  ctx: AnalysisContext | null = null;
  index: EntryIndex | null = null;
  overview: Overview | null = null;
  declarations: DeclarationFile[] = [];
  profile: Profile = DEFAULT_PROFILE;
  assumptions: AssumptionsInput;
  ledger: LedgerRecord[] = [];
  /** Column mappings the user chose, by header signature (settings.ts keeps them). */
  columnMappings = new Map<string, ChosenColumns>();
  version = 0;
  notices: string[] = [];
  timing = { buildMs: 0, analysisMs: 0 };
  /** The day payments are judged overdue on. */
  readonly today: DayNum;
  /**
   * Analysis contexts of filing dates F_e, kept across what-ifs (a new F changes none of them): filed
   * entries share few dates, and each context keeps its interest factors. Cleared when the rates, the
   * default taxpayer type, the profile or the rules change.
   */
  private filedContexts = new Map<number, AnalysisContext>();
  private filedContextsKey = '';
  private filedProfile: Profile | null = null;
  private filedRules: CompiledRules | null = null;
  /** Changes whenever filed entries' figures may change (new filings, or the filed contexts reset). */
  private filedEpoch = 0;
  /** The filed epoch `results` were computed in (-1: none yet). */
  private resultsEpoch = -1;
  private readonly lifecycle = new LifecycleSummary();

  /** `workspaces` tells which workspace this dataset is and what the others are called (for the snapshot). */
  constructor(
    today: string,
    private readonly workspaces: () => WorkspacesView = singleWorkspace,
  ) {
    this.assumptions = defaultAssumptions(today);
    this.today = parseIsoDay(today) ?? (0 as DayNum);
  }

  /** Put a pack in force; the entry table is built again by the caller (rebuild) before the next analysis. */
  useRulepack(pack: PackInForce): void {
    this.pack = pack;
    this.rules = compileRules(pack.loaded.pack);
  }

  rebuild(): void {
    const t0 = performance.now();
    this.table = buildEntryTable(this.files, this.rules);
    this.filings = buildFilings(this.table, this.files, this.ledger);
    this.filedEpoch++;
    this.timing.buildMs = measure('cape:build', t0);
  }

  /** The overpayment rates in force under a pack's rules: its table with the user's edits. */
  rates(rules: CompiledRules = this.rules): RateRow[] {
    return effectiveRates(rules.pack.overpaymentRates, this.assumptions.rateOverrides);
  }

  /** The ledger changed: filings again (the entry table stays). */
  refile(): void {
    this.filings = buildFilings(this.table, this.files, this.ledger);
    this.filedEpoch++;
  }

  /** The context that analyses entries filed on `day` (SPEC §10), cached per day. */
  private atFiling(base: Assumptions, profile: ProfileIndex): (day: DayNum) => AnalysisContext {
    const key = JSON.stringify([base.overpaymentRates, base.defaultTaxpayer]);
    if (key !== this.filedContextsKey || this.profile !== this.filedProfile || this.rules !== this.filedRules) {
      this.filedContexts = new Map();
      this.filedContextsKey = key;
      this.filedProfile = this.profile;
      this.filedRules = this.rules;
      this.filedEpoch++;
    }
    const cache = this.filedContexts;
    return (day) => {
      let ctx = cache.get(day);
      if (!ctx) cache.set(day, (ctx = new AnalysisContext(this.rules, { ...base, filingDate: day }, profile, true)));
      return ctx;
    };
  }

  /** The assumptions in force as the analysis takes them, under `rules` (their rate table). */
  private assumptionsUnder(rules: CompiledRules): Assumptions {
    const filingDate = parseIsoDay(this.assumptions.filingDate);
    if (filingDate === null) throw new Error(`Filing date must be YYYY-MM-DD, got "${this.assumptions.filingDate}".`);
    return {
      filingDate,
      overpaymentRates: this.rates(rules),
      defaultTaxpayer: this.assumptions.defaultTaxpayer,
      includeDeferred: this.assumptions.includeDeferred,
    };
  }

  /**
   * The results and declared total of the current data under other rules (a rule pack's preview), on
   * `table` built under them: nothing in force changes, no cache is used or kept.
   */
  preview(rules: CompiledRules, table: EntryTable): { results: Results; declared: Overview['declared'] } {
    const filings = table === this.table ? this.filings : buildFilings(table, this.files, this.ledger);
    const base = this.assumptionsUnder(rules);
    const profile = indexProfile(this.profile);
    const ctx = new AnalysisContext(rules, base, profile);
    const contexts = new Map<number, AnalysisContext>();
    const atFiling = (day: DayNum): AnalysisContext => {
      let c = contexts.get(day);
      if (!c) contexts.set(day, (c = new AnalysisContext(rules, { ...base, filingDate: day }, profile, true)));
      return c;
    };
    const results = analyseTable(table, ctx, { filings, atFiling, previous: null });
    const after = { filings, files: this.files, ledger: this.ledger, today: this.today };
    const overview = buildOverview(table, results, ctx, { ...after, summary: new LifecycleSummary(), epoch: 0 });
    return { results, declared: overview.declared };
  }

  analyse(): Snapshot {
    const t0 = performance.now();
    const base = this.assumptionsUnder(this.rules);
    const profile = indexProfile(this.profile);
    this.ctx = new AnalysisContext(this.rules, base, profile);
    const filings = this.filings;
    const atFiling = this.atFiling(base, profile);
    // Filed entries' results carry over from the last analysis while their epoch holds (results.ts).
    const previous = this.resultsEpoch === this.filedEpoch ? this.results : null;
    this.results = analyseTable(this.table, this.ctx, { filings, atFiling, previous });
    this.resultsEpoch = this.filedEpoch;
    const results = this.results;
    this.index = new EntryIndex(this.table, results, this.rules, filings, (i) =>
      followUpOf(i, this.table, results, filings, this.rules, this.today),
    );
    this.overview = buildOverview(this.table, this.results, this.ctx, {
      filings,
      files: this.files,
      ledger: this.ledger,
      today: this.today,
      summary: this.lifecycle,
      epoch: this.filedEpoch,
    });
    this.declarations = declarationFiles(
      this.table,
      this.results,
      this.ctx,
      this.assumptions.partition,
      this.assumptions.urgentFirst,
      filings,
      new Set(this.ledger.map((r) => r.name)),
    );
    this.timing.analysisMs = measure('cape:analysis', t0);
    this.version = ++lastVersion;
    return this.snapshot();
  }

  snapshot(): Snapshot {
    const t = this.table;
    return {
      version: this.version,
      files: this.files.map((f) => {
        const unknown = this.filings.unknown.get(f.record.id);
        return {
          id: f.record.id,
          name: f.record.name,
          size: f.record.size,
          lastModified: f.record.lastModified,
          importedAt: f.record.importedAt,
          sha256: f.record.sha256 ?? null,
          report: reportUnder(f.record.report, this.rules),
          problemTotal: f.problemTotal + (unknown?.rows ?? 0),
          notInData: unknown
            ? { rows: unknown.rows, entries: unknown.entries.length, first: unknown.entries.slice(0, LISTED_UNKNOWN) }
            : null,
        };
      }),
      overview: this.overview!,
      dataset: {
        // Tariff and status rows: the rows of results and payment files are their files' own.
        rows: this.files.reduce((n, f) => n + (isLifecycleFile(f) ? 0 : f.record.report.counts.rows), 0),
        entries: t.count,
        duplicateRows: t.duplicateRows,
        conflictingRows: t.conflictingRows,
        unknownStatusEntries: t.unknownStatusEntries,
        problemTotal: this.files.reduce(
          (n, f) => n + f.problemTotal + (this.filings.unknown.get(f.record.id)?.rows ?? 0),
          0,
        ),
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
        refile: d.refile,
      })),
      ledger: this.ledger.map((r) => ({
        id: r.id!,
        name: r.name,
        entries: r.entries.length,
        submittedAt: r.submittedAt,
        submittedOn: formatDay(submittedOn(r)),
        claimNumber: r.claimNumber ?? '',
        rejected: r.rejected,
        rejectedEntries: r.rejectedEntries,
        rulepack: r.rulepack ?? null,
      })),
      profile: this.profile,
      assumptions: this.assumptions,
      rulepack: this.rulepackInForce(),
      rates: this.rates(),
      notices: [...this.notices],
      timing: { ...this.timing },
      workspaces: this.workspaces(),
    };
  }

  /** What a result computed now is stamped with, so it can be reproduced later. */
  rulepackStamp(): RulepackStamp {
    return { version: this.pack.loaded.pack.version, sha256: this.pack.loaded.sha256 };
  }

  /** The pack in force as the screens and reports show it: version, as-of date and SHA-256, where it came from. */
  rulepackInForce(): RulepackInForce {
    const { loaded, origin, fileName, appliedAt } = this.pack;
    const builtIn = builtInRulepack().pack;
    return {
      version: loaded.pack.version,
      asOf: loaded.pack.asOf,
      sha256: loaded.sha256,
      origin,
      fileName,
      appliedAt,
      builtIn: { version: builtIn.version, asOf: builtIn.asOf },
    };
  }
}

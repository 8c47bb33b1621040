/**
 * The dataset in the worker's memory: committed files, the entry table built from them, the
 * settings and ledger, and the analysis of the current assumptions. Only the jobs around it change
 * it (imports, settings, ledger: through the write path); every change ends in `analyse()`, a
 * fresh Snapshot for the UI.
 */
import { AnalysisContext } from '../../src/core/analysis';
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { type CompiledRules, compileRules } from '../../src/core/compiled-rules';
import { parseIsoDay } from '../../src/core/dates';
import type { DeclarationFile } from '../../src/core/declarations';
import { type Profile, indexProfile } from '../../src/core/profile';
import { type RateRow, effectiveRates } from '../../src/core/rate-overrides';
import type { LoadedRulepack } from '../../src/core/rulebook';
import type { RulepackInForce, Snapshot } from '../contract';
import { reportUnder } from '../ingest/file-report';
import type { LoadedFile } from '../ingest/import-file';
import type { LedgerRecord, RulepackStamp } from '../store/db';
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

  constructor(today: string) {
    this.assumptions = defaultAssumptions(today);
  }

  /** Put a pack in force; the entry table is built again by the caller (rebuild) before the next analysis. */
  useRulepack(pack: PackInForce): void {
    this.pack = pack;
    this.rules = compileRules(pack.loaded.pack);
  }

  rebuild(): void {
    const t0 = performance.now();
    this.table = buildEntryTable(this.files, this.rules);
    this.timing.buildMs = measure('cape:build', t0);
  }

  /** The overpayment rates in force under a pack's rules: its table with the user's edits. */
  rates(rules: CompiledRules = this.rules): RateRow[] {
    return effectiveRates(rules.pack.overpaymentRates, this.assumptions.rateOverrides);
  }

  /** The analysis context of the current assumptions, profile and ledger under the given rules. */
  context(rules: CompiledRules): AnalysisContext {
    const filingDate = parseIsoDay(this.assumptions.filingDate);
    if (filingDate === null) throw new Error(`Filing date must be YYYY-MM-DD, got "${this.assumptions.filingDate}".`);
    return new AnalysisContext(
      rules,
      {
        filingDate,
        overpaymentRates: this.rates(rules),
        defaultTaxpayer: this.assumptions.defaultTaxpayer,
        includeDeferred: this.assumptions.includeDeferred,
      },
      indexProfile(this.profile),
      alreadyFiled(this.ledger),
    );
  }

  analyse(): Snapshot {
    const t0 = performance.now();
    this.ctx = this.context(this.rules);
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
        report: reportUnder(f.record.report, this.rules),
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
        rulepack: r.rulepack ?? null,
      })),
      profile: this.profile,
      assumptions: this.assumptions,
      rulepack: this.rulepackInForce(),
      rates: this.rates(),
      notices: [...this.notices],
      timing: { ...this.timing },
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

/** Reads of the analysed dataset for the UI: entry pages, one entry's detail, row problems, declaration checks. */
import { otherChapter99Of } from '../../src/core/compiled-rules';
import { type CheckContext, checkDeclaration } from '../../src/core/declaration-check';
import { type DayNum, addDays, formatDay } from '../../src/core/dates';
import { importerKey } from '../../src/core/cell-values';
import { achWarnings } from '../../src/core/distribution';
import { hasExpectedPayment } from '../../src/core/reasons';
import { NO_DAY } from '../store/pages';
import { depositDate } from '../../src/core/entry-facts';
import { entryCode, normaliseEntryNumber } from '../../src/core/entry-number';
import { indexProfile, isAuthorized, authorizationChecked } from '../../src/core/profile';
import type { CheckResult, EntryDetail, ProblemPage, ProblemRow } from '../contract';
import type { DatasetState } from './dataset-state';
import { blankFacts } from './entry-table';
import { type EntryPage, type EntryQuery, entryExplanations, entryLines, entryRow } from './entry-query';
import { fileProblems } from './exports';
import { filingDetail } from './filing-detail';
import type { Report } from './report';

export class Queries {
  constructor(private readonly data: DatasetState) {}

  queryEntries(q: EntryQuery): EntryPage {
    return this.data.index!.page(q);
  }

  entryDetail(entryNumber: string): EntryDetail | null {
    const normalised = normaliseEntryNumber(entryNumber);
    if (normalised === null) return null;
    const i = this.data.table.indexOf(entryCode(normalised));
    if (i < 0) return null;
    const { table, results, rules, ctx } = this.data;
    const row = entryRow(table, results!, i, rules, this.data.filings);
    const lines = entryLines(
      table,
      i,
      (hts) => {
        const h = rules.headings.get(hts.slice(0, 8));
        return h ? `${h.rule.program}: ${h.rule.label}` : 'Unknown IEEPA heading';
      },
      (hts) => otherChapter99Of(rules, hts)?.name ?? null,
    );
    const deposit = depositDate(table.factsAt(i, blankFacts(), []));
    const projected = results!.projected[i]!;
    const problems = this.entryProblems(entryCode(normalised));
    const { rates } = ctx!;
    const taxpayer = ctx!.taxpayerFor(row.importerNumber);
    const settings = ctx!.profile.settingsByIor.get(importerKey(row.importerNumber));
    const designee = settings?.designee.trim() ?? '';
    const achEnrolled = settings?.achEnrolled ?? 'unknown';
    return {
      row,
      lines,
      interestBasis:
        deposit === null || projected === NO_DAY || projected <= deposit
          ? null
          : {
              from: formatDay(deposit),
              to: formatDay(projected as DayNum),
              days: projected - deposit,
              taxpayer,
              taxpayerFromClientList: (settings?.taxpayerType ?? null) !== null,
              periods: rates.periods(deposit, projected as DayNum, taxpayer).map((p) => ({
                ...p,
                from: formatDay(p.from),
                to: formatDay(p.to),
              })),
            },
      payment:
        // Paid: the payment is in the timeline, nothing is expected any more.
        !hasExpectedPayment(row.segment) || projected === NO_DAY || row.filingStatus === 'PAID'
          ? null
          : {
              expectedBy: formatDay(addDays(projected as DayNum, rules.paymentWithinDays)),
              recipient: designee !== '' ? designee : row.importerNumber,
              viaDesignee: designee !== '',
              achEnrolled,
              warnings: achWarnings(achEnrolled, designee !== ''),
            },
      explanations: entryExplanations(table, i, row.reasons, rules),
      files: [...new Set(lines.map((l) => l.file))],
      problems,
      filing: filingDetail(this.data, i),
      assumedRateQuarters:
        deposit === null || row.projectedDate === '' ? [] : ctx!.rates.assumedQuarters(deposit, projected as DayNum),
    };
  }

  /** "Export this view": the entries a query matches, in its order, as a CSV for people (UTF-8 with BOM, for Excel). */
  async entriesViewCsv(q: EntryQuery): Promise<Blob> {
    // Loaded on first use, like the report: neither is needed to open the app (npm run size).
    const { entriesViewCsv } = await import('./view-export');
    const rows = this.data.index!.rows(q);
    return new Blob(['\uFEFF', entriesViewCsv(rows, this.data.rules, this.data.profile)], {
      type: 'text/csv;charset=utf-8',
    });
  }

  /** The one-page report of every IOR (importer null) or of one; null before the first analysis. */
  async report(importer: string | null): Promise<Report | null> {
    const { buildReport } = await import('./report');
    const { table, results, filings, overview, profile, rules, ctx } = this.data;
    if (!results || !overview || !ctx) return null;
    return buildReport(
      {
        table,
        results,
        filings,
        overview,
        profile,
        rules,
        filingDate: ctx.filingDate,
        includeDeferred: ctx.assumptions.includeDeferred,
      },
      importer,
    );
  }

  /**
   * The row problems of an entry's own rows (each file lists its first problems, SPEC §2). A row with a cell
   * that cannot be read is kept apart from the entry's lines (its amounts do not count), so the rows are
   * found by the entry number on the stored pages: one pass over them, for the one entry shown.
   */
  private entryProblems(code: number): ProblemRow[] {
    const out: ProblemRow[] = [];
    for (const f of this.data.files) {
      if (f.problems.length === 0) continue;
      const rows = new Set<number>();
      for (const p of f.rowPages)
        for (let r = 0; r < p.entry.length; r++) if (p.entry[r] === code && p.bad[r] === 1) rows.add(p.sourceRow[r]!);
      for (const p of f.problems) if (rows.has(p.row)) out.push({ ...p, file: f.record.name });
    }
    return out;
  }

  problems(offset: number, limit: number): ProblemPage {
    const all: ProblemRow[] = [];
    for (const f of this.data.files)
      for (const p of fileProblems(f, this.data.filings)) all.push({ ...p, file: f.record.name });
    return { total: all.length, rows: all.slice(offset, offset + limit) };
  }

  async checkDeclarationFile(file: File): Promise<CheckResult> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      return {
        kind: 'rejected',
        message: `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    const profile = indexProfile(this.data.profile);
    const ctx: CheckContext = {
      maxEntries: this.data.rules.maxEntriesPerDeclaration,
      authorizationChecked: authorizationChecked(profile),
      isAuthorized: (e, importer) =>
        profile.authorizedIors && importer === null ? true : isAuthorized(profile, e, importer ?? ''),
      lookup: (e) => {
        const i = this.data.table.indexOf(entryCode(e));
        if (i < 0 || !this.data.results) return undefined;
        const row = entryRow(this.data.table, this.data.results, i, this.data.rules, this.data.filings);
        return {
          importerNumber: row.importerNumber,
          segment: row.segment,
          reasons: row.reasons,
          filingStatus: row.filingStatus,
        };
      },
    };
    return { kind: 'checked', check: checkDeclaration(file.name, bytes, ctx) };
  }
}

/** The downloadable files: row problems CSV, declaration CSVs and their ZIP (the entries CSV: entries-csv-writer.ts). */
import { zipSync } from 'fflate';
import {
  type DeclarationFile,
  type DeclarationItem,
  type Partition,
  buildDeclarations,
  refileDeclarations,
} from '../../src/core/declarations';
import { CSV_EOL, csvCell } from '../../src/core/entries-csv';
import type { AnalysisContext } from '../../src/core/analysis';
import { FILING_STATUSES, type FilingStatus } from '../../src/core/filing-status';
import type { LoadedFile } from '../ingest/import-file';
import type { RowProblem } from '../store/pages';
import type { EntryTable } from './entry-table';
import type { Filings } from './filings';
import { type Results, declaredSegments } from './results';

/** Rows per string part: keeps each intermediate string small while building a large CSV. */
const PART_ROWS = 10_000;

export const PROBLEMS_CSV_HEADER = 'file,row,column,value,message';

/**
 * A file's row problems as the user sees them: those found on import and, for a results or payment
 * file, its rows whose entry is not in the dataset (derived from the dataset as it is now), in row order.
 */
export function fileProblems(f: LoadedFile, filings: Filings | null): readonly RowProblem[] {
  const unknown = filings?.unknown.get(f.record.id)?.problems;
  if (!unknown) return f.problems;
  const out: RowProblem[] = [];
  let a = 0;
  let b = 0;
  while (a < f.problems.length || b < unknown.length) {
    if (b >= unknown.length || (a < f.problems.length && f.problems[a]!.row <= unknown[b]!.row))
      out.push(f.problems[a++]!);
    else out.push(unknown[b++]!);
  }
  return out;
}

export function problemsCsv(files: readonly LoadedFile[], filings: Filings | null = null): Blob {
  const parts: string[] = [PROBLEMS_CSV_HEADER + CSV_EOL];
  for (const f of files) {
    const name = csvCell(f.record.name);
    let rows: string[] = [];
    for (const p of fileProblems(f, filings)) {
      rows.push(`${name},${p.row},${csvCell(p.column)},${csvCell(p.value)},${csvCell(p.message)}`);
      if (rows.length === PART_ROWS) {
        parts.push(rows.join(CSV_EOL) + CSV_EOL);
        rows = [];
      }
    }
    if (rows.length > 0) parts.push(rows.join(CSV_EOL) + CSV_EOL);
  }
  return new Blob(parts, { type: 'text/csv' });
}

/**
 * Declaration files from the entries that go into new declarations (core's isDeclared; filed entries
 * never do, SPEC §10): the never-filed ones, then refile declarations of the rejected ones, named
 * apart from every name in the ledger (`…_r2.csv`, SPEC §6).
 */
export function declarationFiles(
  t: EntryTable,
  res: Results,
  ctx: AnalysisContext,
  partition: Partition,
  filings?: Filings,
  ledgerNames: ReadonlySet<string> = new Set(),
): DeclarationFile[] {
  const build = (wanted: FilingStatus) =>
    buildDeclarations(
      declaredItems(t, res, ctx.assumptions.includeDeferred, filings?.status, FILING_STATUSES.indexOf(wanted)),
      ctx.filingDate,
      partition,
      ctx.rules.maxEntriesPerDeclaration,
    );
  const fresh = build('NOT_FILED');
  if (!filings) return fresh;
  return [...fresh, ...refileDeclarations(build('REJECTED'), ledgerNames)];
}

/** One at a time, so no list of a hundred thousand items is held while the files are built. */
function* declaredItems(
  t: EntryTable,
  res: Results,
  includeDeferred: boolean,
  status: Uint8Array | undefined,
  wanted: number,
): Generator<DeclarationItem> {
  const declared = declaredSegments(includeDeferred);
  for (let i = 0; i < t.count; i++) {
    if (declared[res.segment[i]!] === 1 && (status?.[i] ?? 0) === wanted)
      yield { entryNumber: t.entryNumbers[i]!, importerNumber: t.text(t.attr.importer, i), refund: res.refund[i]! };
  }
}

export function declarationsZip(
  files: readonly DeclarationFile[],
  bytes: readonly Uint8Array[],
  filingDate: string,
): Blob {
  const entries: Record<string, Uint8Array> = {};
  files.forEach((f, k) => (entries[f.name] = bytes[k]!));
  // A fixed timestamp (the filing date) keeps the ZIP bytes reproducible for the same declarations.
  // Stored, not deflated: every what-if rebuilds it, and deflating 100k entry numbers costs ~30-90 ms
  // to save ~1 MB of a local download.
  const [y, m, d] = filingDate.split('-').map(Number) as [number, number, number];
  const zipped = zipSync(entries, { level: 0, mtime: new Date(y, m - 1, d, 12, 0, 0) });
  return new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

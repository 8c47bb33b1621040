/** The downloadable files: entries CSV, row problems CSV, declaration CSVs and their ZIP. */
import { zipSync } from 'fflate';
import { type DeclarationFile, type Partition, buildDeclarations } from '../../src/core/declarations';
import { CSV_EOL, csvCell, entriesCsvHeader, entriesCsvRow } from '../../src/core/entries-csv';
import type { AnalysisContext, EntryResult } from '../../src/core/analysis';
import type { LoadedFile } from '../ingest/import-file';
import { type EntryTable, blankFacts } from './entry-table';
import { isDeclared } from './overview';
import { PROJECTION, type Results, bitsToCodes } from './results';
import { SEGMENTS } from '../../src/core/reasons';
import type { Cents } from '../../src/core/money';
import { NO_DAY } from '../store/pages';
import type { DayNum } from '../../src/core/dates';

/** Rows per string part: keeps each intermediate string small while building a large CSV. */
const PART_ROWS = 10_000;

function resultAt(res: Results, i: number): EntryResult {
  const projected = res.projected[i]!;
  const protest = res.protestDeadline[i]!;
  const days = res.daysSinceLiquidation[i]!;
  const projection = PROJECTION[res.projection[i]!]!;
  return {
    segment: SEGMENTS[res.segment[i]!]!,
    reasons: bitsToCodes(res.codes[i]!),
    interest: res.interest[i]! as Cents,
    refund: res.refund[i]! as Cents,
    projectedDate: projected === NO_DAY ? null : (projected as DayNum),
    projection: projection === '' ? null : projection,
    daysSinceLiquidation: days === NO_DAY ? null : days,
    protestDeadline: protest === NO_DAY ? null : (protest as DayNum),
  };
}

/** Entries CSV (SPEC §9): entries are kept sorted by entry number, so table order is CSV order. */
export function entriesCsv(t: EntryTable, res: Results): Blob {
  const parts: string[] = [entriesCsvHeader() + CSV_EOL];
  const f = blankFacts();
  let rows: string[] = [];
  for (let i = 0; i < t.count; i++) {
    rows.push(entriesCsvRow(t.factsAt(i, f, []), resultAt(res, i)));
    if (rows.length === PART_ROWS) {
      parts.push(rows.join(CSV_EOL) + CSV_EOL);
      rows = [];
    }
  }
  if (rows.length > 0) parts.push(rows.join(CSV_EOL) + CSV_EOL);
  return new Blob(parts, { type: 'text/csv' });
}

export const PROBLEMS_CSV_HEADER = 'file,row,column,value,message';

export function problemsCsv(files: readonly LoadedFile[]): Blob {
  const parts: string[] = [PROBLEMS_CSV_HEADER + CSV_EOL];
  for (const f of files) {
    const name = csvCell(f.record.name);
    let rows: string[] = [];
    for (const p of f.problems) {
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

/** Declaration files from the entries that go into declarations (READY, plus DEFERRED when opted in). */
export function declarationFiles(t: EntryTable, res: Results, ctx: AnalysisContext, partition: Partition): DeclarationFile[] {
  const items: { entryNumber: string; importerNumber: string }[] = [];
  for (let i = 0; i < t.count; i++) {
    if (isDeclared(res, i, ctx.assumptions.includeDeferred)) items.push({ entryNumber: t.entryNumbers[i]!, importerNumber: t.text(t.importer, i) });
  }
  return buildDeclarations(items, ctx.filingDate, partition, ctx.rules.maxEntriesPerDeclaration);
}

export function declarationsZip(files: readonly DeclarationFile[], filingDate: string): Blob {
  const enc = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = enc.encode(f.content);
  // A fixed timestamp (the filing date) keeps the ZIP bytes reproducible for the same declarations.
  const [y, m, d] = filingDate.split('-').map(Number) as [number, number, number];
  const zipped = zipSync(entries, { level: 6, mtime: new Date(y, m - 1, d, 12, 0, 0) });
  return new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

export function declarationBlob(f: DeclarationFile): Blob {
  return new Blob([f.content], { type: 'text/csv' });
}


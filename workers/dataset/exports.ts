/** The downloadable files: row problems CSV, declaration CSVs and their ZIP (the entries CSV: entries-csv-writer.ts). */
import { zipSync } from 'fflate';
import {
  type DeclarationFile,
  type DeclarationItem,
  type Partition,
  buildDeclarations,
} from '../../src/core/declarations';
import { CSV_EOL, csvCell } from '../../src/core/entries-csv';
import type { AnalysisContext } from '../../src/core/analysis';
import type { LoadedFile } from '../ingest/import-file';
import type { EntryTable } from './entry-table';
import { declaredSegments } from './overview';
import type { Results } from './results';

/** Rows per string part: keeps each intermediate string small while building a large CSV. */
const PART_ROWS = 10_000;

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

/** Declaration files from the entries that go into declarations (core's isDeclared). */
export function declarationFiles(
  t: EntryTable,
  res: Results,
  ctx: AnalysisContext,
  partition: Partition,
): DeclarationFile[] {
  return buildDeclarations(
    declaredItems(t, res, ctx.assumptions.includeDeferred),
    ctx.filingDate,
    partition,
    ctx.rules.maxEntriesPerDeclaration,
  );
}

/** One at a time, so no list of a hundred thousand items is held while the files are built. */
function* declaredItems(t: EntryTable, res: Results, includeDeferred: boolean): Generator<DeclarationItem> {
  const declared = declaredSegments(includeDeferred);
  for (let i = 0; i < t.count; i++) {
    if (declared[res.segment[i]!] === 1)
      yield { entryNumber: t.entryNumbers[i]!, importerNumber: t.text(t.attr.importer, i) };
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

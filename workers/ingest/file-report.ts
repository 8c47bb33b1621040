/** What an import found, shown to the user as the mapping report. */
import type { CompiledRules } from '../../src/core/compiled-rules';
import { type ColumnMapping, type Field, type FileKind, STATUS_FIELDS } from '../../src/core/header-mapping';
import { missingFieldImpacts } from '../../src/core/reason-texts';
import type { ReaderCounts } from './row-reader';

export interface FileReport {
  kind: FileKind;
  format: 'csv' | 'xlsx';
  /** e.g. "UTF-16 LE, tab-delimited, header on row 3" */
  layout: string;
  recognised: { header: string; field: Field }[];
  unmapped: string[];
  /** Optional fields the file lacks and what that means for the analysis. */
  missing: { field: Field; impact: string }[];
  counts: ReaderCounts & { entries: number };
  problemCount: number;
  /** Columns mapped by their headers (the aliases), or as the user chose for these headers. */
  mappedBy: 'headers' | 'you';
  /**
   * The file's per-line IEEPA duty column: used as each line's IEEPA duty (warning IEEPA_FROM_COLUMN),
   * or ignored because the file's Chapter 99 rows carry the IEEPA duty. Reports stored before it say nothing.
   */
  ieepaColumn?: { header: string; used: boolean } | null;
}

/** What the reading found beside the counts. */
export interface ReportNotes {
  /** The mapping is one the user chose for these headers. */
  chosen: boolean;
  ieepaColumn: { header: string; used: boolean } | null;
}

export function buildReport(
  kind: FileKind,
  format: 'csv' | 'xlsx',
  layout: string,
  mapping: ColumnMapping,
  counts: ReaderCounts,
  entries: number,
  problemCount: number,
  rules: CompiledRules,
  notes: ReportNotes,
): FileReport {
  const missing: FileReport['missing'] = [];
  for (const { field, impact } of missingFieldImpacts(rules)) {
    if (mapping.columns[field] !== undefined) continue;
    // A status file is missing only what status files carry.
    if (kind === 'status' && !STATUS_FIELDS.includes(field)) continue;
    missing.push({ field, impact });
  }
  return {
    kind,
    format,
    layout,
    recognised: mapping.recognised,
    unmapped: mapping.unmapped,
    missing,
    counts: { ...counts, entries },
    problemCount,
    mappedBy: notes.chosen ? 'you' : 'headers',
    ieepaColumn: notes.ieepaColumn,
  };
}

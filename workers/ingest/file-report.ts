/** What an import found, shown to the user as the mapping report. */
import type { CompiledRules } from '../../src/core/compiled-rules';
import { type ColumnMapping, type Field, type FileKind, STATUS_FIELDS } from '../../src/core/header-mapping';
import type { LifecycleField, LifecycleMapping, OptionalLifecycleField } from '../../src/core/lifecycle-headers';
import { lifecycleMissingImpacts, missingFieldImpacts } from '../../src/core/reason-texts';
import type { EventCounts } from './event-reader';
import type { ReaderCounts } from './row-reader';

export interface FileReport {
  kind: FileKind;
  format: 'csv' | 'xlsx';
  /** e.g. "UTF-16 LE, tab-delimited, header on row 3" */
  layout: string;
  recognised: { header: string; field: Field | LifecycleField }[];
  unmapped: string[];
  /** Optional fields the file lacks and what that means for the analysis. */
  missing: { field: Field | OptionalLifecycleField; impact: string }[];
  counts: ReaderCounts & { entries: number };
  problemCount: number;
  /** Columns mapped by their headers (the aliases), or as the user chose for these headers. */
  mappedBy: 'headers' | 'you';
  /**
   * The file's per-line IEEPA duty column: used as each line's IEEPA duty (warning IEEPA_FROM_COLUMN),
   * or ignored because the file's Chapter 99 rows carry the IEEPA duty. Reports stored before it say nothing.
   */
  ieepaColumn?: { header: string; used: boolean } | null;
  /** A CAPE results or payment file: what its rows said. */
  events?: EventCounts;
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

/** The report of a CAPE results or refund/payment file (SPEC §10). */
export function buildLifecycleReport(
  mapping: LifecycleMapping,
  format: 'csv' | 'xlsx',
  layout: string,
  counts: ReaderCounts,
  entries: number,
  problemCount: number,
  events: EventCounts,
): FileReport {
  return {
    kind: mapping.kind,
    format,
    layout,
    recognised: mapping.recognised,
    unmapped: mapping.unmapped,
    missing: lifecycleMissingImpacts(mapping.kind).filter(({ field }) => mapping.columns[field] === undefined),
    counts: { ...counts, entries },
    problemCount,
    mappedBy: 'headers',
    ieepaColumn: null,
    events,
  };
}

/**
 * A stored report's notes on missing columns as the rules in force word them: a rule pack loaded after
 * the import (another liquidation cycle, another window) changes what a missing column means.
 */
export function reportUnder(report: FileReport, rules: CompiledRules): FileReport {
  const impacts = new Map<string, string>(missingFieldImpacts(rules).map((m) => [m.field, m.impact]));
  return {
    ...report,
    missing: report.missing.map((m) => ({ field: m.field, impact: impacts.get(m.field) ?? m.impact })),
  };
}

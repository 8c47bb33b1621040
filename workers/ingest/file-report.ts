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
  };
}

/**
 * A stored report's notes on missing columns as the rules in force word them: a rule pack loaded after
 * the import (another liquidation cycle, another window) changes what a missing column means.
 */
export function reportUnder(report: FileReport, rules: CompiledRules): FileReport {
  const impacts = new Map(missingFieldImpacts(rules).map((m) => [m.field, m.impact]));
  return {
    ...report,
    missing: report.missing.map((m) => ({ field: m.field, impact: impacts.get(m.field) ?? m.impact })),
  };
}

/**
 * Find the header row within the first 30 lines (title and parameter lines may sit above it) and
 * sniff its delimiter among tab, comma, semicolon and pipe.
 */
import Papa from 'papaparse';
import {
  type ColumnMapping,
  type FileKind,
  classifyMapping,
  mapHeaders,
  missingRequired,
} from '../../src/core/header-mapping';
import { type LifecycleMapping, lifecycleMapping } from '../../src/core/lifecycle-headers';

export const HEADER_SEARCH_LINES = 30;
export const DELIMITERS = ['\t', ',', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface HeaderFound {
  /** 0-based index of the header among the lines. */
  lineIndex: number;
  delimiter: Delimiter;
  headers: string[];
  mapping: ColumnMapping;
  kind: FileKind;
  /** A CAPE results or refund/payment file (SPEC §10): its own mapping. */
  lifecycle?: LifecycleMapping;
}

export interface HeaderMissing {
  /** The closest candidate: the line that mapped the most required fields, for the error message. */
  best: { lineIndex: number; missing: string[] } | null;
}

function count(line: string, ch: string): number {
  let n = 0;
  for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) n++;
  return n;
}

export function splitHeaderLine(line: string, delimiter: Delimiter): string[] {
  const parsed = Papa.parse<string[]>(line.replace(/\r$/, ''), { delimiter, newline: '\n' });
  return (parsed.data[0] ?? []).map((h) => h.trim());
}

export function findHeader(lines: readonly string[]): HeaderFound | HeaderMissing {
  let best: HeaderMissing['best'] = null;
  let bestFound = -1;
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const candidates = [...DELIMITERS].sort((a, b) => count(line, b) - count(line, a));
    for (const delimiter of candidates) {
      if (count(line, delimiter) === 0 && delimiter !== candidates[0]) continue;
      const headers = splitHeaderLine(line, delimiter);
      const mapping = mapHeaders(headers);
      const lifecycle = lifecycleMapping(headers, mapping);
      if (lifecycle) return { lineIndex: i, delimiter, headers, mapping, kind: lifecycle.kind, lifecycle };
      const kind = classifyMapping(mapping);
      if (kind) return { lineIndex: i, delimiter, headers, mapping, kind };
      const missing = missingRequired(mapping);
      if (4 - missing.length > bestFound) {
        bestFound = 4 - missing.length;
        best = { lineIndex: i, missing };
      }
    }
  }
  return { best: bestFound > 0 ? best : null };
}

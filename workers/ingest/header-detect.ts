/**
 * Find the header row within the first 30 lines (title and parameter lines may sit above it) and
 * sniff its delimiter among tab, comma, semicolon and pipe. A row whose headers the user mapped
 * before (remembered by header signature) is read with that mapping.
 */
import Papa from 'papaparse';
import {
  type ChosenColumns,
  type ColumnMapping,
  type FileKind,
  chosenMapping,
  classifyMapping,
  headerSignature,
  mapHeaders,
} from '../../src/core/header-mapping';
import { type HeaderShortfall, closer, headerShortfall } from '../../src/core/header-verdict';

/** Column mappings the user chose, by header signature (headerSignature). */
export type RememberedMappings = ReadonlyMap<string, ChosenColumns>;

/**
 * The mapping of a header row: the one the user chose for these headers, else the aliases'; `chosen`
 * says which.
 */
export function mappingOf(
  headers: readonly string[],
  remembered: RememberedMappings,
): { mapping: ColumnMapping; chosen: boolean } {
  const columns = remembered.size > 0 ? remembered.get(headerSignature(headers)) : undefined;
  return columns
    ? { mapping: chosenMapping(headers, columns), chosen: true }
    : { mapping: mapHeaders(headers), chosen: false };
}
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
  /** The mapping is one the user chose for these headers. */
  chosen: boolean;
  /** A CAPE results or refund/payment file (SPEC §10): its own mapping. */
  lifecycle?: LifecycleMapping;
}

export interface HeaderMissing {
  /** The closest candidate for the error message. */
  best: HeaderShortfall | null;
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

export function findHeader(
  lines: readonly string[],
  remembered: RememberedMappings = new Map(),
): HeaderFound | HeaderMissing {
  let best: HeaderShortfall | null = null;
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const candidates = [...DELIMITERS].sort((a, b) => count(line, b) - count(line, a));
    for (const delimiter of candidates) {
      if (count(line, delimiter) === 0 && delimiter !== candidates[0]) continue;
      const headers = splitHeaderLine(line, delimiter);
      const { mapping, chosen } = mappingOf(headers, remembered);
      // Columns the user chose are an ES-003's; only headers mapped by their names can be a file CBP gives back.
      const lifecycle = chosen ? null : lifecycleMapping(headers, mapping);
      if (lifecycle) return { lineIndex: i, delimiter, headers, mapping, kind: lifecycle.kind, lifecycle, chosen };
      const kind = classifyMapping(mapping);
      if (kind) return { lineIndex: i, delimiter, headers, mapping, kind, chosen };
      best = closer(best, headerShortfall(`Line ${i + 1}`, headers, mapping));
    }
  }
  return { best };
}

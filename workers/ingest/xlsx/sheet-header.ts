/**
 * Find a worksheet's header row within its first 30 rows, as the CSV path does within the first 30
 * lines: the first row whose cells map to an ES-003 or an entry-status header.
 */
import { type Field, classifyMapping, mapHeaders, missingRequired } from '../../../src/core/header-mapping';
import { lifecycleMapping } from '../../../src/core/lifecycle-headers';
import type { CsvHeader } from '../csv-records';
import { HEADER_SEARCH_LINES } from '../header-detect';
import type { SheetRow } from './sheet-rows';

export type HeaderScan =
  | { kind: 'found'; header: CsvHeader; /** Rows after the header that were already read. */ rest: SheetRow[] }
  | {
      kind: 'missing';
      /** The row that mapped the most required fields, for the message. */ best: {
        row: number;
        missing: Field[];
      } | null;
    }
  | { kind: 'cancelled' };

/** Reads `rows` only as far as needed; the caller goes on reading the data rows from the same iterator. */
export async function scanForHeader(rows: AsyncIterator<SheetRow[]>, isCancelled: () => boolean): Promise<HeaderScan> {
  let best: { row: number; missing: Field[] } | null = null;
  for (;;) {
    if (isCancelled()) return { kind: 'cancelled' };
    const step = await rows.next();
    if (step.done) return { kind: 'missing', best };
    const group = step.value;
    for (let i = 0; i < group.length; i++) {
      const row = group[i]!;
      if (row.n > HEADER_SEARCH_LINES) return { kind: 'missing', best };
      const headers = row.cells.map((c) => c.trim());
      if (headers.every((h) => h === '')) continue;
      const mapping = mapHeaders(headers);
      const lifecycle = lifecycleMapping(headers, mapping) ?? undefined;
      const kind = lifecycle?.kind ?? classifyMapping(mapping);
      if (kind) {
        // Cells arrive split already; ',' is the delimiter a CSV export of the sheet would use.
        const header: CsvHeader = {
          lineIndex: row.n - 1,
          delimiter: ',',
          headers,
          mapping,
          kind,
          row: row.n,
          lifecycle,
        };
        return { kind: 'found', header, rest: group.slice(i + 1) };
      }
      const missing = missingRequired(mapping);
      if (missing.length < 4 && (best === null || missing.length < best.missing.length)) best = { row: row.n, missing };
    }
  }
}

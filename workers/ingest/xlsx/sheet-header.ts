/**
 * Find a worksheet's header row within its first 30 rows, as the CSV path does within the first 30
 * lines: the first row whose cells map to an ES-003 or an entry-status header (with the mapping the
 * user chose for these headers, if any).
 */
import { classifyMapping } from '../../../src/core/header-mapping';
import { type HeaderShortfall, closer, headerShortfall } from '../../../src/core/header-verdict';
import { lifecycleMapping } from '../../../src/core/lifecycle-headers';
import type { CsvHeader } from '../csv-records';
import { HEADER_SEARCH_LINES, type RememberedMappings, mappingOf } from '../header-detect';
import type { SheetRow } from './sheet-rows';

export type HeaderScan =
  | { kind: 'found'; header: CsvHeader; /** Rows after the header that were already read. */ rest: SheetRow[] }
  | { kind: 'missing'; /** The closest candidate row, for the message. */ best: HeaderShortfall | null }
  | { kind: 'cancelled' };

/** Reads `rows` only as far as needed; the caller goes on reading the data rows from the same iterator. */
export async function scanForHeader(
  rows: AsyncIterator<SheetRow[]>,
  sheet: string,
  isCancelled: () => boolean,
  remembered: RememberedMappings = new Map(),
): Promise<HeaderScan> {
  let best: HeaderShortfall | null = null;
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
      const { mapping, chosen } = mappingOf(headers, remembered);
      // Columns the user chose are an ES-003's; only headers mapped by their names can be a file CBP gives back.
      const lifecycle = (chosen ? null : lifecycleMapping(headers, mapping)) ?? undefined;
      const kind = lifecycle?.kind ?? classifyMapping(mapping);
      if (kind) {
        // Cells arrive split already; ',' is the delimiter a CSV export of the sheet would use.
        const header: CsvHeader = {
          lineIndex: row.n - 1,
          delimiter: ',',
          headers,
          mapping,
          kind,
          chosen,
          row: row.n,
          lifecycle,
        };
        return { kind: 'found', header, rest: group.slice(i + 1) };
      }
      best = closer(best, headerShortfall(`Sheet "${sheet}" row ${row.n}`, headers, mapping));
    }
  }
}

/**
 * The row reader gives the same result (stored rows, entry attributes, counts, problems) whether it
 * reads scanned rows (cells compared with the row above, strings made only when needed) in batches
 * cut anywhere, or PapaParse's arrays of strings in one batch. Rows of one entry repeat or change
 * their entry cells, quoted or not; dates are sometimes bad; totals and blank rows come between.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { mapHeaders } from '../../src/core/header-mapping';
import { HEADER } from '../../tests/factories/es003';
import { csvBatches } from './csv-records';
import type { RowPage } from '../store/pages';
import { RowReader } from './row-reader';

const ENTRIES = ['B7603245278', 'ABC12345676', 'SP700000014', 'b76-0324527-8', 'BAD'];
const value = (...options: string[]) => fc.constantFrom(...options);
const rowSpec = fc.record({
  entry: value(...ENTRIES, '', 'Total'),
  type: value('01', '1', '03', ''),
  importer: value('12-3456789-00', '12-3456789-00', '98-7654321-00', ''),
  name: value('Acme Imports, LLC', 'Acme Imports, LLC', 'Müller "Küche"', '株式会社'),
  entryDate: value('06/02/2025', '06/02/2025', '2025-07-01', '13/45/2025', ''),
  summaryDate: value('06/12/2025', '06/12/2025', ''),
  line: value('1', '2', '', 'x'),
  ordinal: value('1', '2', '3'),
  hts: value('99030125', '9903.01.25', '8471300100', ''),
  value: value('0', '1000.00', '$1,234.56', ''),
  duty: value('1000.00', '(5.00)', 'N/A', ''),
  status: value('Unliquidated', 'Unliquidated', 'Liquidated', ''),
  liqDate: value('', '', '04/01/2026'),
});
/** Rows that mostly repeat the row above, as an entry's tariff rows do. */
const rowsOf = fc
  .array(fc.tuple(rowSpec, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 40 })
  .map((specs) => {
    const rows: string[][] = [];
    for (const [spec, keep] of specs) {
      const cells = [
        spec.entry,
        spec.type,
        spec.importer,
        spec.name,
        spec.entryDate,
        spec.summaryDate,
        spec.line,
        spec.ordinal,
        spec.hts,
        spec.value,
        spec.duty,
        spec.status,
        spec.liqDate,
      ];
      const above = rows[rows.length - 1];
      // keep > 0: the entry cells (all but line, ordinal, HTS, value, duty) come from the row above.
      rows.push(above && keep > 0 ? cells.map((c, k) => (k >= 6 && k <= 10 ? c : above[k]!)) : cells);
    }
    return rows;
  });

function quote(c: string, always: boolean): string {
  return always || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

interface Outcome {
  counts: unknown;
  problems: unknown;
  rows: unknown[];
  attrs: unknown;
}

function outcome(reader: RowReader, pages: RowPage[]): Outcome {
  const last = reader.finish();
  const rows: unknown[] = [];
  for (const p of last ? [...pages, last] : pages) {
    for (let i = 0; i < p.count; i++)
      rows.push([
        p.entry[i],
        p.line[i],
        p.ordinal[i],
        p.htsDict[p.hts[i]!],
        p.duty[i],
        p.value[i],
        p.sourceRow[i],
        p.bad[i],
      ]);
  }
  const attrs = reader.attrs.pages(1).map((a) => ({
    ...a,
    dict: undefined,
    text: [...a.importer, ...a.importerName, ...a.entryType].map((id) => (id < 0 ? null : a.dict[id])),
  }));
  return { counts: reader.counts, problems: reader.problems, rows, attrs };
}

async function* pieces(text: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const at of [...new Set(cuts.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b)) {
    yield text.slice(from, at);
    from = at;
  }
  yield text.slice(from);
}

describe('RowReader over scanned rows and over arrays of strings', () => {
  it('reads the same entries, rows, attributes and problems', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsOf,
        fc.boolean(),
        fc.constantFrom('\r\n', '\n'),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        async (rows, quoteAll, eol, cuts) => {
          const header = HEADER.join(',');
          const body = rows.map((r) => r.map((c) => quote(c, quoteAll)).join(',')).join(eol) + eol;
          const mapping = mapHeaders(HEADER);

          const byArrays = new RowReader(1, HEADER, mapping, 'es003');
          const arrays = Papa.parse<string[]>(body, { delimiter: ',', newline: eol as '\n' | '\r\n' }).data.slice(
            0,
            rows.length,
          );
          const expected = outcome(byArrays, byArrays.read(arrays, 2));

          const byScan = new RowReader(1, HEADER, mapping, 'es003');
          const pages = [];
          for await (const b of csvBatches(pieces(header + eol + body, cuts), () => undefined))
            pages.push(...byScan.read(b.rows, b.firstRow));
          expect(outcome(byScan, pages)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

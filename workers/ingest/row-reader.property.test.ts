/**
 * The row reader against a plain reference (tests/factories/naive-row-reader.ts) that reads every
 * cell of every row afresh: the same stored rows, entry attributes, counts and problems, whether the
 * reader gets scanned rows (cells compared with the row above, strings made only when needed) in
 * batches cut anywhere, or arrays of strings in batches cut anywhere. Rows of one entry repeat or
 * change their entry cells, quoted or not, in any column order, and spell the entry's number
 * differently from row to row (dashed, `="…"`, lower case); Excel wrappers are written unquoted or
 * quoted; a per-line IEEPA duty column sits beside the duty or in its place; dates and amounts are sometimes bad; rows are cut short; totals, blank rows and malformed
 * entry numbers come between.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { ATTRIBUTES } from '../../src/core/entry-attributes';
import { type FileKind, classifyMapping, mapHeaders } from '../../src/core/header-mapping';
import { type ReadEntry, type ReadResult, type ReadRow, naiveRead } from '../../tests/factories/naive-row-reader';
import { csvBatches } from './csv-records';
import { NO_DAY, type RowPage } from '../store/pages';
import { RowReader } from './row-reader';

/** Columns a file may have, with the values their cells take (repeats make some likelier). */
const COLUMNS: Record<string, readonly string[]> = {
  'Entry Summary Number': [
    'B7603245278',
    'ABC12345676',
    'SP700000014',
    'b76-0324527-8',
    '="B7603245278"',
    'BAD',
    '',
    'Total',
    'B76-０324527-8',
  ],
  'Entry Type Code': ['01', '1', '03', '', ' 01 ', '="01"'],
  'Importer Number': ['12-3456789-00', '12-3456789-00', '98-7654321-00', ''],
  'Importer Name': ['Acme Imports, LLC', 'Acme Imports, LLC', 'Müller "Küche"', '株式会社'],
  'Entry Date': ['06/02/2025', '06/02/2025', '2025-07-01', '13/45/2025', ''],
  'Entry Summary Date': ['06/12/2025', '06/12/2025', 'yesterday', ''],
  'Entry Summary Line Number': ['1', '2', '', 'x', '3.0', '007'],
  'Tariff Ordinal Number': ['1', '2', '3'],
  'HTS Number - Full': ['99030125', '9903.01.25', '8471300100', ''],
  'Line Tariff Goods Value Amount': ['0', '1000.00', '$1,234.56', '', '12,34.5', '\u00a0', '="$27,109.00"'],
  'Line Tariff Duty Amount': ['1000.00', '(5.00)', 'N/A', '', '$27,109.00', ' $1,234.56 ', '="5.00"', '( $3.10 )'],
  'IEEPA Duty Amount (USD)': ['1000.00', '', '0.00', 'N/A', '$5.00', '(2.00)'],
  'Liquidation Status': ['Unliquidated', 'Unliquidated', 'Liquidated', 'whatever', ''],
  'Liquidation Date': ['', '', '04/01/2026', '04/31/2026'],
  'Entry Summary Status': ['Accepted', 'Rejected', ''],
  Drawback: ['Y', 'N', ''],
  'Protest Status': ['Open', 'Closed', ''],
  'AD/CVD': ['Y', 'N', 'A-570-001', ''],
  'ADCVD Case Number': ['A-570-001', 'N', ''],
  'Country of Origin': ['CN', 'MX', ''],
};
const REQUIRED = ['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Date'];
/** A broker export: its per-line IEEPA duty column in place of the duty column. */
const BROKER = ['Entry Summary Number', 'HTS Number - Full', 'IEEPA Duty Amount (USD)', 'Entry Date'];
const STATUS_FILE = ['Entry Summary Number', 'Liquidation Status', 'Liquidation Date', 'Protest Status'];
/** Spellings of one entry's number, as an export may write them from row to row. */
const SPELLINGS = [
  ['B7603245278', 'b76-0324527-8', '="B7603245278"', 'B76 0324527 8', '="B76-0324527-8"'],
  ['ABC12345676', 'abc-1234567-6', '="ABC12345676"', ' ABC12345676'],
];

/** The entry cell `cell` spelt the `k`-th other way, when it is one of SPELLINGS. */
function respelt(cell: string, k: number): string {
  const group = SPELLINGS.find((g) => g.includes(cell));
  return group ? group[k % group.length]! : cell;
}

/** Cells that belong to the row, not to the entry: they change from row to row. */
const PER_ROW = new Set([
  'Entry Summary Line Number',
  'Tariff Ordinal Number',
  'HTS Number - Full',
  'Line Tariff Goods Value Amount',
  'Line Tariff Duty Amount',
  'IEEPA Duty Amount (USD)',
]);

/** An ES-003 header (the required columns and any others) or an entry-status header, in any order. */
const header = fc.oneof(
  anyOrder(
    REQUIRED,
    Object.keys(COLUMNS).filter((c) => !REQUIRED.includes(c) && c !== 'AD/CVD'),
  ),
  anyOrder(
    BROKER,
    Object.keys(COLUMNS).filter((c) => !BROKER.includes(c) && c !== 'AD/CVD' && c !== 'Line Tariff Duty Amount'),
  ),
  anyOrder(STATUS_FILE, ['AD/CVD']),
);

/** All of `columns` and some of `extra`, in any order. */
function anyOrder(columns: string[], extra: string[]): fc.Arbitrary<string[]> {
  return fc
    .subarray(extra)
    .chain((some) => fc.shuffledSubarray([...columns, ...some], { minLength: columns.length + some.length }));
}

/** Rows that mostly repeat the entry cells of the row above, as an entry's tariff rows do; some cut short. */
function rowsFor(columns: readonly string[]): fc.Arbitrary<string[][]> {
  const cells = fc.tuple(...columns.map((c) => fc.constantFrom(...COLUMNS[c]!)));
  const spec = fc.record({
    cells,
    keep: fc.integer({ min: 0, max: 3 }),
    spelling: fc.oneof({ weight: 2, arbitrary: fc.constant(-1) }, fc.nat(9)),
    cut: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
  });
  return fc.array(spec, { minLength: 1, maxLength: 40 }).map((specs) => {
    const rows: string[][] = [];
    for (const { cells, keep, spelling, cut } of specs) {
      const above = rows[rows.length - 1];
      const kept = (c: string, k: number): string => {
        const a = above?.[k] ?? c;
        return columns[k] === 'Entry Summary Number' && spelling >= 0 ? respelt(a, spelling) : a;
      };
      const row = above && keep > 0 ? cells.map((c, k) => (PER_ROW.has(columns[k]!) ? c : kept(c, k))) : [...cells];
      rows.push(row.slice(0, Math.max(1, row.length - cut)));
    }
    return rows;
  });
}

const input = header.chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    rows: rowsFor(columns),
    quoting: fc.constantFrom('needed', 'all', 'excel'),
    eol: fc.constantFrom('\r\n', '\n'),
    textCuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
    batchCuts: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }),
  }),
);

/** RFC 4180 quoting where needed or always; `excel` writes `="…"` wrappers unquoted, as such exports do. */
function quote(c: string, quoting: 'needed' | 'all' | 'excel'): string {
  if (quoting === 'excel' && c.startsWith('="') && !/[,\r\n]/.test(c)) return c;
  return quoting === 'all' || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

/** What the reader stored, in the reference's terms. */
function stored(reader: RowReader, pages: RowPage[]): ReadResult {
  const rows: ReadRow[] = [];
  for (const p of [...pages, ...reader.finish()]) {
    for (let i = 0; i < p.count; i++)
      rows.push([
        p.entry[i]!,
        p.line[i]!,
        p.ordinal[i]!,
        p.htsDict[p.hts[i]!]!,
        p.duty[i]!,
        p.value[i]!,
        p.sourceRow[i]!,
        p.bad[i]!,
      ]);
  }
  const entries: ReadEntry[] = [];
  for (const a of reader.attrs.pages(1)) {
    for (let k = 0; k < a.count; k++) {
      const values: ReadEntry['values'] = {};
      for (const attr of ATTRIBUTES) {
        const field = attr.field as keyof ReadEntry['values'];
        if (attr.kind === 'flag') {
          if (a.present[k]! & attr.bit) values[field] = (a.flags[k]! & attr.bit) !== 0;
          continue;
        }
        const v = a[attr.column as 'importer' | 'liqStatus'][k]!;
        if (attr.kind === 'text' && v >= 0) values[field] = a.dict[v]!;
        if (attr.kind === 'day' && v !== NO_DAY) values[field] = v;
        if (attr.kind === 'code' && v >= 0) values[field] = attr.codes[v]!;
      }
      entries.push({ code: a.entry[k]!, values, bad: a.bad[k] === 1 });
    }
  }
  return { counts: reader.counts, problems: reader.problems, rows, entries };
}

async function* pieces(text: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const at of [...new Set(cuts.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b)) {
    yield text.slice(from, at);
    from = at;
  }
  yield text.slice(from);
}

describe('RowReader against the plain reference reader', () => {
  it('stores the same rows, entry attributes, counts and problems, from scanned text or arrays, batched anyhow', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ columns, rows, quoting, eol, textCuts, batchCuts }) => {
        const mapping = mapHeaders(columns);
        const kind: FileKind = classifyMapping(mapping)!;
        const body = rows.map((r) => r.map((c) => quote(c, quoting)).join(',')).join(eol) + eol;
        // The rows as a CSV parser reads them back (a row cut to one blank cell is a blank line).
        const arrays = Papa.parse<string[]>(body, { delimiter: ',', newline: eol as '\n' | '\r\n' }).data.slice(
          0,
          rows.length,
        );
        const expected = naiveRead(columns, mapping, kind, arrays, 2);

        const byArrays = new RowReader(1, columns, mapping, kind);
        const pages: RowPage[] = [];
        let from = 0;
        for (const at of [...new Set(batchCuts.filter((c) => c < arrays.length)), arrays.length].sort(
          (a, b) => a - b,
        )) {
          pages.push(...byArrays.read(arrays.slice(from, at), 2 + from));
          from = at;
        }
        expect(stored(byArrays, pages)).toEqual(expected);

        const byScan = new RowReader(1, columns, mapping, kind);
        const scanned: RowPage[] = [];
        for await (const b of csvBatches(pieces(columns.join(',') + eol + body, textCuts), () => undefined))
          scanned.push(...byScan.read(b.rows, b.firstRow));
        expect(stored(byScan, scanned)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});

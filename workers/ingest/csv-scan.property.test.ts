/**
 * The fast scanner against PapaParse (fast-check): on any text it accepts it yields PapaParse's rows
 * exactly (as csvRecords reads them: newline '\n', a final line break starts no row, a '\r' ending a
 * row's last cell dropped), it accepts every properly quoted CSV, Excel-style quotes inside unquoted
 * cells (`="B76…"`) included, and its cell comparisons agree with comparing the strings.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvScanner, type RepeatedCells } from './csv-scan';
import { lastRowEnd } from './row-cut';
import type { Rows } from './rows';
import { toArrays } from '../../tests/factories/csv-rows';

const units = ['a', 'Z', '7', '0', ' ', ',', ';', '|', '\t', '"', '\n', '\r\n', '\r', 'ü', '株', '🚢', '='];
const cell = fc.string({ unit: fc.constantFrom(...units), maxLength: 12 });
const rowsOf = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 });
const delimiter = fc.constantFrom(',', '\t', ';', '|');
/** Hints of which cells may repeat from the row above (they change speed only, never the rows). */
const repeats: fc.Arbitrary<RepeatedCells> = fc.record({
  head: fc.integer({ min: 0, max: 4 }),
  tailFrom: fc.integer({ min: 0, max: 6 }),
});

/**
 * RFC 4180 quoting; with `literal`, a cell whose quotes can stay as they are (it neither starts with
 * one nor holds the delimiter or a line break) is written unquoted, as `="…"` wrappers are.
 */
function quote(c: string, d: string, literal = false): string {
  if (literal && !c.startsWith('"') && !c.includes(d) && !/[\r\n]/.test(c)) return c;
  return c.includes(d) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

/** What csvRecords makes of `text` with PapaParse; null when PapaParse reports a quote error. */
function papaRows(text: string, d: string): string[][] | null {
  const parsed = Papa.parse<string[]>(text, { delimiter: d, newline: '\n', quoteChar: '"' });
  if (parsed.errors.some((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes')) return null;
  const rows = parsed.data;
  const final = rows[rows.length - 1];
  if (text.endsWith('\n') && final !== undefined && final.length === 1 && final[0] === '') rows.pop();
  for (const r of rows) r[r.length - 1] = r[r.length - 1]!.replace(/\r$/, '');
  return rows;
}

function expectConsistent(rows: Rows, arrays: string[][]): void {
  for (let r = 0; r < rows.length; r++) {
    expect(rows.blank(r)).toBe(arrays[r]!.every((c) => c.trim() === ''));
    const same = (c: number) => r > 0 && arrays[r]![c] !== undefined && arrays[r]![c] === arrays[r - 1]![c];
    for (let c = 0; c <= arrays[r]!.length; c++) {
      // Equal values with a quote may be written differently (`"a""b"`, `a"b`): "not the same" is allowed then.
      if (same(c) && arrays[r]![c]!.includes('"')) {
        if (rows.sameAsAbove(r, c)) expect(same(c)).toBe(true);
      } else expect(rows.sameAsAbove(r, c), `row ${r} cell ${c}`).toBe(same(c));
      expect(rows.digits(r, c)).toBe(/^\d{1,9}$/.test(arrays[r]![c] ?? '') ? Number(arrays[r]![c]) : -1);
      // A span may say "not the same" for equal values written differently, never the reverse.
      for (let c1 = c; c1 <= arrays[r]!.length; c1++) {
        if (rows.spanSameAsAbove(r, c, c1))
          for (let x = c; x <= c1; x++) expect(same(x), `row ${r} span ${c}..${c1}`).toBe(true);
      }
    }
  }
}

/** Rows of one width where only a middle band of cells changes from row to row, as an entry's tariff rows do. */
const entryLike = fc
  .tuple(
    fc.integer({ min: 3, max: 7 }),
    fc.integer({ min: 0, max: 3 }),
    fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 2, maxLength: 25 }),
    fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
  )
  .map(([width, band, fresh, newEntry]) => {
    const rows: string[][] = [];
    fresh.forEach((cells, r) => {
      const above = rows[r - 1];
      rows.push(
        cells.slice(0, width).map((c, k) => (above && !newEntry[r] && (k < band || k >= band + 2) ? above[k]! : c)),
      );
    });
    return rows;
  });

/** Rows that often repeat the row above, cell by cell, as an ES-003 export's rows of one entry do. */
const repetitive = fc
  .array(
    fc.tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 })),
    { minLength: 1, maxLength: 25 },
  )
  .map((specs) => {
    const rows: string[][] = [];
    for (const [cells, keep] of specs) {
      const above = rows[rows.length - 1];
      rows.push(cells.map((c, k) => (above !== undefined && keep[k] && above[k] !== undefined ? above[k]! : c)));
    }
    return rows;
  });

describe('scanRows against PapaParse', () => {
  it('reads any properly quoted CSV, with or without a final line break, as PapaParse does', () => {
    fc.assert(
      fc.property(
        fc.oneof(rowsOf, repetitive, entryLike),
        delimiter,
        fc.constantFrom('\r\n', '\n'),
        fc.boolean(),
        repeats,
        fc.boolean(),
        (cells, d, eol, finalBreak, hint, literal) => {
          const text = cells.map((r) => r.map((c) => quote(c, d, literal)).join(d)).join(eol) + (finalBreak ? eol : '');
          const scanned = new CsvScanner(d, hint).scan(text, true);
          expect(scanned).not.toBeNull();
          expect(scanned!.consumed).toBe(text.length);
          const arrays = toArrays(scanned!.rows);
          expect(arrays).toEqual(papaRows(text, d));
          expectConsistent(scanned!.rows, arrays);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on a text cut anywhere, takes the complete rows only', () => {
    fc.assert(
      fc.property(
        fc.oneof(rowsOf, repetitive, entryLike),
        delimiter,
        fc.constantFrom('\r\n', '\n'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        repeats,
        fc.boolean(),
        (cells, d, eol, f, hint, literal) => {
          const lines = cells.map((r) => r.map((c) => quote(c, d, literal)).join(d) + eol);
          const whole = lines.join('');
          const text = whole.slice(0, Math.floor(f * whole.length));
          // Where the last row that fits in the cut ends (with RFC 4180 quoting alone, lastRowEnd finds it too).
          let complete = 0;
          for (const line of lines) {
            if (complete + line.length > text.length) break;
            complete += line.length;
          }
          const scanned = new CsvScanner(d, hint).scan(text, false);
          expect(scanned).not.toBeNull();
          expect(scanned!.consumed).toBe(complete);
          if (!literal) expect(scanned!.consumed).toBe(lastRowEnd(text) + 1);
          expect(toArrays(scanned!.rows)).toEqual(
            scanned!.consumed === 0 ? [] : papaRows(text.slice(0, scanned!.consumed), d),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary text it either gives up or agrees with PapaParse', () => {
    // Whole quoted cells among the noise, so that quoted text is often accepted and compared too.
    const text = fc.string({
      unit: fc.constantFrom(...units, '"a,b"', '""', '"x""y"', '"\r\n"', '"\r"'),
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, delimiter, repeats, (t, d, hint) => {
        const scanned = new CsvScanner(d, hint).scan(t, true);
        if (scanned === null) return;
        const expected = papaRows(t, d);
        expect(expected).not.toBeNull();
        expect(toArrays(scanned.rows)).toEqual(expected);
        expectConsistent(scanned.rows, toArrays(scanned.rows));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives up on what it does not read itself', () => {
    const scan = (text: string) => new CsvScanner(',').scan(text, true);
    expect(scan('a,"b" ,c\n')).toBeNull();
    expect(scan('a,"never closed\n')).toBeNull();
    expect(scan('a,"b"\r')).toBeNull();
  });

  it('reads quotes inside unquoted cells as text, as PapaParse does (Excel text wrappers)', () => {
    const text = '="B7603245278",b"c,"$27,109.00",x""y\r\n';
    const scanned = new CsvScanner(',').scan(text, true)!;
    expect(toArrays(scanned.rows)).toEqual([['="B7603245278"', 'b"c', '$27,109.00', 'x""y']]);
    expect(toArrays(scanned.rows)).toEqual(papaRows(text, ','));
  });

  it('reuses its buffers from one scan to the next without mixing rows', () => {
    const scanner = new CsvScanner(',');
    expect(toArrays(scanner.scan('a,b\nc,"d,e"\n', true)!.rows)).toEqual([
      ['a', 'b'],
      ['c', 'd,e'],
    ]);
    expect(toArrays(scanner.scan('x\n', true)!.rows)).toEqual([['x']]);
  });
});

/**
 * Property-based tests (fast-check) of the CSV record splitting: however the text is cut into pieces,
 * csvRecords yields exactly the rows PapaParse finds in the whole text, and lastRowEnd only ever cuts
 * after complete rows.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { FileRejected } from './csv-records';
import { countQuotes, lastRowEnd } from './row-cut';
import { csvRecords } from '../../tests/factories/csv-rows';
import { HEADER } from '../../tests/factories/es003';

/** Cells with everything that makes CSV hard: quotes, delimiters, line breaks, tabs, non-ASCII, emoji. */
const cell = fc.string({
  unit: fc.constantFrom('a', 'Z', '7', ' ', ',', ';', '|', '\t', '"', '\n', '\r\n', '\r', 'ü', '株', '🚢', '='),
  maxLength: 12,
});
const rowsOf = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 });

function quote(c: string, d: string): string {
  return c.includes(d) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

function csv(rows: string[][], eol: string, d = ','): string {
  return rows.map((r) => r.map((c) => quote(c, d)).join(d)).join(eol) + eol;
}

/** Cut `text` at the given fractions (sorted, deduplicated) into pieces. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

async function* yieldAll(pieces: string[]): AsyncGenerator<string> {
  for (const p of pieces) yield p;
}

async function records(pieces: string[]): Promise<string[][]> {
  const out: string[][] = [];
  for await (const b of csvRecords(yieldAll(pieces), () => undefined)) out.push(...b.rows);
  return out;
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

describe('csvRecords against PapaParse on the whole text', () => {
  it('any valid CSV, cut anywhere: the same rows, in order', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf, fc.constantFrom('\r\n', '\n'), fractions, async (rows, eol, at) => {
        // A row of one empty cell is a blank line; keep such rows but never as the only content.
        const body = csv(rows, eol);
        const text = HEADER.join(',') + eol + body;
        const expected = Papa.parse<string[]>(body, {
          delimiter: ',',
          newline: eol as '\r\n' | '\n',
          quoteChar: '"',
        }).data;
        if (body.endsWith(eol)) expected.pop();
        // csvRecords splits on '\n' and drops a '\r' ending a row's last cell, even a quoted one
        // ("abc\r"): harmless, as cells are trimmed when read.
        for (const r of expected) r[r.length - 1] = r[r.length - 1]!.replace(/\r$/, '');
        expect(await records(cut(text, at))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('an unterminated quote anywhere is refused, never read as a giant cell', async () => {
    // After the stray quote no quote follows, so nothing can close it.
    const plain = fc.array(
      fc.array(fc.string({ unit: fc.constantFrom('a', '7', ' ', ';', 'ü', '🚢'), maxLength: 8 }), {
        minLength: 1,
        maxLength: 6,
      }),
      { maxLength: 25 },
    );
    await fc.assert(
      fc.asyncProperty(rowsOf, plain, fc.constantFrom('\r\n', '\n'), fractions, async (before, after, eol, at) => {
        const text =
          HEADER.join(',') +
          eol +
          csv(before, eol) +
          'B7603245278,"never closed,' +
          eol +
          (after.length ? csv(after, eol) : '');
        await expect(records(cut(text, at))).rejects.toBeInstanceOf(FileRejected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('lastRowEnd', () => {
  it('cuts only after whole rows: the text before the cut parses to a prefix of the whole file’s rows', () => {
    fc.assert(
      fc.property(rowsOf, fc.constantFrom('\r\n', '\n'), fc.double({ min: 0, max: 1, noNaN: true }), (rows, eol, f) => {
        const text = csv(rows, eol);
        const prefix = text.slice(0, Math.floor(f * text.length));
        const i = lastRowEnd(prefix);
        const all = Papa.parse<string[]>(text, { delimiter: ',', newline: eol as '\r\n' | '\n' }).data;
        if (i === -1) {
          // No complete row yet: the prefix lies within the first row.
          expect(prefix.length).toBeLessThanOrEqual(csv(rows.slice(0, 1), eol).length);
          return;
        }
        expect(prefix[i]).toBe('\n');
        const head = Papa.parse<string[]>(prefix.slice(0, i + 1), {
          delimiter: ',',
          newline: eol as '\r\n' | '\n',
        }).data;
        head.pop();
        expect(head).toEqual(all.slice(0, head.length));
        // And it is the last such cut: what follows (which starts outside quotes) holds no complete row.
        expect(countQuotes(prefix.slice(0, i + 1)) % 2).toBe(0);
        expect(lastRowEnd(prefix.slice(i + 1))).toBe(-1);
      }),
      { numRuns: 1000 },
    );
  });
});

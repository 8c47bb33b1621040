import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { FileRejected, MAX_PENDING_CHARS, type CsvHeader } from './csv-records';
import { csvRecords } from '../../tests/factories/csv-rows';
import { HEADER, csvText, simpleEntry } from '../../tests/factories/es003';

/** `count` pieces of text from `make`, counting how many the reader pulled. */
function pieces(count: number, make: (i: number) => string): { chunks: AsyncIterable<string>; pulled: () => number } {
  let pulled = 0;
  return {
    chunks: (async function* () {
      for (let i = 0; i < count; i++) {
        pulled++;
        yield make(i);
      }
    })(),
    pulled: () => pulled,
  };
}

async function readAll(chunks: AsyncIterable<string>): Promise<{ header: CsvHeader | null; rows: string[][] }> {
  let header: CsvHeader | null = null;
  const rows: string[][] = [];
  for await (const b of csvRecords(chunks, (h) => (header = h))) rows.push(...b.rows);
  return { header, rows };
}

const MiB = 1 << 20;

describe('csvRecords on damaged input', () => {
  it('a 100 MB single line is refused after reading the size limit, not the whole file', async () => {
    const { chunks, pulled } = pieces(100, () => 'x,'.repeat(MiB / 2));
    await expect(readAll(chunks)).rejects.toThrow(/first 16 MB of the file hold no line break/);
    expect(pulled()).toBeLessThanOrEqual(MAX_PENDING_CHARS / MiB + 1);
  });

  it('a header followed by a 100 MB line (fewer than 30 lines in all) hits the row-length limit', async () => {
    const { chunks, pulled } = pieces(101, (i) => (i === 0 ? HEADER.join(',') + '\r\n' : 'y'.repeat(MiB)));
    const err = await readAll(chunks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRejected);
    expect((err as Error).message).toMatch(/^Row 2 is longer than 16 MB/);
    expect(pulled()).toBeLessThanOrEqual(MAX_PENDING_CHARS / MiB + 3);
  });

  it('an unterminated quote that swallows the rest of a small file names its row', async () => {
    const text =
      csvText(simpleEntry('B7603245278')) + 'ABC12345676,"01,unclosed\r\n' + csvText(simpleEntry('SP700000014'));
    await expect(readAll(pieces(1, () => text).chunks)).rejects.toThrow(
      /^Row 4 opens a quoted cell that is not closed/,
    );
  });

  it('a CRLF file with every cell quoted (a quoted last column) is read, not refused as an open quote', async () => {
    const quoted = (r: string[]) => r.map((c) => `"${c}"`).join(',');
    const rows = simpleEntry('B7603245278', { status: 'Final Liquidation' });
    const text = [HEADER, ...rows].map(quoted).join('\r\n') + '\r\n';
    for (const size of [text.length, 1, 5, 97]) {
      const { rows: read } = await readAll(
        pieces(Math.ceil(text.length / size), (i) => text.slice(i * size, (i + 1) * size)).chunks,
      );
      expect(read).toEqual(rows);
    }
    // Without the final line break, and with a stray CR at the very end.
    expect((await readAll(pieces(1, () => text.slice(0, -2)).chunks)).rows).toEqual(rows);
    expect((await readAll(pieces(1, () => text.slice(0, -1)).chunks)).rows).toEqual(rows);
  });

  it('a header line of 10,000 columns is found, its rows read whole', async () => {
    const extra = Array.from({ length: 10_000 - HEADER.length }, (_, i) => `Extra ${i}`);
    const cells = (r: string[]) => [...r, ...extra.map(() => 'v')];
    const text = csvText(simpleEntry('B7603245278').map(cells), { header: [...HEADER, ...extra] });
    const { header, rows } = await readAll(pieces(1, () => text).chunks);
    expect(header!.headers).toHaveLength(10_000);
    expect(rows.map((r) => r.length)).toEqual([10_000, 10_000]);
  });

  it('still finds a header below title lines when the text comes in pieces of any size', async () => {
    const text = 'Title\r\nParameters: x\r\n' + csvText(simpleEntry('B7603245278'));
    for (const size of [1, 7, 64]) {
      const { header, rows } = await readAll(
        pieces(Math.ceil(text.length / size), (i) => text.slice(i * size, (i + 1) * size)).chunks,
      );
      expect(header!.row).toBe(3);
      expect(rows).toEqual(
        Papa.parse<string[]>(csvText(simpleEntry('B7603245278')).trimEnd(), { newline: '\r\n' }).data.slice(1),
      );
    }
  });
});

import { describe, expect, it } from 'vitest';
import { textChunks } from './text-chunks';
import { csvRecords, streamOf } from '../../tests/factories/csv-rows';
import { HEADER, csvText, row, utf16 } from '../../tests/factories/es003';

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const t of it) s += t;
  return s;
}

const NAMES = ['Müller Küchentechnik', '株式会社サクラ貿易', 'Ñandú 🚢 Trading', 'Ελληνικά & Co'];
const text = csvText(
  NAMES.map((name, i) => row({ entry: 'B7603245278', name, line: i + 1, hts: '99030125', duty: '1.00' })),
);

describe('decoding across chunk boundaries', () => {
  it.each([1, 2, 3, 5, 7, 4093])('UTF-8 in %i-byte pieces: every multi-byte character intact', async (size) => {
    const decoded = await collect(
      textChunks(
        streamOf(new TextEncoder().encode(text), size),
        'utf-8',
        () => undefined,
        () => false,
      ),
    );
    expect(decoded).toBe(text);
    expect(decoded).not.toContain('\uFFFD');
  });

  it.each([1, 3, 4093])('UTF-16 LE and BE in %i-byte pieces (odd offsets too)', async (size) => {
    for (const be of [false, true]) {
      const decoded = await collect(
        textChunks(
          streamOf(utf16(text, be), size),
          be ? 'utf-16be' : 'utf-16le',
          () => undefined,
          () => false,
        ),
      );
      expect(decoded).toBe(text);
    }
  });
});

describe('cutting text into whole rows', () => {
  const tricky = csvText([
    row({ entry: 'B7603245278', name: 'Line\nbreak, "quoted" name', hts: '99030125', duty: '1.00' }),
    row({ entry: 'ABC12345676', name: '株式会社, "サクラ"', hts: '8471300100', duty: '2.00' }),
    row({ entry: 'SP700000014', name: 'Plain', hts: '99030125', duty: '3.00' }),
  ]);

  async function rowsOf(chunks: string[]): Promise<string[][]> {
    async function* gen() {
      for (const c of chunks) yield c;
    }
    const rows: string[][] = [];
    for await (const b of csvRecords(gen(), () => undefined)) rows.push(...b.rows);
    return rows;
  }

  it('gives the same rows however the text is split', async () => {
    const whole = await rowsOf([tricky]);
    expect(whole).toHaveLength(3);
    expect(whole[0]![3]).toBe('Line\nbreak, "quoted" name');
    expect(whole[0]).toHaveLength(HEADER.length);
    for (let cut = 1; cut < tricky.length; cut++) {
      expect(await rowsOf([tricky.slice(0, cut), tricky.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
  });
});

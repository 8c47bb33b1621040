import { describe, expect, it } from 'vitest';
import { UndecodableError, textChunks } from './text-chunks';
import { streamOf } from '../../tests/factories/csv-rows';

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const t of it) pieces.push(t);
  return pieces;
}

const TEXT = 'Müller Küchentechnik, 株式会社サクラ貿易, Ñandú 🚢 Trading\r\n'.repeat(5_000);

describe('textChunks', () => {
  it.each([1, 3, 4093, 100_000, 1 << 20])(
    'decodes %i-byte chunks exactly, in pieces of at most 32 KiB',
    async (size) => {
      const pieces = await collect(
        textChunks(
          streamOf(new TextEncoder().encode(TEXT), size),
          'utf-8',
          () => undefined,
          () => false,
        ),
      );
      expect(pieces.join('')).toBe(TEXT);
      // A piece of 32 KiB of bytes decodes to at most 32 Ki characters.
      expect(pieces.reduce((m, p) => Math.max(m, p.length), 0)).toBeLessThanOrEqual(32 * 1024);
    },
  );

  it('reports bytes read, and refuses bytes that are not UTF-8', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    let seen = 0;
    await collect(
      textChunks(
        streamOf(bytes, 5_000),
        'utf-8',
        (n) => (seen = n),
        () => false,
      ),
    );
    expect(seen).toBe(bytes.length);
    const broken = new Uint8Array([...bytes.subarray(0, 40_000), 0xff, 0xfe, ...bytes.subarray(40_000, 41_000)]);
    await expect(
      collect(
        textChunks(
          streamOf(broken, 100_000),
          'utf-8',
          () => undefined,
          () => false,
        ),
      ),
    ).rejects.toBeInstanceOf(UndecodableError);
  });
});

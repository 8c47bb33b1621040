import { describe, expect, it } from 'vitest';
import { UndecodableError, textChunks } from './text-chunks';

/** A byte stream (as File.stream() is) that hands out at most `size` bytes per read, into the reader's buffer. */
function byteStreamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(c) {
      const req = c.byobRequest!;
      const view = req.view as Uint8Array;
      const n = Math.min(size, view.byteLength, bytes.length - at);
      if (n === 0) {
        c.close();
        req.respond(0);
        return;
      }
      view.set(bytes.subarray(at, at + n));
      at += n;
      req.respond(n);
    },
  });
}

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const t of it) s += t;
  return s;
}

const TEXT = 'Müller Küchentechnik, 株式会社サクラ貿易, Ñandú 🚢 Trading\r\n'.repeat(3_000);

describe('textChunks over a byte stream (one reused buffer)', () => {
  it.each([1, 3, 4093, 1 << 16])('decodes %i-byte reads exactly, multi-byte characters intact', async (size) => {
    const decoded = await collect(textChunks(byteStreamOf(new TextEncoder().encode(TEXT), size), 'utf-8', () => undefined, () => false));
    expect(decoded).toBe(TEXT);
  });

  it('reports bytes read, and refuses bytes that are not UTF-8', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    let seen = 0;
    await collect(textChunks(byteStreamOf(bytes, 5_000), 'utf-8', (n) => (seen = n), () => false));
    expect(seen).toBe(bytes.length);
    const broken = new Uint8Array([...bytes.subarray(0, 100), 0xff, 0xfe, ...bytes.subarray(100, 200)]);
    await expect(collect(textChunks(byteStreamOf(broken, 64), 'utf-8', () => undefined, () => false))).rejects.toBeInstanceOf(UndecodableError);
  });
});

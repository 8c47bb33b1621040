import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileDigest } from './file-digest';

const BYTES = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
const expected = createHash('sha256').update(BYTES).digest('hex');
const file = () => new File([BYTES], 'x.csv');

async function readAll(stream: ReadableStream<Uint8Array>): Promise<number> {
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

describe('FileDigest: the SHA-256 of a file as the import reads it', () => {
  it('over the chunks the import reads, passed on unchanged', async () => {
    const d = new FileDigest(file());
    expect(await readAll(d.file.stream())).toBe(BYTES.length);
    expect(await d.hex()).toBe(expected);
  });

  it('reads the file itself when the import did not read it whole, in order, once (a workbook, a cancelled read)', async () => {
    const unread = new FileDigest(file());
    expect(await unread.file.slice(0, 10).arrayBuffer()).toHaveProperty('byteLength', 10);
    expect(await unread.hex()).toBe(expected);
    const twice = new FileDigest(file());
    await readAll(twice.file.stream());
    await readAll(twice.file.stream());
    expect(await twice.hex()).toBe(expected);
  });

  it('is the file for every other use: name, size, instanceof File', () => {
    const d = new FileDigest(file());
    expect(d.file).toBeInstanceOf(File);
    expect([d.file.name, d.file.size]).toEqual(['x.csv', BYTES.length]);
  });
});

import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZipDirectory } from './zip-directory';
import { ZipReader } from './zip-reader';

/** Bytes that do not compress (a seeded xorshift): the member is most of the file. */
function noise(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('ZipReader progress', () => {
  it('counts compressed bytes read, and a member read again (saxes taking over a sheet) only once', async () => {
    const data = noise(3 << 20);
    const zipped = zipSync({ 'xl/worksheets/sheet1.xml': data, 'xl/styles.xml': new Uint8Array(10) });
    const file = new File([zipped], 'book.xlsx');
    const compressed = (await readZipDirectory(file)).get('xl/worksheets/sheet1.xml')!.compressedSize;
    const reported: number[] = [];
    const zip = await ZipReader.open(file, (n) => reported.push(n));
    // Stop after the first chunk, as the tokenizer does when it gives up.
    for await (const chunk of zip.chunks('xl/worksheets/sheet1.xml')) {
      expect(chunk.byteLength).toBeGreaterThan(0);
      break;
    }
    // How far the first read got depends on the platform's read-ahead (Node reads it all).
    expect(reported.at(-1)).toBeGreaterThan(0);
    let inflated = 0;
    for await (const chunk of zip.chunks('xl/worksheets/sheet1.xml')) inflated += chunk.byteLength;
    expect(inflated).toBe(data.length);
    expect(reported.at(-1)).toBe(compressed);
    expect(reported.every((n, i) => i === 0 || n >= reported[i - 1]!)).toBe(true);
  });
});

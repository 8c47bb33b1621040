/**
 * Stream a file's bytes as text in ~1 MiB pieces. Decoding is ours, with one streaming TextDecoder, so a
 * multi-byte character split between two reads stays intact (PapaParse's own File reading decodes
 * each slice alone and corrupts it). Invalid UTF-8 throws: such a file is refused, not half-read.
 */
import type { TextEncodingName } from './file-head';

export const TEXT_CHUNK_CHARS = 1 << 20;

export class UndecodableError extends Error {
  constructor(encoding: TextEncodingName) {
    super(`The file is not valid ${encoding.toUpperCase()} text (undecodable bytes). Save it as UTF-8 CSV and try again.`);
    this.name = 'UndecodableError';
  }
}

export async function* textChunks(
  stream: ReadableStream<Uint8Array>,
  encoding: TextEncodingName,
  onBytes: (bytesRead: number) => void,
  isCancelled: () => boolean,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const reader = stream.getReader();
  let bytes = 0;
  let parts: string[] = [];
  let size = 0;
  try {
    for (;;) {
      if (isCancelled()) return;
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      let text: string;
      try {
        text = decoder.decode(value, { stream: true });
      } catch {
        throw new UndecodableError(encoding);
      }
      onBytes(bytes);
      if (text.length === 0) continue;
      parts.push(text);
      size += text.length;
      if (size >= TEXT_CHUNK_CHARS) {
        yield parts.join('');
        parts = [];
        size = 0;
      }
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new UndecodableError(encoding);
    }
    if (tail) parts.push(tail);
    if (parts.length > 0) yield parts.join('');
  } finally {
    reader.releaseLock();
  }
}

/**
 * The SHA-256 of an imported file's exact bytes, for the report (which files a figure rests on).
 *
 * Delimited text is read once, start to end, through `File.stream()`: the digest is taken over those
 * very chunks as the import reads them (no second read). A workbook's reader reads only the ZIP parts
 * it needs, by slices and out of order, so its digest reads the file once more at the end (compressed
 * bytes only; an ACE workbook is a fraction of its text's size).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** A file's SHA-256 taken apart from the import (another worker), or null when that failed. */
export type FileHasher = (file: File) => Promise<string | null>;

/** The hex SHA-256 of a file's bytes, read start to end. */
export async function sha256OfFile(file: Blob): Promise<string> {
  const hash = sha256.create();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return bytesToHex(hash.digest());
}

export class FileDigest {
  private readonly hash = sha256.create();
  /** Bytes hashed so far in order from the first; -1 once a second read or a short read spoils the digest. */
  private hashed = 0;
  private streams = 0;
  /** The file as the import's reader sees it: the same File, with `stream()` hashed on the way. */
  readonly file: File;

  constructor(private readonly source: File) {
    this.file = new Proxy(source, {
      get: (target, key) => {
        if (key === 'stream') return () => this.hashedStream(target.stream());
        const value: unknown = Reflect.get(target, key, target);
        // Blob's methods check their receiver: they run on the File itself, never on the proxy.
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private hashedStream(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    if (++this.streams > 1) this.hashed = -1;
    return stream.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, out) => {
          if (this.hashed >= 0) {
            this.hash.update(chunk);
            this.hashed += chunk.byteLength;
          }
          out.enqueue(chunk);
        },
        flush: () => {
          if (this.hashed !== this.source.size) this.hashed = -1;
        },
      }),
    );
  }

  /** Hash nothing more: the digest is taken elsewhere. */
  stop(): void {
    this.hashed = -1;
  }

  /** The hex digest: of the chunks read when the import read the whole file in order, else of a read now. */
  hex(): Promise<string> {
    if (this.hashed === this.source.size && this.hashed >= 0) return Promise.resolve(bytesToHex(this.hash.digest()));
    return sha256OfFile(this.source);
  }
}

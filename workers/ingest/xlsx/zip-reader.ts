/**
 * Streams one ZIP member at a time out of a File: the compressed bytes are read with
 * File.slice().stream() and inflated with fflate's streaming Inflate, so a member is never held
 * whole (a 200k-row worksheet is ~100 MB of XML). Progress counts compressed bytes read.
 */
import { Inflate } from 'fflate';
import { FileRejected } from '../csv-records';
import { TRUNCATED_ZIP, type ZipEntry, readZipDirectory } from './zip-directory';

const LOCAL_SIG = 0x04034b50;
const LOCAL_BYTES = 30;

export class ZipReader {
  /** Compressed bytes read so far, over all members. */
  private bytesRead = 0;

  private constructor(
    private readonly file: File,
    private readonly entries: Map<string, ZipEntry>,
    private readonly onBytes: (n: number) => void,
  ) {}

  static async open(file: File, onBytes: (n: number) => void): Promise<ZipReader> {
    return new ZipReader(file, await readZipDirectory(file), onBytes);
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** Member names as stored, for messages about what the archive holds. */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.name).filter((n) => !n.endsWith('/'));
  }

  /** Report the whole file as read (the members we skipped count as done). */
  finish(): void {
    this.onBytes(this.file.size);
  }

  /** The inflated bytes of one member, chunk by chunk; stopping early cancels the read. */
  async *chunks(path: string): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new FileRejected(`The workbook is damaged: its part ${path} is missing.`);
    if (entry.flags & 1) throw new FileRejected('The workbook is encrypted (password-protected). Remove the password in Excel and save it again, or export CSV.');
    if (entry.method !== 0 && entry.method !== 8) throw new FileRejected(`The workbook part ${entry.name} uses ZIP compression method ${entry.method}, which Excel does not write. Save it again from Excel.`);
    const head = new DataView(await this.file.slice(entry.localOffset, entry.localOffset + LOCAL_BYTES).arrayBuffer());
    if (head.byteLength < LOCAL_BYTES || head.getUint32(0, true) !== LOCAL_SIG) throw new FileRejected(TRUNCATED_ZIP);
    const start = entry.localOffset + LOCAL_BYTES + head.getUint16(26, true) + head.getUint16(28, true);
    if (start + entry.compressedSize > this.file.size) throw new FileRejected(TRUNCATED_ZIP);
    const reader = this.file.slice(start, start + entry.compressedSize).stream().getReader();
    const out: Uint8Array[] = [];
    const inflate = entry.method === 8 ? new Inflate((data) => out.push(data)) : null;
    let inflated = 0;
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (!done) {
          this.bytesRead += value.byteLength;
          this.onBytes(Math.min(this.bytesRead, this.file.size));
        }
        if (inflate) push(inflate, done ? new Uint8Array(0) : value, done, entry.name);
        else if (!done) out.push(value);
        for (const chunk of out.splice(0)) {
          inflated += chunk.byteLength;
          yield chunk;
        }
        if (done) break;
      }
      finished = true;
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
    if (inflated !== entry.size) throw new FileRejected(`The workbook is damaged: part ${entry.name} holds ${inflated} bytes where its directory promises ${entry.size}.`);
  }
}

function push(inflate: Inflate, chunk: Uint8Array, final: boolean, name: string): void {
  try {
    inflate.push(chunk, final);
  } catch (e) {
    throw new FileRejected(`The workbook is damaged: part ${name} cannot be decompressed (${e instanceof Error ? e.message : String(e)}). Download or export it again.`);
  }
}

/**
 * The central directory of a ZIP file, read from its end with File.slice: where each member starts,
 * how it is compressed and how big it is. Random access lets the workbook reader inflate only the
 * parts it needs, in the order it needs them (sharedStrings.xml often sits after the worksheets).
 */
import { FileRejected } from '../csv-records';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  /** General-purpose flags; bit 0 = encrypted. */
  flags: number;
  /** Bytes as stored in the file. */
  compressedSize: number;
  /** Bytes once inflated. */
  size: number;
  /** Byte offset of the member's local header. */
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
/** The end record plus the longest comment a ZIP may carry (bytes). */
const TAIL_BYTES = EOCD_BYTES + 0xffff;

export const TRUNCATED_ZIP =
  'The workbook is incomplete or damaged: its ZIP directory (at the end of an .xlsx) is missing or broken, as when a download was cut short. Download or export it again.';

/** Members by lower-cased path (OPC part names compare case-insensitively). */
export async function readZipDirectory(file: File): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, file.size - TAIL_BYTES);
  const tail = new DataView(await file.slice(tailStart).arrayBuffer());
  let eocd = -1;
  for (let i = tail.byteLength - EOCD_BYTES; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new FileRejected(TRUNCATED_ZIP);
  const count = tail.getUint16(eocd + 10, true);
  const dirSize = tail.getUint32(eocd + 12, true);
  const dirOffset = tail.getUint32(eocd + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    throw new FileRejected(
      'This workbook uses ZIP64 (a format for archives over 4 GB), which is not supported. Save it again from Excel as .xlsx, or export CSV.',
    );
  }
  if (dirOffset + dirSize > tailStart + eocd) throw new FileRejected(TRUNCATED_ZIP);
  const dir = new DataView(await file.slice(dirOffset, dirOffset + dirSize).arrayBuffer());
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + CENTRAL_BYTES > dir.byteLength || dir.getUint32(p, true) !== CENTRAL_SIG)
      throw new FileRejected(TRUNCATED_ZIP);
    const nameLength = dir.getUint16(p + 28, true);
    const extraLength = dir.getUint16(p + 30, true);
    const commentLength = dir.getUint16(p + 32, true);
    const name = names
      .decode(new Uint8Array(dir.buffer, dir.byteOffset + p + CENTRAL_BYTES, nameLength))
      .replace(/\\/g, '/');
    entries.set(name.toLowerCase(), {
      name,
      flags: dir.getUint16(p + 8, true),
      method: dir.getUint16(p + 10, true),
      compressedSize: dir.getUint32(p + 20, true),
      size: dir.getUint32(p + 24, true),
      localOffset: dir.getUint32(p + 42, true),
    });
    p += CENTRAL_BYTES + nameLength + extraLength + commentLength;
  }
  return entries;
}

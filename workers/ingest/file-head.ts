/** What a file is, judged from its first bytes: text in an encoding we read, a ZIP (maybe .xlsx), or not readable. */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export type FileHead =
  { kind: 'text'; encoding: TextEncodingName } | { kind: 'zip' } | { kind: 'rejected'; reason: string };

/** Bytes inspected for NULs and UTF-16 patterns. */
export const HEAD_BYTES = 64 * 1024;

export function classifyHead(head: Uint8Array): FileHead {
  if (head.length === 0) return { kind: 'rejected', reason: 'The file is empty (0 bytes).' };
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xff && b1 === 0xfe) return { kind: 'text', encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { kind: 'text', encoding: 'utf-16be' };
  if (b0 === 0x50 && b1 === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { kind: 'zip' };
  if (b0 === 0x89 && b1 === 0x50 && head[2] === 0x4e && head[3] === 0x47) {
    return { kind: 'rejected', reason: 'This is a PNG image, not a CSV or Excel export.' };
  }
  if (b0 === 0x25 && b1 === 0x50 && head[2] === 0x44 && head[3] === 0x46) {
    return {
      kind: 'rejected',
      reason: 'This is a PDF, not a CSV or Excel export. Export ES-003 from ACE as CSV or Excel.',
    };
  }
  let zerosEven = 0;
  let zerosOdd = 0;
  const n = Math.min(head.length, HEAD_BYTES);
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    }
  }
  if (zerosEven + zerosOdd === 0) return { kind: 'text', encoding: 'utf-8' };
  const half = n / 2;
  if (zerosOdd > half * 0.3 && zerosEven < half * 0.05) {
    return {
      kind: 'rejected',
      reason:
        'The file looks like UTF-16 (little-endian) text without a byte-order mark. Save it again as UTF-8, or as UTF-16 with a BOM.',
    };
  }
  if (zerosEven > half * 0.3 && zerosOdd < half * 0.05) {
    return {
      kind: 'rejected',
      reason:
        'The file looks like UTF-16 (big-endian) text without a byte-order mark. Save it again as UTF-8, or as UTF-16 with a BOM.',
    };
  }
  return { kind: 'rejected', reason: 'This is not a text file (it contains NUL bytes): it cannot be a CSV export.' };
}

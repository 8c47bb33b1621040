/**
 * Writes bytes into 256 KiB blocks that become the parts of one Blob, made once at the end: no
 * string per row (nor the UTF-8 encoding pass a Blob of strings costs). Chromium copies a Blob's
 * bytes into its blob store; one Blob of many byte arrays costs ~30-50 ms per 25 MB in a worker
 * here, a Blob per 1 MiB block composed into one ~120-250 ms (the entries CSV of 236,000 entries,
 * on every what-if).
 */

/** Bytes per block; a value longer than this gets a block of its own size. */
const BLOCK_BYTES = 1 << 18;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const SMALL_INT = 2 ** 31;
/** Up to this many bytes a plain loop copies faster than TypedArray.set. */
const SHORT_BYTES = 16;

/** Copy `b` into `block` at `p`; returns the position after it. */
export function putBytes(block: Uint8Array, p: number, b: Uint8Array): number {
  const n = b.length;
  for (let k = 0; k < n; k++) block[p + k] = b[k]!;
  return p + n;
}

/** Integer cents as `-1234.05` (core's formatCents) into `block` at `p` (at most 20 bytes); returns the position after it. */
export function putCents(block: Uint8Array, p: number, c: number): number {
  let abs = c;
  if (c < 0) {
    block[p++] = MINUS;
    abs = -c;
  }
  if (abs >= SMALL_INT) return putLargeCents(block, p, abs);
  // Below 2^31 (every amount under $21 million) in 32-bit integer steps: digits from the right into scratch.
  let n = abs | 0;
  let len = 0;
  do {
    const q = (n / 10) | 0;
    SCRATCH[len++] = n - q * 10;
    n = q;
  } while (n !== 0 || len < 3);
  while (len > 2) block[p++] = ZERO + SCRATCH[--len]!;
  block[p++] = DOT;
  block[p++] = ZERO + SCRATCH[1]!;
  block[p++] = ZERO + SCRATCH[0]!;
  return p;
}

/** Digits of a cents amount below 2^31, least significant first. */
const SCRATCH = new Uint8Array(12);

/** putCents of a non-negative amount of 2^31 cents or more, in doubles. */
function putLargeCents(block: Uint8Array, p: number, abs: number): number {
  let whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  const end = p + digitCount(whole) + 3;
  block[end - 1] = ZERO + (frac % 10);
  block[end - 2] = ZERO + Math.floor(frac / 10);
  block[end - 3] = DOT;
  let k = end - 3;
  for (; whole > 0; whole = Math.floor(whole / 10)) block[--k] = ZERO + (whole % 10);
  return end;
}

/** Bytes putCents writes at most: a sign, 16 digits (cents below 2^53), the point and two decimals. */
export const MAX_CENTS_BYTES = 20;

/** Digits of a non-negative integer. */
function digitCount(n: number): number {
  let width = 1;
  for (let p = 10; p <= n; p *= 10) width++;
  return width;
}

export class ByteWriter {
  /** Full blocks, the Blob's parts. */
  private readonly parts: Uint8Array<ArrayBuffer>[] = [];
  private block = new Uint8Array(BLOCK_BYTES);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.block.length) return;
    this.parts.push(this.block.subarray(0, this.pos));
    this.block = new Uint8Array(Math.max(n, BLOCK_BYTES));
    this.pos = 0;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const block = this.block;
    const p = this.pos;
    if (n > SHORT_BYTES) block.set(b, p);
    else for (let k = 0; k < n; k++) block[p + k] = b[k]!;
    this.pos = p + n;
  }

  /** A string known to be ASCII (entry numbers, codes). */
  ascii(s: string): void {
    this.ensure(s.length);
    const block = this.block;
    let p = this.pos;
    for (let k = 0; k < s.length; k++) block[p++] = s.charCodeAt(k);
    this.pos = p;
  }

  /**
   * Room for `n` bytes: returns the block to write into from `pos` on; `advance` to the end written.
   * A hot loop writes a whole row this way, with one bounds check instead of one per cell.
   */
  reserve(n: number): Uint8Array {
    this.ensure(n);
    return this.block;
  }

  get position(): number {
    return this.pos;
  }

  advance(to: number): void {
    this.pos = to;
  }

  blob(type: string): Blob {
    return new Blob([...this.parts, this.block.subarray(0, this.pos)], { type });
  }
}

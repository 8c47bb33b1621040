/**
 * Writes bytes into 1 MiB blocks that become parts of one Blob as they fill (the block is reused), so
 * a large CSV never sits whole in the worker and needs no string per row (nor the UTF-8 encoding
 * pass a Blob of strings costs).
 */

/** Bytes per block; a value longer than this gets a block of its own size. */
const BLOCK_BYTES = 1 << 20;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const SMALL_INT = 2 ** 31;
/** Up to this many bytes a plain loop copies faster than TypedArray.set. */
const SHORT_BYTES = 16;

/** Digits of a non-negative integer. */
function digitCount(n: number): number {
  let width = 1;
  for (let p = 10; p <= n; p *= 10) width++;
  return width;
}

export class ByteWriter {
  /** Blob parts made of full blocks. */
  private readonly parts: Blob[] = [];
  private block = new Uint8Array(BLOCK_BYTES);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.block.length) return;
    // The Blob constructor copies the bytes, so the block can be written again.
    this.parts.push(new Blob([this.block.subarray(0, this.pos)]));
    if (n > this.block.length) this.block = new Uint8Array(n);
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

  byte(b: number): void {
    this.ensure(1);
    this.block[this.pos++] = b;
  }

  /** A string known to be ASCII (entry numbers, codes). */
  ascii(s: string): void {
    this.ensure(s.length);
    const block = this.block;
    let p = this.pos;
    for (let k = 0; k < s.length; k++) block[p++] = s.charCodeAt(k);
    this.pos = p;
  }

  /** A non-negative integer in decimal, digits written from the right. */
  private unsigned(n: number): void {
    const width = digitCount(n);
    this.ensure(width);
    const block = this.block;
    let k = this.pos + width;
    this.pos = k;
    // Integer division by `| 0` where it is exact (below 2^31), Math.floor above.
    for (; n >= SMALL_INT; n = Math.floor(n / 10)) block[--k] = ZERO + (n % 10);
    do {
      const q = (n / 10) | 0;
      block[--k] = ZERO + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** Integer cents as `-1234.05` (core's formatCents: two decimals, no separators). */
  cents(c: number): void {
    const abs = Math.abs(c);
    if (c < 0) this.byte(MINUS);
    const whole = Math.floor(abs / 100);
    const frac = abs - whole * 100;
    this.unsigned(whole);
    this.ensure(3);
    const block = this.block;
    block[this.pos++] = DOT;
    block[this.pos++] = ZERO + Math.floor(frac / 10);
    block[this.pos++] = ZERO + (frac % 10);
  }

  blob(type: string): Blob {
    return new Blob([...this.parts, this.block.subarray(0, this.pos)], { type });
  }
}

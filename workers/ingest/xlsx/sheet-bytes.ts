/**
 * A reader of `<sheetData>` straight from the inflated bytes, for worksheets written the plain way
 * Excel and most exporters write them: unprefixed `<row r="…">`, `<c r="A5" s="1" t="s">` with
 * double-quoted attributes, each cell empty or one `<v>…</v>`, nothing between the tags. A shared
 * string cell's index is read as a number and its string taken from the table, so such a cell makes
 * no string at all; other values become text from their bytes. Nothing is decoded as a whole: on
 * a 1M-row workbook (770 MB of sheet XML) decoding took ~1-2 s and the text tokenizer ~5 s, most of
 * the time of the import.
 *
 * Anything else — a prefix, single quotes, an entity it does not read, inline strings, formulas,
 * text between tags — throws NotPlain, and the caller reads the part with the text tokenizer
 * (sheet-tokenizer.ts), which reads the rest of XML's plain subset (and hands the rest to saxes).
 * Either way the sink gets the same cells.
 */
import { knownCellType } from './cell-text';
import { AMP, EQUALS, GT, LETTER_C, LT, QUOTE, SLASH, textOf } from './sheet-tokenizer';
import type { XmlSink } from './xml-stream';

/** The sheet uses markup the byte reader does not read: read it with the text tokenizer instead. */
export class NotPlain extends Error {}

const CR = 13;
const SPACE = 32;
const LETTER_R = 114;
const LETTER_S = 115;
const LETTER_T = 116;
const LETTER_V = 118;
/** A construct runs past the bytes read so far: keep it for the next chunk. */
const INCOMPLETE = -1;
/** Most bytes kept between chunks: a cell holds at most 32,767 characters (the text tokenizer's limit too). */
const MAX_CARRY = 1 << 20;
/** Bytes kept from a chunk while `<sheetData` is looked for: enough for its name across a boundary. */
const START_CARRY = 16;

const SHEET_DATA = new TextEncoder().encode('sheetData');
/** Bytes of the next chunk joined to a carried construct: far more than any usual row needs. */
const HEAD_BYTES = 16 * 1024;
const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The sink's calls the reader makes: rows, cells, shared-string cells. */
export type ByteSink = XmlSink & Required<Pick<XmlSink, 'cell' | 'sharedString'>>;

function isSpace(c: number): boolean {
  return c === SPACE || c === 10 || c === 13 || c === 9;
}

/** Whether b[at ..] starts with `word`. */
function startsWith(b: Uint8Array, at: number, word: string): boolean {
  if (at + word.length > b.length) return false;
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word.charCodeAt(k)) return false;
  return true;
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A cell type (`t`) as the constants the sinks compare by identity; null for one this reader leaves alone. */
function typeAt(b: Uint8Array, from: number, to: number): string | null {
  return knownCellType(to - from, b[from]!, startsWith(b, from, 'str'));
}

/** `A5` → 0: the letters of a cell reference, as columnIndex reads them; -1 without letters. */
function columnAt(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]! | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n - 1;
}

/** b[from, to) as a number when it is 1 to 9 digits; -1 otherwise. */
function digitsAt(b: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** The text of a value's bytes, as an XML parser reports it. */
function textAt(b: Uint8Array, from: number, to: number): string {
  let plain = true;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c >= 0x80 || c === AMP || c === CR) {
      plain = false;
      break;
    }
  }
  if (plain)
    return to - from <= 64
      ? String.fromCharCode.apply(null, b.subarray(from, to) as never)
      : utf8.decode(b.subarray(from, to));
  let text: string;
  try {
    text = utf8.decode(b.subarray(from, to));
  } catch {
    // Not UTF-8: the text tokenizer's decoder reports it.
    throw new NotPlain();
  }
  try {
    return textOf(text);
  } catch {
    throw new NotPlain();
  }
}

export class ByteSheetReader {
  private carry: Uint8Array = EMPTY;
  private started = false;
  private ended = false;
  /** `r` of the row being opened: the sink reads it during open('row'). */
  private readonly rowAttrs: Record<string, string> = {};

  constructor(private readonly sink: ByteSink) {}

  /** True once `</sheetData>` has been read. */
  get done(): boolean {
    return this.ended;
  }

  write(chunk: Uint8Array): void {
    if (this.ended) return;
    if (!this.started) {
      const b = joined(this.carry, chunk);
      this.carry = EMPTY;
      const pos = this.sheetDataStart(b);
      if (pos >= 0) this.keep(b, this.tokens(b, pos));
      return;
    }
    if (this.carry.length === 0) {
      this.keep(chunk, this.tokens(chunk, 0));
      return;
    }
    // The construct left over from the last chunk ends early in this one: read it from a short join
    // of the two, then this chunk in place (not the whole chunk copied behind the carry).
    const carried = this.carry.length;
    const head = joined(this.carry, chunk.subarray(0, HEAD_BYTES));
    const stop = this.tokens(head, 0);
    if (this.ended) return;
    if (stop >= carried) this.keep(chunk, this.tokens(chunk, stop - carried));
    else if (chunk.length <= HEAD_BYTES) this.keep(head, stop);
    else {
      const whole = joined(this.carry, chunk);
      this.keep(whole, this.tokens(whole, 0));
    }
  }

  /** Keep b[stop ..], an incomplete construct, for the next chunk. */
  private keep(b: Uint8Array, stop: number): void {
    this.carry = this.ended ? EMPTY : b.slice(stop);
    if (this.carry.length > MAX_CARRY) throw new NotPlain();
  }

  /** The part has been read to its end. */
  end(): void {
    if (!this.ended) throw new NotPlain();
  }

  /** Where the rows start, after `<sheetData …>`; -1 (keeping what is needed) while it has not been read. */
  private sheetDataStart(b: Uint8Array): number {
    for (let at = b.indexOf(SHEET_DATA[0]!); at >= 0; at = b.indexOf(SHEET_DATA[0]!, at + 1)) {
      if (at + SHEET_DATA.length + 1 > b.length) break;
      if (!startsWith(b, at, 'sheetData')) continue;
      const after = b[at + SHEET_DATA.length]!;
      if (!(isSpace(after) || after === GT || after === SLASH)) continue;
      // A prefixed element (`<x:sheetData`) is the text tokenizer's.
      if (at === 0 || b[at - 1] !== LT) throw new NotPlain();
      const gt = b.indexOf(GT, at);
      if (gt < 0) {
        this.carry = b.slice(at - 1);
        return -1;
      }
      this.started = true;
      if (b[gt - 1] === SLASH) this.ended = true;
      return gt + 1;
    }
    this.carry = b.slice(Math.max(0, b.length - START_CARRY));
    return -1;
  }

  /** Rows and cells from `pos` on; returns where an incomplete construct starts (or the end). */
  private tokens(b: Uint8Array, pos: number): number {
    const n = b.length;
    while (pos < n && !this.ended) {
      // Tags usually follow each other with nothing between.
      const lt = b[pos] === LT ? pos : b.indexOf(LT, pos);
      for (let k = pos; k < (lt < 0 ? n : lt); k++) if (!isSpace(b[k]!)) throw new NotPlain();
      if (lt < 0 || lt + 1 >= n) return lt < 0 ? n : lt;
      const c = b[lt + 1];
      let next: number;
      if (c === LETTER_C) next = this.cell(b, lt);
      else if (c === LETTER_R) next = this.row(b, lt);
      else if (c === SLASH) next = this.closeTag(b, lt);
      else throw new NotPlain();
      if (next === INCOMPLETE) return lt;
      pos = next;
    }
    return pos;
  }

  private closeTag(b: Uint8Array, lt: number): number {
    const gt = b.indexOf(GT, lt);
    if (gt < 0) return INCOMPLETE;
    if (gt === lt + 5 && startsWith(b, lt + 2, 'row')) {
      this.sink.close('row');
      return gt + 1;
    }
    if (gt === lt + 11 && startsWith(b, lt + 2, 'sheetData')) {
      this.ended = true;
      return gt + 1;
    }
    throw new NotPlain();
  }

  /**
   * Attributes from `i` (at the space before the first, or at `>` / `/`) to the end of the tag;
   * returns the index of its `>` or `/`, or INCOMPLETE. Each value is given to `attr` as
   * (name's first byte, name length, value from, value to). Short runs are scanned with plain loops:
   * TypedArray indexOf costs more than the few bytes it would skip.
   */
  private attributes(
    b: Uint8Array,
    i: number,
    attr: (key: number, nameLength: number, from: number, to: number) => void,
  ): number {
    const n = b.length;
    for (;;) {
      if (i >= n) return INCOMPLETE;
      let c = b[i]!;
      if (c === GT || c === SLASH) return i;
      if (c !== SPACE) throw new NotPlain();
      const name = ++i;
      while (i < n && (c = b[i]!) !== EQUALS) {
        if (c <= SPACE || c === GT || c === SLASH || c === LT) throw new NotPlain();
        i++;
      }
      if (i + 1 >= n) return INCOMPLETE;
      if (i === name || b[i + 1] !== QUOTE) throw new NotPlain();
      const nameLength = i - name;
      const from = i + 2;
      i = from;
      while (i < n && (c = b[i]!) !== QUOTE) {
        // Line ends and tabs are normalised in attribute values, references decoded: the text tokenizer's.
        if (c < SPACE || c === LT || c === AMP) throw new NotPlain();
        i++;
      }
      if (i >= n) return INCOMPLETE;
      attr(b[name]!, nameLength, from, i);
      i++;
    }
  }

  /** `r` of the row being opened, from its attribute (set by attributes()). */
  private readonly rowAttr = (key: number, nameLength: number, from: number, to: number): void => {
    if (nameLength === 1 && key === LETTER_R)
      this.rowAttrs.r = String.fromCharCode.apply(null, this.bytes.subarray(from, to) as never);
  };

  /** The cell being read: its column, type and style (set by attributes()). */
  private col = -1;
  private type: string | null = null;
  private style = 0;
  private bytes: Uint8Array = EMPTY;

  private readonly cellAttr = (key: number, nameLength: number, from: number, to: number): void => {
    if (nameLength !== 1) return;
    const b = this.bytes;
    if (key === LETTER_R) this.col = columnAt(b, from, to);
    else if (key === LETTER_T) {
      this.type = typeAt(b, from, to);
      if (this.type === null) throw new NotPlain();
    } else if (key === LETTER_S) {
      this.style = digitsAt(b, from, to);
      if (this.style < 0) throw new NotPlain();
    }
  };

  /** `<row r="…" …>` or `<row …/>`: the sink reads `r` alone. */
  private row(b: Uint8Array, lt: number): number {
    const n = b.length;
    if (lt + 5 > n) return INCOMPLETE;
    if (b[lt + 2] !== 111 || b[lt + 3] !== 119) throw new NotPlain();
    delete this.rowAttrs.r;
    this.bytes = b;
    const i = this.attributes(b, lt + 4, this.rowAttr);
    if (i === INCOMPLETE) return INCOMPLETE;
    if (b[i] === SLASH) {
      if (i + 1 >= n) return INCOMPLETE;
      if (b[i + 1] !== GT) throw new NotPlain();
      this.sink.open('row', this.rowAttrs);
      this.sink.close('row');
      return i + 2;
    }
    this.sink.open('row', this.rowAttrs);
    return i + 1;
  }

  /** `<c …/>`, `<c …></c>` or `<c …><v>…</v></c>`. */
  private cell(b: Uint8Array, lt: number): number {
    const n = b.length;
    this.col = -1;
    this.type = null;
    this.style = 0;
    this.bytes = b;
    let i = this.attributes(b, lt + 2, this.cellAttr);
    if (i === INCOMPLETE) return INCOMPLETE;
    const { col, style } = this;
    const t = this.type ?? undefined;
    if (b[i] === SLASH) {
      if (i + 1 >= n) return INCOMPLETE;
      if (b[i + 1] !== GT) throw new NotPlain();
      this.sink.cell(col, t, style, '');
      return i + 2;
    }
    i++;
    if (i + 4 > n) return INCOMPLETE;
    if (b[i] !== LT) throw new NotPlain();
    if (b[i + 1] === SLASH && b[i + 2] === LETTER_C && b[i + 3] === GT) {
      this.sink.cell(col, t, style, '');
      return i + 4;
    }
    if (b[i + 1] !== LETTER_V || b[i + 2] !== GT) throw new NotPlain();
    const from = i + 3;
    let vEnd = from;
    while (vEnd < n && b[vEnd] !== LT) vEnd++;
    if (vEnd + 8 > n) return INCOMPLETE;
    if (
      b[vEnd + 1] !== SLASH ||
      b[vEnd + 2] !== LETTER_V ||
      b[vEnd + 3] !== GT ||
      b[vEnd + 4] !== LT ||
      b[vEnd + 5] !== SLASH ||
      b[vEnd + 6] !== LETTER_C ||
      b[vEnd + 7] !== GT
    )
      throw new NotPlain();
    const index = t === 's' ? digitsAt(b, from, vEnd) : -1;
    if (index >= 0) this.sink.sharedString(col, index);
    else this.sink.cell(col, t, style, from === vEnd ? '' : textAt(b, from, vEnd));
    return vEnd + 8;
  }
}

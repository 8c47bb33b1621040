/**
 * A fast path for well-formed delimited text: one pass records where each row and cell starts and
 * ends (and so where the last complete row ends), and strings are made only for the cells a reader
 * asks for. It accepts strict RFC 4180 only (a quoted cell closes right before a delimiter, a line
 * break or the end; unquoted cells hold no quote) and gives up on anything else, which then goes to
 * PapaParse as before; on what it accepts it yields exactly PapaParse's rows (tested against it).
 *
 * Rows end at '\n' (a '\r' ending a row's last cell is dropped, as for CRLF files); a text ending in
 * '\n' has no empty row after it.
 */
import type { Rows } from './rows';

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Cells per character of a typical ES-003 text, to size the first buffers (they grow when needed). */
const CELLS_PER_CHAR = 1 / 6;
/** Rows per character, likewise. */
const ROWS_PER_CHAR = 1 / 128;

class ScannedRows implements Rows {
  /** Characters row r shares with row r − 1 from its start and from its end; -1 until needed. */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;

  constructor(
    private readonly text: string,
    private readonly b: Bounds,
  ) {
    this.head = new Int32Array(b.rows).fill(-1);
    this.tail = new Int32Array(b.rows).fill(-1);
  }

  get length(): number {
    return this.b.rows;
  }

  width(r: number): number {
    return this.b.rowCell[r + 1]! - this.b.rowCell[r]!;
  }

  private index(r: number, c: number): number {
    const k = this.b.rowCell[r]! + c;
    return k < this.b.rowCell[r + 1]! ? k : -1;
  }

  cell(r: number, c: number): string | undefined {
    const k = this.index(r, c);
    if (k < 0) return undefined;
    const s = this.text.slice(this.b.start[k], this.b.end[k]);
    return this.b.escaped[k] ? s.replace(/""/g, '"') : s;
  }

  /**
   * Equal text between the quotes means equal values (quotes appear only doubled, inside quotes).
   * Most cells an export repeats sit at the same place in the run of characters two rows share from
   * their start, or from their end, which is measured once per row; other cells are compared.
   */
  sameAsAbove(r: number, c: number): boolean {
    if (r === 0) return false;
    const k = this.index(r, c);
    const p = this.index(r - 1, c);
    if (k < 0 || p < 0) return false;
    const { start, end, rowFrom, rowTo } = this.b;
    const sk = start[k]!;
    const sp = start[p]!;
    const n = end[k]! - sk;
    if (n !== end[p]! - sp) return false;
    const from = rowFrom[r]!;
    if (sk - from === sp - rowFrom[r - 1]! && end[k]! - from <= this.shared(r, this.head)) return true;
    const to = rowTo[r]!;
    if (to - sk === rowTo[r - 1]! - sp && to - sk <= this.shared(r, this.tail)) return true;
    const text = this.text;
    for (let i = 0; i < n; i++) if (text.charCodeAt(sk + i) !== text.charCodeAt(sp + i)) return false;
    return true;
  }

  /** Length of the common start (head) or end (tail) of rows r − 1 and r, computed once per row. */
  private shared(r: number, cache: Int32Array): number {
    let n = cache[r]!;
    if (n >= 0) return n;
    const { rowFrom, rowTo } = this.b;
    const text = this.text;
    const max = Math.min(rowTo[r]! - rowFrom[r]!, rowTo[r - 1]! - rowFrom[r - 1]!);
    n = 0;
    if (cache === this.head) {
      const a = rowFrom[r]!;
      const b = rowFrom[r - 1]!;
      while (n < max && text.charCodeAt(a + n) === text.charCodeAt(b + n)) n++;
    } else {
      const a = rowTo[r]! - 1;
      const b = rowTo[r - 1]! - 1;
      while (n < max && text.charCodeAt(a - n) === text.charCodeAt(b - n)) n++;
    }
    cache[r] = n;
    return n;
  }

  blank(r: number): boolean {
    for (let c = 0; c < this.width(r); c++) if (this.cell(r, c)!.trim() !== '') return false;
    return true;
  }
}

/** Growable cell and row boundary arrays for one scan. */
class Bounds {
  /** Cell k is text[start[k] .. end[k]) (inside the quotes for a quoted cell). */
  start: Int32Array;
  end: Int32Array;
  /** 1 when cell k is quoted and holds escaped quotes ("") to unescape. */
  escaped: Uint8Array;
  /** Row r's cells are rowCell[r] .. rowCell[r + 1]; its text is text[rowFrom[r] .. rowTo[r]) without the line break. */
  rowCell: Int32Array;
  rowFrom: Int32Array;
  rowTo: Int32Array;
  cells = 0;
  rows = 0;

  constructor(chars: number) {
    const cells = Math.max(64, Math.ceil(chars * CELLS_PER_CHAR));
    const rows = Math.max(16, Math.ceil(chars * ROWS_PER_CHAR));
    this.start = new Int32Array(cells);
    this.end = new Int32Array(cells);
    this.escaped = new Uint8Array(cells);
    this.rowCell = new Int32Array(rows + 1);
    this.rowFrom = new Int32Array(rows);
    this.rowTo = new Int32Array(rows);
  }

  cell(from: number, to: number, escaped: boolean): void {
    if (this.cells === this.start.length) {
      this.start = grow(this.start, new Int32Array(this.cells * 2));
      this.end = grow(this.end, new Int32Array(this.cells * 2));
      this.escaped = grow(this.escaped, new Uint8Array(this.cells * 2));
    }
    this.start[this.cells] = from;
    this.end[this.cells] = to;
    this.escaped[this.cells] = escaped ? 1 : 0;
    this.cells++;
  }

  /** Close the row of text[from .. to); a '\r' ending its last cell is dropped. */
  endRow(text: string, from: number, to: number): void {
    const last = this.cells - 1;
    if (this.end[last]! > this.start[last]! && text.charCodeAt(this.end[last]! - 1) === CR) this.end[last]!--;
    if (this.rows === this.rowFrom.length) {
      this.rowCell = grow(this.rowCell, new Int32Array(this.rows * 2 + 1));
      this.rowFrom = grow(this.rowFrom, new Int32Array(this.rows * 2));
      this.rowTo = grow(this.rowTo, new Int32Array(this.rows * 2));
    }
    this.rowFrom[this.rows] = from;
    this.rowTo[this.rows] = to;
    this.rowCell[++this.rows] = this.cells;
  }

  /** Forget the cells of a row left incomplete. */
  dropOpenRow(): void {
    this.cells = this.rowCell[this.rows]!;
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T, next: T): T {
  next.set(a);
  return next;
}

/** A cell running to the end of a text that is not the last: its row continues in the next text. */
const INCOMPLETE = -1;
/** Something strict RFC 4180 does not allow: PapaParse reads this text instead. */
const NOT_STRICT = -2;

/**
 * Record the quoted cell opening at `open`; returns the index of the delimiter or '\n' after it (the
 * text's length when it ends there), or INCOMPLETE / NOT_STRICT.
 */
function quotedCell(text: string, open: number, d: number, final: boolean, b: Bounds): number {
  const n = text.length;
  let escaped = false;
  for (let from = open + 1; ; ) {
    const q = text.indexOf('"', from);
    // Unterminated: PapaParse reports it (and the file is refused).
    if (q === -1) return final ? NOT_STRICT : INCOMPLETE;
    // A quote ending the text closes the cell only if no quote follows, which only the end of the file tells.
    if (q === n - 1) {
      if (!final) return INCOMPLETE;
      b.cell(open + 1, q, escaped);
      return n;
    }
    const after = text.charCodeAt(q + 1);
    if (after === QUOTE) {
      escaped = true;
      from = q + 2;
      continue;
    }
    b.cell(open + 1, q, escaped);
    if (after === d || after === LF) return q + 1;
    if (after === CR && q + 2 < n && text.charCodeAt(q + 2) === LF) return q + 2;
    return after === CR && q + 2 === n && !final ? INCOMPLETE : NOT_STRICT;
  }
}

/** Record the unquoted cell starting at `from`; returns the index of the delimiter or '\n' after it, or the text's length. */
function plainCell(text: string, from: number, d: number, final: boolean, b: Bounds): number {
  const n = text.length;
  let j = from;
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === d || c === LF) break;
    if (c === QUOTE) return NOT_STRICT;
  }
  if (j === n && !final) return INCOMPLETE;
  b.cell(from, j, false);
  return j;
}

export interface Scanned {
  rows: Rows;
  /** Characters the complete rows take up, line breaks included; what follows is an incomplete row. */
  consumed: number;
}

/**
 * The complete rows of `text` with cells split at `delimiter`, or null when the text is not strict
 * RFC 4180. When `final` is false the text may end inside a row, which is left unconsumed; when true
 * the end of the text ends the last row.
 */
export function scanRows(text: string, delimiter: string, final: boolean): Scanned | null {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const b = new Bounds(n);
  let rowFrom = 0;
  let i = 0;
  while (i < n) {
    // One cell, then a delimiter (next cell), or a line break or the end of the text (next row).
    const next = text.charCodeAt(i) === QUOTE ? quotedCell(text, i, d, final, b) : plainCell(text, i, d, final, b);
    if (next === NOT_STRICT) return null;
    if (next === INCOMPLETE) break;
    i = next + 1;
    if (next < n && text.charCodeAt(next) === d) {
      if (i < n) continue;
      // The text ends right after a delimiter: an empty last cell, if this is the end of the file.
      if (!final) break;
      b.cell(n, n, false);
      b.endRow(text, rowFrom, n);
      rowFrom = n;
      break;
    }
    b.endRow(text, rowFrom, next);
    rowFrom = i;
  }
  if (rowFrom < n) b.dropOpenRow();
  return { rows: new ScannedRows(text, b), consumed: Math.min(rowFrom, n) };
}

/** Where the scanned rows and cells of a text lie: typed arrays, grown as needed, reused scan after scan. */
import { grown } from '../typed-arrays';

const CR = 13;
/** Cell flags: the cell was quoted; its quoted text holds doubled quotes to unescape. */
export const QUOTED = 1;
export const ESCAPED = 2;
/** Row flags: its leading cells (HEAD) or trailing cells (TAIL) were copied from the row above. */
export const HEAD = 1;
export const TAIL = 2;

export class Bounds {
  /** Cell k is text[start[k] .. end[k]) (inside the quotes for a quoted cell). */
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  flags = new Uint8Array(1024);
  /** Row r's cells are rowCell[r] .. rowCell[r + 1]; its text is text[rowFrom[r] .. rowTo[r]), line break excluded. */
  rowCell = new Int32Array(129);
  rowFrom = new Int32Array(128);
  rowTo = new Int32Array(128);
  /** HEAD / TAIL per row. */
  copied = new Uint8Array(128);
  cells = 0;
  rows = 0;

  reset(): void {
    this.cells = 0;
    this.rows = 0;
  }

  cell(from: number, to: number, flags: number): void {
    if (this.cells === this.start.length) {
      this.start = grown(this.start, new Int32Array(this.cells * 2));
      this.end = grown(this.end, new Int32Array(this.cells * 2));
      this.flags = grown(this.flags, new Uint8Array(this.cells * 2));
    }
    this.start[this.cells] = from;
    this.end[this.cells] = to;
    this.flags[this.cells] = flags;
    this.cells++;
  }

  /** Append copies of cells first .. first + count − 1, moved by `shift` characters. */
  copyCells(first: number, count: number, shift: number): void {
    for (let k = first; k < first + count; k++) this.cell(this.start[k]! + shift, this.end[k]! + shift, this.flags[k]!);
  }

  /** Where cell k's text begins, its opening quote included. */
  rawStart(k: number): number {
    return this.start[k]! - (this.flags[k]! & QUOTED);
  }

  /** Cells in the row being scanned so far. */
  get openCells(): number {
    return this.cells - this.rowCell[this.rows]!;
  }

  /**
   * Close the row of text[from .. to); a '\r' ending its last cell is dropped, unless the cell was
   * copied from a row where that was done already (`copied` has TAIL).
   */
  endRow(text: string, from: number, to: number, copied: number): void {
    const last = this.cells - 1;
    if (!(copied & TAIL) && this.end[last]! > this.start[last]! && text.charCodeAt(this.end[last]! - 1) === CR)
      this.end[last]!--;
    if (this.rows === this.rowFrom.length) {
      const size = this.rowFrom.length * 2;
      this.rowCell = grown(this.rowCell, new Int32Array(size + 1));
      this.rowFrom = grown(this.rowFrom, new Int32Array(size));
      this.rowTo = grown(this.rowTo, new Int32Array(size));
      this.copied = grown(this.copied, new Uint8Array(size));
    }
    this.rowFrom[this.rows] = from;
    this.rowTo[this.rows] = to;
    this.copied[this.rows] = copied;
    this.rowCell[++this.rows] = this.cells;
  }

  /** Forget the cells of a row left incomplete. */
  dropOpenRow(): void {
    this.cells = this.rowCell[this.rows]!;
  }
}

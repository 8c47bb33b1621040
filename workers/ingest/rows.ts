/**
 * Parsed rows, read cell by cell. An ES-003 export repeats its entry columns on every tariff row, so
 * a reader asks whether a cell equals the one above before it asks for the text; rows scanned from
 * CSV text answer that without making a string of the cell.
 */
export interface Rows {
  readonly length: number;
  /** Number of cells in row r. */
  width(r: number): number;
  /** Cell c of row r; undefined beyond the row's width. */
  cell(r: number, c: number): string | undefined;
  /** Whether cell c of row r holds the same text as in row r − 1 (false when either row lacks it). */
  sameAsAbove(r: number, c: number): boolean;
  /**
   * Whether cells c0..c1 of row r all hold the same texts as in row r − 1, checked at once; may be
   * false when they do but are written differently (one quoted, one not).
   */
  spanSameAsAbove(r: number, c0: number, c1: number): boolean;
  /** Whether every cell of row r is blank (whitespace only). */
  blank(r: number): boolean;
  /** Cell c of row r as a number when it is 1 to 9 plain digits (no string made); -1 otherwise. */
  digits(r: number, c: number): number;
  /**
   * `parse` of cell c of row r, given as text[from .. to) of some text (so scanned rows make no
   * string of it); undefined beyond the row's width.
   */
  parse<T>(r: number, c: number, parse: CellParser<T>): T | undefined;
}

/** A parser of the cell text[from .. to). */
export type CellParser<T> = (text: string, from: number, to: number) => T;

/** `s` as a number when it is 1 to 9 plain digits; -1 otherwise. */
export function plainDigits(s: string, from = 0, to = s.length): number {
  if (to <= from || to - from > 9) return -1;
  let v = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Rows already split into strings (PapaParse's output, workbook rows). */
export class ArrayRows implements Rows {
  constructor(private readonly rows: readonly (readonly string[])[]) {}

  get length(): number {
    return this.rows.length;
  }

  width(r: number): number {
    return this.rows[r]!.length;
  }

  cell(r: number, c: number): string | undefined {
    return this.rows[r]![c];
  }

  sameAsAbove(r: number, c: number): boolean {
    if (r === 0) return false;
    const x = this.rows[r]![c];
    return x !== undefined && x === this.rows[r - 1]![c];
  }

  spanSameAsAbove(r: number, c0: number, c1: number): boolean {
    for (let c = c0; c <= c1; c++) if (!this.sameAsAbove(r, c)) return false;
    return true;
  }

  blank(r: number): boolean {
    return this.rows[r]!.every((cell) => cell.trim() === '');
  }

  digits(r: number, c: number): number {
    const cell = this.rows[r]![c];
    return cell === undefined ? -1 : plainDigits(cell);
  }

  parse<T>(r: number, c: number, parse: CellParser<T>): T | undefined {
    const cell = this.rows[r]![c];
    return cell === undefined ? undefined : parse(cell, 0, cell.length);
  }
}

export function asRows(rows: Rows | readonly (readonly string[])[]): Rows {
  return Array.isArray(rows) ? new ArrayRows(rows) : (rows as Rows);
}

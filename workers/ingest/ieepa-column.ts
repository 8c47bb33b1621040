/**
 * A per-line IEEPA duty column (broker exports carry `IEEPA Duty Amount` beside the line's other
 * duty instead of Chapter 99 rows): each row's amount becomes a row of its own (core's
 * ieepaColumnHts), held until the whole file is read. They are kept only when the file has no IEEPA
 * Chapter 99 rows with duty: when it has, those rows carry the IEEPA duty and the column is ignored
 * (the mapping report says which).
 */
import { ieepaColumnHts, isIeepaColumnHts, isIeepaHts } from '../../src/core/cell-values';
import type { RowPage } from '../store/pages';
import { RowPageBuilder } from './row-page-builder';

export class IeepaColumn {
  private readonly builder: RowPageBuilder;
  private held: RowPage[] = [];
  private chapter99Duty = false;

  constructor(
    fileId: number,
    /** The column's header in the file. */
    readonly header: string,
  ) {
    this.builder = new RowPageBuilder(fileId);
  }

  /** Whether the column gives the file's IEEPA duty: no IEEPA Chapter 99 row with duty so far. */
  get used(): boolean {
    return !this.chapter99Duty;
  }

  /** A row of the file as stored: an IEEPA Chapter 99 row with duty makes the column ignored. */
  saw(hts: string, dutyCents: number): void {
    if (dutyCents > 0 && !this.chapter99Duty && isIeepaHts(hts) && !isIeepaColumnHts(hts)) {
      this.chapter99Duty = true;
      this.held = [];
    }
  }

  /** The IEEPA duty of a row (non-zero cents), as a row of its own beside it. */
  add(entry: number, line: number, ordinal: number, hts: string, cents: number, sourceRow: number): void {
    if (this.chapter99Duty) return;
    const page = this.builder.push(entry, line, ordinal, ieepaColumnHts(hts), cents, NaN, sourceRow, false);
    if (page) this.held.push(page);
  }

  /** The rows to store, as pages numbered from `firstPage` on; none when the column is ignored. */
  finish(firstPage: number): RowPage[] {
    if (this.chapter99Duty) return [];
    const last = this.builder.flush();
    const pages = last ? [...this.held, last] : this.held;
    pages.forEach((p, k) => (p.page = firstPage + k));
    return pages;
  }
}

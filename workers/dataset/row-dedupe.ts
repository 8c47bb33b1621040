/**
 * Rows of the entry table: every page of the loaded files registered, the rows grouped by entry in
 * read order, and rows repeated on (entry, line, ordinal, HTS) counted once with the row read last
 * kept. Repeats are looked for within each entry's few rows, not in one table over all rows: no
 * memory per row beyond the grouping, and the lookups stay in cache.
 */
import type { LoadedFile } from '../ingest/import-file';
import { LINE_WARNING_BITS } from '../../src/core/reasons';
import { rowId, rowIndex, rowSlot } from '../store/pages';
import type { EntryTable } from './entry-table';

/** Entries with more rows than this find repeats through a Map; fewer, by comparing row with row. */
const SMALL_ENTRY_ROWS = 32;

/** Register every page of the files (in dataset order) with its HTS ids mapped to dataset ids. */
function registerPages(t: EntryTable, files: readonly LoadedFile[]): void {
  const htsIndex = new Map<string, number>();
  for (const f of files) {
    for (const page of f.rowPages) {
      const hts = new Int32Array(page.htsDict.length);
      page.htsDict.forEach((s, k) => {
        let id = htsIndex.get(s);
        if (id === undefined) {
          id = t.htsStrings.length;
          t.htsStrings.push(s);
          htsIndex.set(s, id);
        }
        hts[k] = id;
      });
      t.pages.push({ file: f, page, hts });
    }
  }
}

/** Entry index of row codes met in runs (an entry's rows are usually together): one search per run. */
class EntryOfCode {
  private code = NaN;
  private index = -1;

  constructor(private readonly t: EntryTable) {}

  of(code: number): number {
    if (code !== this.code) {
      this.code = code;
      this.index = this.t.indexOf(code);
    }
    return this.index;
  }
}

/** Call `visit(entry index, row id)` for every row that parsed (not bad), in read order. */
function forRows(t: EntryTable, visit: (e: number, id: number) => void): void {
  const entryOf = new EntryOfCode(t);
  for (let slot = 0; slot < t.pages.length; slot++) {
    const page = t.pages[slot]!.page;
    for (let r = 0; r < page.count; r++) if (!page.bad[r]) visit(entryOf.of(page.entry[r]!), rowId(slot, r));
  }
}

/** The rows that parsed, grouped by entry with a counting sort, in read order within an entry. */
function groupRows(t: EntryTable): void {
  const start = new Int32Array(t.count + 1);
  let rows = 0;
  forRows(t, (e) => {
    start[e + 1]!++;
    rows++;
  });
  for (let i = 0; i < t.count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, t.count);
  const ids = new Int32Array(rows);
  forRows(t, (e, id) => (ids[fill[e]!++] = id));
  t.rowStart = start;
  t.rowIds = ids;
}

/** Whether rows a and b (ids) have the same line, ordinal and HTS. */
function sameKey(t: EntryTable, a: number, b: number): boolean {
  const x = t.pages[rowSlot(a)]!;
  const y = t.pages[rowSlot(b)]!;
  const xr = rowIndex(a);
  const yr = rowIndex(b);
  return (
    x.page.line[xr] === y.page.line[yr] &&
    x.page.ordinal[xr] === y.page.ordinal[yr] &&
    x.hts[x.page.hts[xr]!] === y.hts[y.page.hts[yr]!]
  );
}

function sameAmounts(t: EntryTable, a: number, b: number): boolean {
  const x = t.pages[rowSlot(a)]!.page;
  const y = t.pages[rowSlot(b)]!.page;
  const xv = x.value[rowIndex(a)]!;
  const yv = y.value[rowIndex(b)]!;
  return x.duty[rowIndex(a)] === y.duty[rowIndex(b)] && (xv === yv || (Number.isNaN(xv) && Number.isNaN(yv)));
}

function keyOf(t: EntryTable, id: number): string {
  const ref = t.pages[rowSlot(id)]!;
  const r = rowIndex(id);
  return `${ref.page.line[r]}|${ref.page.ordinal[r]}|${ref.hts[ref.page.hts[r]!]}`;
}

/**
 * For rows[from .. to) of one entry in read order: the position of the latest earlier row with the
 * same key as each row (-1: none), so that row replaces it.
 */
function earlierSame(t: EntryTable, rows: Int32Array, from: number, to: number, out: Int32Array): void {
  if (to - from <= SMALL_ENTRY_ROWS) {
    for (let j = from; j < to; j++) {
      out[j - from] = -1;
      for (let i = j - 1; i >= from; i--) {
        if (sameKey(t, rows[i]!, rows[j]!)) {
          out[j - from] = i;
          break;
        }
      }
    }
    return;
  }
  const latest = new Map<string, number>();
  for (let j = from; j < to; j++) {
    const key = keyOf(t, rows[j]!);
    out[j - from] = latest.get(key) ?? -1;
    latest.set(key, j);
  }
}

/**
 * Group the rows by entry and drop repeats: a repeated key replaces the earlier row (the row read
 * last is kept); different amounts count as a conflict and warn on the entry.
 */
export function dedupeRows(t: EntryTable, files: readonly LoadedFile[]): void {
  registerPages(t, files);
  groupRows(t);
  const { rowStart, rowIds } = t;
  const replaced = new Uint8Array(rowIds.length);
  let earlier = new Int32Array(SMALL_ENTRY_ROWS);
  t.warningBits = new Uint8Array(t.count);
  let kept = 0;
  for (let e = 0; e < t.count; e++) {
    const from = rowStart[e]!;
    const to = rowStart[e + 1]!;
    if (to - from > earlier.length) earlier = new Int32Array(to - from);
    earlierSame(t, rowIds, from, to, earlier);
    for (let j = from; j < to; j++) {
      const i = earlier[j - from]!;
      if (i < 0) continue;
      t.duplicateRows++;
      if (!sameAmounts(t, rowIds[i]!, rowIds[j]!)) {
        t.conflictingRows++;
        t.warningBits[e] = LINE_WARNING_BITS.CONFLICTING_DUPLICATE_ROWS;
      }
      replaced[i] = 1;
    }
    // Keep the survivors in place, in read order.
    rowStart[e] = kept;
    for (let j = from; j < to; j++) if (!replaced[j]) rowIds[kept++] = rowIds[j]!;
  }
  rowStart[t.count] = kept;
  t.rowIds = rowIds.slice(0, kept);
}

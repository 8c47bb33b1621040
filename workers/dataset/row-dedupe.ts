/**
 * Rows of the entry table: every page of the loaded files registered, rows repeated on (entry, line,
 * ordinal, HTS) counted once with the row read last kept, and the surviving rows grouped by entry.
 */
import type { LoadedFile } from '../ingest/import-file';
import { LINE_WARNING_BITS } from '../../src/core/reasons';
import { PAGE_ROWS, type RowPage } from '../store/pages';
import type { EntryTable } from './entry-table';

function hashKey(entry: number, line: number, ordinal: number, hts: number): number {
  let h = Math.imul(entry, 0x9e3779b1);
  h ^= Math.imul(line + 0x7f4a7c15, 0x85ebca77);
  h ^= Math.imul(ordinal + 0x165667b1, 0xc2b2ae3d);
  h ^= Math.imul(hts + 0x27d4eb2f, 0x27d4eb2f);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d);
}

/** Register every page of the files (in dataset order) with its HTS ids mapped to dataset ids; returns the row count. */
function registerPages(t: EntryTable, files: readonly LoadedFile[]): number {
  const htsIndex = new Map<string, number>();
  let totalRows = 0;
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
      totalRows += page.count;
    }
  }
  return totalRows;
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

/**
 * De-duplicate rows with an open-addressing hash table over typed arrays (no per-row objects):
 * a repeated key replaces the earlier row; different amounts count as a conflict for its entry.
 * Then group the surviving rows by entry.
 */
export function dedupeRows(t: EntryTable, files: readonly LoadedFile[]): void {
  const totalRows = registerPages(t, files);
  let capacity = 16;
  while (capacity < totalRows * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  /** 1 for a row a later repeat replaced, by row id. */
  const replaced = new Uint8Array(t.pages.length * PAGE_ROWS);
  const conflict = new Uint8Array(t.count);
  const entryOf = new EntryOfCode(t);
  for (let slot = 0; slot < t.pages.length; slot++) {
    const { page, hts } = t.pages[slot]!;
    for (let r = 0; r < page.count; r++) {
      if (page.bad[r]) continue;
      const code = page.entry[r]!;
      const e = entryOf.of(code);
      const line = page.line[r]!;
      const ordinal = page.ordinal[r]!;
      const h = hts[page.hts[r]!]!;
      const id = slot * PAGE_ROWS + r;
      let pos = hashKey(e, line, ordinal, h) & mask;
      for (;;) {
        const other = table[pos]!;
        if (other === -1) {
          table[pos] = id;
          break;
        }
        const o = t.pages[other >>> 15]!;
        const or = other & (PAGE_ROWS - 1);
        if (o.page.entry[or] === code && o.page.line[or] === line && o.page.ordinal[or] === ordinal && o.hts[o.page.hts[or]!] === h) {
          t.duplicateRows++;
          if (!sameAmounts(o.page, or, page, r)) {
            t.conflictingRows++;
            conflict[e] = 1;
          }
          replaced[other] = 1;
          table[pos] = id;
          break;
        }
        pos = (pos + 1) & mask;
      }
    }
  }
  groupRows(t, replaced);
  t.warningBits = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) if (conflict[i]) t.warningBits[i] = LINE_WARNING_BITS.CONFLICTING_DUPLICATE_ROWS;
}

function sameAmounts(a: RowPage, ar: number, b: RowPage, br: number): boolean {
  const av = a.value[ar]!;
  const bv = b.value[br]!;
  return a.duty[ar] === b.duty[br] && (av === bv || (Number.isNaN(av) && Number.isNaN(bv)));
}

/** Surviving rows (not bad, not replaced) grouped by entry with a counting sort, in read order within an entry. */
function groupRows(t: EntryTable, replaced: Uint8Array): void {
  const start = new Int32Array(t.count + 1);
  const survivors = forSurvivors(t, replaced, (e) => start[e + 1]!++);
  for (let i = 0; i < t.count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, t.count);
  const ids = new Int32Array(survivors);
  forSurvivors(t, replaced, (e, id) => (ids[fill[e]!++] = id));
  t.rowStart = start;
  t.rowIds = ids;
}

/** Call `visit(entry index, row id)` for every surviving row in read order; returns how many. */
function forSurvivors(t: EntryTable, replaced: Uint8Array, visit: (e: number, id: number) => void): number {
  const entryOf = new EntryOfCode(t);
  let n = 0;
  for (let slot = 0; slot < t.pages.length; slot++) {
    const page = t.pages[slot]!.page;
    for (let r = 0; r < page.count; r++) {
      const id = slot * PAGE_ROWS + r;
      if (page.bad[r] || replaced[id]) continue;
      visit(entryOf.of(page.entry[r]!), id);
      n++;
    }
  }
  return n;
}

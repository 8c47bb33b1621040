/**
 * CAPE Declaration files (SPEC §6): one column `Entry Number`, 11-character entry numbers without
 * dashes, ASCII, no BOM, CRLF after every row, sorted, unique, at most 9,999 entries per file.
 */
import { importerKey } from './cell-values';
import { type DayNum, formatDayCompact } from './dates';
import { filerCode } from './entry-number';

export const DECLARATION_HEADER = 'Entry Number';
const CRLF = '\r\n';

export interface DeclarationItem {
  entryNumber: string;
  importerNumber: string;
  /** The entry's refund (principal + interest), cents. */
  refund: number;
  /** Near the 80-day line (NEAR_80_DAY_LIMIT): with `urgentFirst`, in its group's first files. */
  urgent?: boolean;
}

export type Partition = 'ior' | 'filer';

export interface DeclarationFile {
  name: string;
  /** IOR key or filer code the file belongs to. */
  group: string;
  k: number;
  n: number;
  entries: string[];
  /** The refund its entries declare (principal + interest), cents. */
  refund: number;
  /** The file's exact text (ASCII). */
  content: string;
  /** A refile declaration: entries CAPE rejected that can be declared again (SPEC §6, §10). */
  refile: boolean;
}

/** Group label for a file name: IOR letters and digits, or the filer code. */
function groupOf(item: DeclarationItem, partition: Partition): string {
  if (partition === 'filer') return filerCode(item.entryNumber);
  return importerKey(item.importerNumber) || 'NOIOR';
}

export function declarationContent(entries: readonly string[]): string {
  return DECLARATION_HEADER + CRLF + (entries.length > 0 ? entries.join(CRLF) + CRLF : '');
}

/**
 * Split items into declaration files: per IOR by default, per filer code when a broker mixes IORs.
 * With `urgentFirst`, a group's urgent entries (near the 80-day line) fill its first files and the
 * others follow in files of their own, so the first file uploaded saves the entries that expire first;
 * each file stays sorted and within the limit, and the names keep their `<k>of<n>` sequence.
 */
export function buildDeclarations(
  items: Iterable<DeclarationItem>,
  filingDate: DayNum,
  partition: Partition,
  maxPerFile: number,
  urgentFirst = false,
): DeclarationFile[] {
  /** Per group: its urgent entries (only with urgentFirst), then the others. */
  const groups = new Map<string, [GroupList, GroupList]>();
  // Items usually arrive sorted by entry number (the entry table's order): then no group needs the
  // de-duplication and sort below, which took most of the time of every what-if spent here.
  let ascending = true;
  for (const it of items) {
    // importerKey is memoised: a dataset's few IORs repeat on thousands of entries.
    const g = groupOf(it, partition);
    let parts = groups.get(g);
    if (!parts)
      groups.set(
        g,
        (parts = [
          { entries: [], refunds: [] },
          { entries: [], refunds: [] },
        ]),
      );
    const list = parts[urgentFirst && it.urgent ? 0 : 1];
    const last = list.entries.length - 1;
    if (ascending && last >= 0 && !(list.entries[last]! < it.entryNumber)) ascending = false;
    list.entries.push(it.entryNumber);
    list.refunds.push(it.refund);
  }
  const date = formatDayCompact(filingDate);
  const files: DeclarationFile[] = [];
  for (const group of [...groups.keys()].sort()) {
    const parts = groups.get(group)!.map((p) => (ascending ? p : sortedUnique(p)));
    const n = parts.reduce((sum, p) => sum + Math.ceil(p.entries.length / maxPerFile), 0);
    let k = 0;
    for (const { entries: sorted, refunds } of parts) {
      for (let from = 0; from < sorted.length; from += maxPerFile) {
        k++;
        const entries = sorted.slice(from, from + maxPerFile);
        let refund = 0;
        for (let i = from; i < from + entries.length; i++) refund += refunds[i]!;
        files.push({
          name: `CAPE_${group}_${date}_${k}of${n}.csv`,
          group,
          k,
          n,
          entries,
          refund,
          content: declarationContent(entries),
          refile: false,
        });
      }
    }
  }
  return files;
}

interface GroupList {
  entries: string[];
  refunds: number[];
}

/** A group's entries sorted, each once (its first refund kept), with their refunds alongside. */
function sortedUnique(g: GroupList): GroupList {
  const refundOf = new Map<string, number>();
  g.entries.forEach((e, i) => {
    if (!refundOf.has(e)) refundOf.set(e, g.refunds[i]!);
  });
  const entries = [...refundOf.keys()].sort();
  return { entries, refunds: entries.map((e) => refundOf.get(e)!) };
}

/** A refile declaration's name (SPEC §6): `_r2` before `.csv`, or the next number, so no name in `used` is reused. */
export function refileName(name: string, used: ReadonlySet<string>): string {
  const base = name.replace(/\.csv$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${base}_r${n}.csv`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Declaration files of rejected entries declared again, named apart from every name in `used` (the ledger's). */
export function refileDeclarations(files: readonly DeclarationFile[], used: ReadonlySet<string>): DeclarationFile[] {
  return files.map((f) => ({ ...f, name: refileName(f.name, used), refile: true }));
}

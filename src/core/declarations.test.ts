import { describe, expect, it } from 'vitest';
import { buildDeclarations, declarationContent } from './declarations';
import { checkDigit } from './entry-number';
import { day } from '../../tests/factories/entries';

/** n distinct valid entry numbers with filer code `filer`, shuffled. */
function entries(filer: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = filer + String(1_000_000 + ((i * 7919) % 9_000_000)).padStart(7, '0');
    out.push(base + checkDigit(base));
  }
  return out.reverse();
}

const F = day('2026-05-04');

describe('declaration writer', () => {
  it('writes the exact bytes: header, CRLF after every row, sorted, unique', () => {
    const files = buildDeclarations(
      [
        { entryNumber: 'SP700000014', importerNumber: '12-3456789-00', refund: 250 },
        { entryNumber: 'B7603245278', importerNumber: '12-3456789-00', refund: 100 },
        { entryNumber: 'SP700000014', importerNumber: '12-3456789-00', refund: 250 },
      ],
      F,
      'ior',
      9999,
    );
    expect(files).toHaveLength(1);
    expect(files[0]!.name).toBe('CAPE_12345678900_20260504_1of1.csv');
    expect(files[0]!.content).toBe('Entry Number\r\nB7603245278\r\nSP700000014\r\n');
    // The refund of each entry once, though one was listed twice.
    expect(files[0]!.refund).toBe(350);
    const bytes = new TextEncoder().encode(files[0]!.content);
    expect([...bytes.slice(0, 3)]).toEqual([0x45, 0x6e, 0x74]); // "Ent": no BOM
    expect(bytes.every((b) => b < 0x80)).toBe(true);
  });

  it('splits 20,001 entries into 9,999 / 9,999 / 3, each sorted and unique', () => {
    const list = entries('ABC', 20_001).map((e) => ({ entryNumber: e, importerNumber: 'IOR-1', refund: 1 }));
    const files = buildDeclarations(list, F, 'ior', 9999);
    expect(files.map((f) => f.entries.length)).toEqual([9999, 9999, 3]);
    expect(files.map((f) => f.refund)).toEqual([9999, 9999, 3]);
    expect(files.map((f) => f.name)).toEqual([
      'CAPE_IOR1_20260504_1of3.csv',
      'CAPE_IOR1_20260504_2of3.csv',
      'CAPE_IOR1_20260504_3of3.csv',
    ]);
    const all = files.flatMap((f) => f.entries);
    expect(new Set(all).size).toBe(20_001);
    expect(all).toEqual([...all].sort());
    for (const f of files) {
      const lines = f.content.split('\r\n');
      expect(lines[0]).toBe('Entry Number');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(1, -1)).toEqual(f.entries);
      expect(f.content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('gives the same files for items in entry-number order (as the entry table holds them) as shuffled, with or without a repeat', () => {
    const iors = ['12-3456789-00', '98-7654321-00', '', '55-6667778-01'];
    const sorted = entries('B76', 12_000)
      .sort()
      .map((e, i) => ({ entryNumber: e, importerNumber: iors[(i * 7) % 4]!, refund: i % 1000 }));
    const shuffled = sorted.map((it, i) => sorted[(i * 5003) % sorted.length]!);
    expect(new Set(shuffled).size).toBe(sorted.length);
    const fromSorted = buildDeclarations(sorted, F, 'ior', 9999);
    expect(fromSorted.map((f) => [f.name, f.entries.length])).toEqual([
      ['CAPE_12345678900_20260504_1of1.csv', 3000],
      ['CAPE_55666777801_20260504_1of1.csv', 3000],
      ['CAPE_98765432100_20260504_1of1.csv', 3000],
      ['CAPE_NOIOR_20260504_1of1.csv', 3000],
    ]);
    // Each file's refund is the sum over its own entries (the items summed here independently).
    const refundOf = new Map(sorted.map((it) => [it.entryNumber, it.refund]));
    for (const f of fromSorted) expect(f.refund).toBe(f.entries.reduce((n, e) => n + refundOf.get(e)!, 0));
    expect(buildDeclarations(shuffled, F, 'ior', 9999)).toEqual(fromSorted);
    const repeated = [...sorted.slice(0, 6000), sorted[5999]!, ...sorted.slice(6000)];
    expect(buildDeclarations(repeated, F, 'ior', 9999)).toEqual(fromSorted);
    expect(buildDeclarations(sorted, F, 'filer', 5000).map((f) => [f.name, f.entries.length])).toEqual([
      ['CAPE_B76_20260504_1of3.csv', 5000],
      ['CAPE_B76_20260504_2of3.csv', 5000],
      ['CAPE_B76_20260504_3of3.csv', 2000],
    ]);
  });

  it('urgent first: a group’s near-limit entries fill its first files, the others follow; each file sorted, names in sequence', () => {
    const all = entries('ABC', 12).sort();
    // Every third entry is urgent; with a limit of 3 a file, 4 urgent entries take two files, 8 others three.
    const items = all.map((e, i) => ({ entryNumber: e, importerNumber: 'IOR-1', refund: 10 + i, urgent: i % 3 === 0 }));
    const urgent = all.filter((_, i) => i % 3 === 0);
    const others = all.filter((_, i) => i % 3 !== 0);
    const files = buildDeclarations(items, F, 'ior', 3, true);
    expect(files.map((f) => f.name)).toEqual([1, 2, 3, 4, 5].map((k) => `CAPE_IOR1_20260504_${k}of5.csv`));
    expect(files.map((f) => f.entries)).toEqual([
      urgent.slice(0, 3),
      urgent.slice(3),
      others.slice(0, 3),
      others.slice(3, 6),
      others.slice(6),
    ]);
    expect(files.reduce((sum, f) => sum + f.refund, 0)).toBe(items.reduce((sum, it) => sum + it.refund, 0));
    // Off (the default), the flag changes nothing: entry-number order.
    expect(buildDeclarations(items, F, 'ior', 3).map((f) => f.entries)).toEqual([
      all.slice(0, 3),
      all.slice(3, 6),
      all.slice(6, 9),
      all.slice(9),
    ]);
    // Shuffled input with a repeat gives the same files.
    const shuffled = [...items].reverse().concat(items[4]!);
    expect(buildDeclarations(shuffled, F, 'ior', 3, true)).toEqual(files);
  });

  it('partitions by IOR by default and by filer code when a broker mixes IORs', () => {
    const items = [
      { entryNumber: 'B7603245278', importerNumber: 'AA-1', refund: 0 },
      { entryNumber: 'ABC12345676', importerNumber: 'BB-2', refund: 0 },
      { entryNumber: 'ABC12345676', importerNumber: 'BB-2', refund: 0 },
    ];
    expect(buildDeclarations(items, F, 'ior', 9999).map((f) => f.name)).toEqual([
      'CAPE_AA1_20260504_1of1.csv',
      'CAPE_BB2_20260504_1of1.csv',
    ]);
    expect(buildDeclarations(items, F, 'filer', 9999).map((f) => f.name)).toEqual([
      'CAPE_ABC_20260504_1of1.csv',
      'CAPE_B76_20260504_1of1.csv',
    ]);
  });

  it('content of an empty list is only the header', () => {
    expect(declarationContent([])).toBe('Entry Number\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { attributeOf } from '../../src/core/entry-attributes';
import { ATTR_PAGE_ENTRIES, NO_DAY } from '../store/pages';
import { AttrAccumulator } from './attr-accumulator';

const drawback = attributeOf('drawback_flag')!;
const DRAWBACK = drawback.kind === 'flag' ? drawback.bit : 0;

describe('AttrAccumulator', () => {
  it('keeps every entry’s attributes across page boundaries, pages trimmed to their entries', () => {
    const a = new AttrAccumulator();
    const n = ATTR_PAGE_ENTRIES * 2 + 5;
    for (let i = 0; i < n; i++) {
      const s = a.slot(1e11 + i * 7);
      expect(s).toBe(i);
      if (i % 3 === 0) a.setText('importer', s, `IOR-${i % 5}`);
      a.setDay('entryDate', s, 20_000 + (i % 400));
      if (i % 2 === 0) a.setFlag(DRAWBACK, s, i % 4 === 0);
      if (i % 11 === 0) a.markBad(s);
      if (i % 13 === 0) a.setCode('liqStatus', s, 2);
      if (i % 17 === 0) a.setCode('summaryStatus', s, 1);
    }
    // Seen again: the same slot, nothing added.
    expect(a.slot(1e11 + 7 * ATTR_PAGE_ENTRIES)).toBe(ATTR_PAGE_ENTRIES);
    expect(a.count).toBe(n);
    const pages = a.pages(9);
    expect(pages.map((p) => [p.fileId, p.page, p.count, p.entry.length])).toEqual([
      [9, 0, ATTR_PAGE_ENTRIES, ATTR_PAGE_ENTRIES],
      [9, 1, ATTR_PAGE_ENTRIES, ATTR_PAGE_ENTRIES],
      [9, 2, 5, 5],
    ]);
    const wrong: string[] = [];
    const check = (i: number, what: string, got: unknown, want: unknown) => {
      if (got !== want && wrong.length < 5) wrong.push(`entry ${i} ${what}: ${String(got)} ≠ ${String(want)}`);
    };
    for (let i = 0; i < n; i++) {
      const p = pages[Math.floor(i / ATTR_PAGE_ENTRIES)]!;
      const k = i % ATTR_PAGE_ENTRIES;
      check(i, 'entry', p.entry[k], 1e11 + i * 7);
      check(i, 'importer', p.importer[k] === -1 ? null : p.dict[p.importer[k]!], i % 3 === 0 ? `IOR-${i % 5}` : null);
      check(i, 'entryDate', p.entryDate[k], 20_000 + (i % 400));
      check(i, 'summaryDate', p.summaryDate[k], NO_DAY);
      check(i, 'present', p.present[k], i % 2 === 0 ? DRAWBACK : 0);
      check(i, 'flags', p.flags[k], i % 4 === 0 ? DRAWBACK : 0);
      check(i, 'bad', p.bad[k], i % 11 === 0 ? 1 : 0);
      check(i, 'liqStatus', p.liqStatus[k], i % 13 === 0 ? 2 : -1);
      check(i, 'summaryStatus', p.summaryStatus[k], i % 17 === 0 ? 1 : -1);
    }
    expect(wrong).toEqual([]);
    // About 65,000 entries checked one expect each: 4–5 s alone on this machine, more when its two cores are shared.
  }, 60_000);
});

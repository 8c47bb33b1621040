/**
 * The UI's reads share one staleness rule: an answer to an earlier question (another filter, an
 * older analysis) that arrives late is dropped. Shown on the entry pager, whose pages for one
 * question load side by side.
 */
import { describe, expect, it } from 'vitest';
import type { EntryPage, EntryQuery, EntryRow, WorkerFailure } from '../../workers/contract';
import { EntryPager } from './entry-pager.svelte';
import type { WorkerApi } from './worker-client';
import type { Answer, WorkerReads } from './worker-reads';

/** Worker reads whose answers the test releases one by one, in any order. */
function heldReads(): { reads: WorkerReads; asked: EntryQuery[]; answer(k: number): Promise<void> } {
  const asked: EntryQuery[] = [];
  const waiting: (() => void)[] = [];
  const reads: WorkerReads = {
    async read<C extends Promise<unknown>>(call: (api: WorkerApi) => C): Promise<Answer<Awaited<C>>> {
      const api = {
        queryEntries: async (q: EntryQuery): Promise<EntryPage> => {
          asked.push(q);
          await new Promise<void>((r) => waiting.push(r));
          const rows = Array.from({ length: q.limit }, (_, i) => ({
            entryNumber: `${q.segment ?? 'ALL'}-${q.offset + i}`,
          }));
          return {
            total: 1000,
            offset: q.offset,
            rows: rows as EntryRow[],
            sums: { ieepaDuty: 0, interest: 0, refund: 0 },
          };
        },
      };
      return { kind: 'answered', value: await call(api as unknown as WorkerApi) };
    },
    report(_failure: WorkerFailure): void {},
  };
  const answer = async (k: number) => {
    waiting[k]!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { reads, asked, answer };
}

describe('EntryPager', () => {
  it('drops a page asked for before the query changed, even when it answers last', async () => {
    const { reads, asked, answer } = heldReads();
    const pager = new EntryPager(reads, 100);
    pager.reset({ segment: 'READY' });
    pager.want(250);
    pager.reset({ segment: 'DEFERRED' });
    expect(asked.map((q) => [q.segment, q.offset])).toEqual([
      ['READY', 0],
      ['READY', 200],
      ['DEFERRED', 0],
    ]);
    await answer(2);
    await answer(0);
    await answer(1);
    expect([...pager.pages.keys()]).toEqual([0]);
    expect(pager.rowAt(5)?.entryNumber).toBe('DEFERRED-5');
    expect(pager.rowAt(250)).toBeUndefined();
    expect(pager.total).toBe(1000);
  });

  it('loads each page once, and pages of one query side by side', async () => {
    const { reads, asked, answer } = heldReads();
    const pager = new EntryPager(reads, 100);
    pager.reset({});
    pager.want(150);
    pager.want(199);
    pager.want(50);
    expect(asked.map((q) => [q.offset, q.limit])).toEqual([
      [0, 100],
      [100, 100],
    ]);
    await answer(1);
    await answer(0);
    expect(pager.rowAt(150)?.entryNumber).toBe('ALL-150');
    expect(pager.rowAt(0)?.entryNumber).toBe('ALL-0');
  });
});

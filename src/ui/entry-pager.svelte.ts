/**
 * The entries table's rows, fetched page by page from the worker as they scroll into view. A new
 * query or a new analysis starts again from the top; pages asked for the old one are dropped.
 */
import type { EntryPage, EntryQuery, EntryRow } from '../../workers/contract';
import { ReadSession, type WorkerReads } from './worker-reads';

export type EntryFilter = Omit<EntryQuery, 'offset' | 'limit'>;

export class EntryPager {
  /** Entries matching the query (known once the first page is in). */
  total = $state(0);
  /** Their sums (cents): IEEPA duty, interest, and the refund of those CAPE refunds. */
  sums = $state.raw<EntryPage['sums']>({ ieepaDuty: 0, interest: 0, refund: 0 });
  pages = $state.raw(new Map<number, EntryRow[]>());
  private filter: EntryFilter = {};
  private requested = new Set<number>();
  private readonly session: ReadSession;

  constructor(
    private readonly reads: WorkerReads,
    readonly pageSize = 100,
  ) {
    this.session = new ReadSession(reads);
  }

  /** Start again from the top with `filter` (a plain object: it is sent to the worker). */
  reset(filter: EntryFilter): void {
    this.filter = filter;
    this.session.restart();
    this.requested = new Set();
    this.pages = new Map();
    void this.load(0);
  }

  /** Make sure the page holding row `index` is loaded or on its way. */
  want(index: number): void {
    const p = Math.floor(index / this.pageSize);
    if (!this.pages.has(p)) void this.load(p);
  }

  /** "Export this view": every entry of the current query, in its order, as a CSV for people; null when the read failed. */
  async viewCsv(): Promise<Blob | null> {
    const answer = await this.reads.read((w) => w.entriesViewCsv({ ...this.filter, offset: 0, limit: 0 }));
    return answer.kind === 'answered' ? answer.value : null;
  }

  rowAt(index: number): EntryRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  private async load(p: number): Promise<void> {
    if (this.requested.has(p)) return;
    this.requested.add(p);
    const q: EntryQuery = { ...this.filter, offset: p * this.pageSize, limit: this.pageSize };
    const answer = await this.session.ask((w) => w.queryEntries(q));
    if (!answer) return;
    this.total = answer.value.total;
    this.sums = answer.value.sums;
    const next = new Map(this.pages);
    next.set(p, answer.value.rows);
    this.pages = next;
  }
}

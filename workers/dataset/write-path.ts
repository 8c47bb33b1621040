/**
 * The one way the dataset changes what is stored. Every mutation — an import, a removal, the
 * assumptions, the profile, the ledger — goes through `write`, which applies, in this order:
 *  1. serialisation: it starts after every earlier write or reload of this tab has finished;
 *  2. the cross-tab write lock: one writer at a time over all tabs of the app;
 *  3. the quota guard: a full disk becomes the `storage-full` result (data, not a throw) and the
 *     change is not applied in memory, so memory stays as storage is;
 *  4. the change in memory (`apply`), then a fresh analysis;
 *  5. a broadcast, so other tabs reload (only when `apply` says something stored changed).
 * Reloads from storage are not writes but take their turn in the same queue (`serially`).
 */
import type { Snapshot, StorageFull, Updated } from '../contract';
import { StorageFullError, guardedWrite } from '../store/db';
import type { CrossTab } from './cross-tab';

export class WritePath {
  /** Operations run one after another (writes, and reloads after another tab's change). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tabs: CrossTab,
    private readonly analyse: () => Snapshot,
  ) {}

  /** Run `fn` after every earlier operation has finished. */
  serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Store a change, then apply it in memory. `store` runs under the lock and the quota guard and
   * must not change memory; `apply` gets what `store` returned and says whether stored data changed.
   */
  write<T>(store: () => Promise<T>, apply: (stored: T) => boolean): Promise<Updated | StorageFull> {
    return this.serially(async () => {
      let stored: T;
      try {
        stored = await this.tabs.lock.hold(() => guardedWrite(store));
      } catch (e) {
        if (e instanceof StorageFullError) return { kind: 'storage-full', message: e.message };
        throw e;
      }
      if (apply(stored)) this.tabs.broadcast();
      return { kind: 'updated', snapshot: this.analyse() };
    });
  }
}

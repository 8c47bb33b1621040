/**
 * Several tabs of the app share one database: one writer at a time across all of them (Web Locks),
 * and a BroadcastChannel message after every change so the others reload what was stored. Both are
 * named after the database, so copies of the app under other paths of the origin (other databases)
 * neither wait for each other nor reload for each other's changes.
 */
export function lockName(database: string): string {
  return `cape-prep-writer:${database}`;
}
export function channelName(database: string): string {
  return `cape-prep-dataset:${database}`;
}

/** The cross-tab write lock. */
export interface WriteLock {
  /** Run `fn` holding the lock, waiting while another tab holds it. */
  hold<T>(fn: () => Promise<T>): Promise<T>;
  /** Run `fn` holding the lock only if no other tab holds it; null when one does. */
  holdIfFree<T>(fn: () => Promise<T>): Promise<T | null>;
}

/** The browser's Web Locks; where the API is missing (Node tests) writes run directly. */
export function webLock(database: string): WriteLock {
  const name = lockName(database);
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (!locks) return { hold: (fn) => fn(), holdIfFree: (fn) => fn() };
  return {
    hold: <T>(fn: () => Promise<T>) => locks.request(name, { mode: 'exclusive' }, fn) as Promise<T>,
    holdIfFree: async <T>(fn: () => Promise<T>) =>
      (await locks.request(name, { mode: 'exclusive', ifAvailable: true }, async (lock) =>
        lock ? fn() : null,
      )) as T | null,
  };
}

export class CrossTab {
  private readonly channel: BroadcastChannel | null;

  constructor(
    database: string,
    readonly lock: WriteLock = webLock(database),
  ) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName(database));
  }

  /** Called when another tab changed the stored data. */
  onChange(fn: () => void): void {
    if (this.channel) this.channel.onmessage = fn;
  }

  /** Tell the other tabs that the stored data changed. */
  broadcast(): void {
    this.channel?.postMessage({ type: 'changed' });
  }

  close(): void {
    this.channel?.close();
  }
}

/** "Your data": space used and available, and whether the browser may evict this site's data. */
import type { StorageInfo } from '../../workers/contract';
import { ReadSession, type WorkerReads } from './worker-reads';

export class StoragePanel {
  info = $state.raw<StorageInfo | null>(null);
  private readonly session: ReadSession;

  constructor(reads: WorkerReads) {
    this.session = new ReadSession(reads);
  }

  async refresh(): Promise<void> {
    this.session.restart();
    const answer = await this.session.ask((w) => w.storageInfo());
    if (answer) this.info = answer.value;
  }

  /** Ask the browser to keep this site's data (it may decide without asking the user). */
  async persist(): Promise<void> {
    await navigator.storage?.persist?.();
    await this.refresh();
  }
}

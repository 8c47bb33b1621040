/** One entry's detail (rows as filed, reasons explained) for the entry dialog; read again after each analysis. */
import type { EntryDetail } from '../../workers/contract';
import { ReadSession, type WorkerReads } from './worker-reads';

export class EntryDetailReader {
  detail = $state.raw<EntryDetail | null>(null);
  /** The entry is not in the loaded data. */
  missing = $state(false);
  private readonly session: ReadSession;

  constructor(reads: WorkerReads) {
    this.session = new ReadSession(reads);
  }

  async load(entryNumber: string): Promise<void> {
    this.session.restart();
    const answer = await this.session.ask((w) => w.entryDetail(entryNumber));
    if (!answer) return;
    this.detail = answer.value;
    this.missing = answer.value === null;
  }
}

/** The first row problems of the loaded files, for the Import screen (the CSV download has them all). */
import type { ProblemRow } from '../../workers/contract';
import { ReadSession, type WorkerReads } from './worker-reads';

export class ProblemList {
  rows = $state.raw<ProblemRow[]>([]);
  private readonly session: ReadSession;

  constructor(
    reads: WorkerReads,
    readonly limit = 200,
  ) {
    this.session = new ReadSession(reads);
  }

  /** Read the list again (after a new analysis). */
  async load(): Promise<void> {
    this.session.restart();
    const answer = await this.session.ask((w) => w.problems(0, this.limit));
    if (answer) this.rows = answer.value.rows;
  }
}

/** How the UI's small managers read from the worker: through the app state, so failures are handled in one place. */
import type { WorkerFailure } from '../../workers/contract';
import type { WorkerApi } from './worker-client';

/** A read's answer; `failed` when the call threw (already reported in the error banner). */
export type Answer<T> = { kind: 'answered'; value: T } | { kind: 'failed' };

export interface WorkerReads {
  read<C extends Promise<unknown>>(call: (api: WorkerApi) => C): Promise<Answer<Awaited<C>>>;
  /** Show a failure the worker returned as data, like any other. */
  report(failure: WorkerFailure): void;
}

/**
 * A manager's reads for one question (a query, an entry, an analysis version). When the question
 * changes, `restart()` drops every answer still on its way: an answer to an earlier question that
 * arrives late never replaces a newer one.
 */
export class ReadSession {
  private session = 0;

  constructor(private readonly reads: WorkerReads) {}

  /** The answer, or null when the read failed or the question changed meanwhile. */
  async ask<C extends Promise<unknown>>(call: (api: WorkerApi) => C): Promise<{ value: Awaited<C> } | null> {
    const session = this.session;
    const answer = await this.reads.read(call);
    if (session !== this.session) return null;
    switch (answer.kind) {
      case 'answered':
        return { value: answer.value };
      case 'failed':
        return null;
      default:
        return answer satisfies never;
    }
  }

  restart(): void {
    this.session++;
  }
}

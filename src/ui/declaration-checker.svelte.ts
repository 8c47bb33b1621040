/** Checking a declaration made elsewhere: CAPE's file checks, then each entry against the loaded data. */
import type { DeclarationCheck } from '../core/declaration-check';
import { ReadSession, type WorkerReads } from './worker-reads';

export class DeclarationChecker {
  result = $state.raw<DeclarationCheck | null>(null);
  checking = $state(false);
  private readonly session: ReadSession;

  constructor(private readonly reads: WorkerReads) {
    this.session = new ReadSession(reads);
  }

  async check(file: File): Promise<void> {
    this.checking = true;
    this.session.restart();
    try {
      const answer = await this.session.ask((w) => w.checkDeclaration(file));
      if (!answer) return;
      const r = answer.value;
      switch (r.kind) {
        case 'checked':
          this.result = r.check;
          return;
        case 'rejected':
          this.result = null;
          return this.reads.report(r);
        default:
          return r satisfies never;
      }
    } finally {
      this.checking = false;
    }
  }
}

/**
 * The filing ledger: declarations the user marked as submitted to CBP — with the submission date as
 * entered and the ACE declaration/claim number when known — and what CBP rejected. Its entries are
 * followed after filing (SPEC §10: filings.ts).
 */
import { parseIsoDay } from '../../src/core/dates';
import { normaliseEntryNumber } from '../../src/core/entry-number';
import type { CheckedWriteResult, WriteResult } from '../contract';
import type { CapeDb, LedgerRecord } from '../store/db';
import type { DatasetState } from './dataset-state';
import type { WritePath } from './write-path';

/** A submission date must be a real date (YYYY-MM-DD); null when it is. */
export function submissionDateProblem(submittedOn: string): string | null {
  return parseIsoDay(submittedOn) === null
    ? `The submission date must be a real date (YYYY-MM-DD), got "${submittedOn}".`
    : null;
}

export class Ledger {
  constructor(
    private readonly data: DatasetState,
    private readonly db: CapeDb,
    private readonly writes: WritePath,
  ) {}

  /**
   * Remember declarations as submitted to CBP on `submittedOn` (YYYY-MM-DD; default the day they are
   * marked), with the ACE number when the user has it: their entries are filed from now on.
   */
  markSubmitted(names: string[], submittedOn?: string, claimNumber = ''): Promise<CheckedWriteResult> {
    const problem = submittedOn === undefined ? null : submissionDateProblem(submittedOn);
    if (problem !== null) return Promise.resolve({ kind: 'invalid-input', message: problem });
    const chosen = this.data.declarations.filter((d) => names.includes(d.name));
    const now = new Date().toISOString();
    const claim = claimNumber.trim();
    return this.write(() =>
      this.db.ledger.bulkAdd(
        chosen.map((d): LedgerRecord => ({
          name: d.name,
          entries: d.entries,
          submittedAt: now,
          ...(submittedOn === undefined ? {} : { submittedOn }),
          ...(claim === '' ? {} : { claimNumber: claim }),
          rejected: false,
          rejectedEntries: [],
          rulepack: this.data.rulepackStamp(),
        })),
      ),
    );
  }

  /** Correct a record's submission date or ACE declaration/claim number. */
  setLedgerDetails(id: number, submittedOn: string, claimNumber: string): Promise<CheckedWriteResult> {
    const problem = submissionDateProblem(submittedOn);
    if (problem !== null) return Promise.resolve({ kind: 'invalid-input', message: problem });
    return this.write(() => this.db.ledger.update(id, { submittedOn, claimNumber: claimNumber.trim() }));
  }

  updateLedger(id: number, rejected: boolean, rejectedEntries: string[]): Promise<WriteResult> {
    const entries = rejectedEntries.map((e) => normaliseEntryNumber(e)).filter((e): e is string => e !== null);
    return this.write(() => this.db.ledger.update(id, { rejected, rejectedEntries: entries }));
  }

  deleteLedgerRecord(id: number): Promise<WriteResult> {
    return this.write(() => this.db.ledger.delete(id));
  }

  /** Change the stored ledger, then hold what is stored (other tabs may have added records too). */
  private write(change: () => Promise<unknown>): Promise<WriteResult> {
    return this.writes.write(
      async () => {
        await change();
        return this.db.ledger.toArray();
      },
      (ledger) => {
        this.data.ledger = ledger;
        this.data.refile();
        return true;
      },
    );
  }
}

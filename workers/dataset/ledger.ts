/** The filing ledger: declarations the user marked as submitted to CBP, and what CBP rejected. */
import { normaliseEntryNumber } from '../../src/core/entry-number';
import type { WriteResult } from '../contract';
import type { CapeDb, LedgerRecord } from '../store/db';
import type { DatasetState } from './dataset-state';
import type { WritePath } from './write-path';

/** Entries filed and not rejected: they get ALREADY_FILED. */
export function alreadyFiled(ledger: readonly LedgerRecord[]): Set<string> {
  const filed = new Set<string>();
  for (const rec of ledger) {
    if (rec.rejected) continue;
    const rejected = new Set(rec.rejectedEntries);
    for (const e of rec.entries) if (!rejected.has(e)) filed.add(e);
  }
  return filed;
}

export class Ledger {
  constructor(
    private readonly data: DatasetState,
    private readonly db: CapeDb,
    private readonly writes: WritePath,
  ) {}

  /** Remember declarations as submitted to CBP: their entries get ALREADY_FILED from now on. */
  markSubmitted(names: string[]): Promise<WriteResult> {
    const chosen = this.data.declarations.filter((d) => names.includes(d.name));
    const now = new Date().toISOString();
    return this.write(() =>
      this.db.ledger.bulkAdd(
        chosen.map((d) => ({
          name: d.name,
          entries: d.entries,
          submittedAt: now,
          rejected: false,
          rejectedEntries: [],
          rulepack: this.data.rulepackStamp(),
        })),
      ),
    );
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
        return true;
      },
    );
  }
}

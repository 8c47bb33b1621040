/** Unwrapping the worker's tagged results in tests: the expected kind, or a failure that says what came instead. */
import type { DeclarationCheck } from '../../src/core/declaration-check';
import type { CheckResult, ImportOutcome, Snapshot, Updated, WorkerFailure } from '../../workers/contract';

/** The snapshot of a change that was stored; throws with the failure's message otherwise. */
export function updated(r: Updated | WorkerFailure): Snapshot {
  if (r.kind !== 'updated') throw new Error(`expected the change to be stored, got ${r.kind}: ${r.message}`);
  return r.snapshot;
}

export function checked(r: CheckResult): DeclarationCheck {
  if (r.kind !== 'checked') throw new Error(`expected a checked declaration, got ${r.kind}: ${r.message}`);
  return r.check;
}

/** Why a file was not imported; throws when it was. */
export function messageOf(o: ImportOutcome): string {
  if (o.kind === 'imported') throw new Error(`${o.fileName} was imported`);
  return o.message;
}

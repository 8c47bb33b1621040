/**
 * The ledger backup (SPEC §10): the filing ledger, the profile and the assumptions in one JSON file,
 * and that file imported again. An import is checked in full before anything is stored: a bad file
 * changes nothing and says why. Loaded files are not in the backup (the user has them).
 */
import { parseIsoDay } from '../../src/core/dates';
import { normaliseEntryNumber } from '../../src/core/entry-number';
import type { Profile } from '../../src/core/profile';
import type { RateOverride } from '../../src/core/rate-overrides';
import type { CheckedWriteResult } from '../contract';
import type { CapeDb, LedgerRecord } from '../store/db';
import type { DatasetState } from './dataset-state';
import { type AssumptionsInput, assumptionsProblem, storedPart } from './settings';
import type { WritePath } from './write-path';

export const BACKUP_FORMAT = 'cape-prep-ledger-backup';
export const BACKUP_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  /** The rulebook in force when exported (for the reader; not checked on import). */
  rulebook: string;
  ledger: Omit<LedgerRecord, 'id'>[];
  profile: Profile;
  /** All but the filing date, which is each tab's own. */
  assumptions: Omit<AssumptionsInput, 'filingDate'>;
}

class BackupError extends Error {}

type Json = Record<string, unknown>;

function object(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BackupError(`${what} is not an object.`);
  return v as Json;
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new BackupError(`${what} is not a list.`);
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new BackupError(`${what} is not text.`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw new BackupError(`${what} must be one of ${allowed.join(', ')}.`);
  return v as T;
}

function entries(v: unknown, what: string): string[] {
  return array(v, what).map((e, k) => {
    const n = typeof e === 'string' ? normaliseEntryNumber(e) : null;
    if (n === null) throw new BackupError(`${what}, item ${k + 1}, is not an entry number: ${JSON.stringify(e)}.`);
    return n;
  });
}

function ledgerRecord(v: unknown, k: number): Omit<LedgerRecord, 'id'> {
  const what = `Ledger record ${k + 1}`;
  const r = object(v, what);
  const submittedAt = text(r.submittedAt, `${what}: submittedAt`);
  if (Number.isNaN(Date.parse(submittedAt))) throw new BackupError(`${what}: submittedAt is not a date and time.`);
  const record: Omit<LedgerRecord, 'id'> = {
    name: text(r.name, `${what}: name`),
    entries: entries(r.entries, `${what}: entries`),
    submittedAt,
    rejected: r.rejected === true,
    rejectedEntries: entries(r.rejectedEntries ?? [], `${what}: rejectedEntries`),
  };
  if (typeof r.rejected !== 'boolean') throw new BackupError(`${what}: rejected must be true or false.`);
  if (r.submittedOn !== undefined) {
    const on = text(r.submittedOn, `${what}: submittedOn`);
    if (parseIsoDay(on) === null) throw new BackupError(`${what}: submittedOn is not a date (YYYY-MM-DD).`);
    record.submittedOn = on;
  }
  if (r.claimNumber !== undefined) record.claimNumber = text(r.claimNumber, `${what}: claimNumber`);
  if (r.rulepack !== undefined) {
    const stamp = object(r.rulepack, `${what}: rulepack`);
    const sha256 = text(stamp.sha256, `${what}: rulepack sha256`);
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new BackupError(`${what}: rulepack sha256 is not a SHA-256 in hex.`);
    record.rulepack = { version: text(stamp.version, `${what}: rulepack version`), sha256 };
  }
  return record;
}

function profile(v: unknown): Profile {
  const p = object(v, 'The profile');
  return {
    role: oneOf(p.role, ['importer', 'broker'], 'The profile’s role'),
    filerCodes: array(p.filerCodes, 'The profile’s filer codes').map((s) => text(s, 'A filer code')),
    clients: array(p.clients, 'The client list').map((x, k) => {
      const c = object(x, `Client ${k + 1}`);
      if (typeof c.authorized !== 'boolean')
        throw new BackupError(`Client ${k + 1}: authorized must be true or false.`);
      return {
        importerNumber: text(c.importerNumber, `Client ${k + 1}: importerNumber`),
        name: text(c.name, `Client ${k + 1}: name`),
        taxpayerType: oneOf(c.taxpayerType, ['corporate', 'non_corporate', 'default'], `Client ${k + 1}: taxpayerType`),
        designee: text(c.designee, `Client ${k + 1}: designee`),
        achEnrolled: oneOf(c.achEnrolled, ['yes', 'no', 'unknown'], `Client ${k + 1}: achEnrolled`),
        authorized: c.authorized,
      };
    }),
  };
}

function assumptions(v: unknown, filingDate: string): AssumptionsInput {
  const a = object(v, 'The assumptions');
  const out: AssumptionsInput = {
    filingDate,
    rateOverrides: array(a.rateOverrides, 'The edited interest rates').map((x, k) => {
      const r = object(x, `Edited rate ${k + 1}`);
      const override: RateOverride = { quarter: text(r.quarter, `Edited rate ${k + 1}: quarter`) };
      if (r.corporate !== undefined) override.corporate = text(r.corporate, `Edited rate ${k + 1}: corporate`);
      if (r.nonCorporate !== undefined)
        override.nonCorporate = text(r.nonCorporate, `Edited rate ${k + 1}: nonCorporate`);
      return override;
    }),
    defaultTaxpayer: oneOf(a.defaultTaxpayer, ['corporate', 'non_corporate'], 'The default taxpayer type'),
    includeDeferred: a.includeDeferred === true,
    partition: oneOf(a.partition, ['ior', 'filer'], 'The declaration partition'),
    // Backups made before the choice existed leave it off.
    urgentFirst: a.urgentFirst === true,
  };
  if (typeof a.includeDeferred !== 'boolean') throw new BackupError('includeDeferred must be true or false.');
  if (a.urgentFirst !== undefined && typeof a.urgentFirst !== 'boolean')
    throw new BackupError('urgentFirst must be true or false.');
  const problem = assumptionsProblem(out);
  if (problem !== null) throw new BackupError(problem);
  return out;
}

/** The backup in `textContent`, or what is wrong with it (the first fault found). */
export function parseBackup(
  textContent: string,
  filingDate: string,
):
  | { kind: 'backup'; ledger: Omit<LedgerRecord, 'id'>[]; profile: Profile; assumptions: AssumptionsInput }
  | { kind: 'invalid'; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch {
    return { kind: 'invalid', message: 'This is not a CAPE Prep backup: the file is not JSON. Nothing was changed.' };
  }
  try {
    const b = object(json, 'The file');
    if (b.format !== BACKUP_FORMAT)
      throw new BackupError(`This is not a CAPE Prep backup (its format is not "${BACKUP_FORMAT}").`);
    if (b.version !== BACKUP_VERSION)
      throw new BackupError(
        `Backup version ${String(b.version)} is not one this version of the app reads (${BACKUP_VERSION}).`,
      );
    return {
      kind: 'backup',
      ledger: array(b.ledger, 'The ledger').map(ledgerRecord),
      profile: profile(b.profile),
      assumptions: assumptions(b.assumptions, filingDate),
    };
  } catch (e) {
    if (e instanceof BackupError) return { kind: 'invalid', message: `${e.message} Nothing was changed.` };
    throw e;
  }
}

export class Backups {
  constructor(
    private readonly data: DatasetState,
    private readonly db: CapeDb,
    private readonly writes: WritePath,
  ) {}

  /** The ledger, profile and assumptions in force, as one JSON file. */
  exportBackup(): Blob {
    const backup: Backup = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date().toISOString(),
      rulebook: this.data.pack.loaded.pack.version,
      ledger: this.data.ledger.map(({ id: _id, ...r }) => r),
      profile: this.data.profile,
      assumptions: storedPart(this.data.assumptions) as Backup['assumptions'],
    };
    return new Blob([JSON.stringify(backup, null, 2)], { type: 'application/json' });
  }

  /** Replace the ledger, profile and assumptions with a backup's; a bad file changes nothing. */
  async importBackup(file: File): Promise<CheckedWriteResult> {
    let content: string;
    try {
      content = await file.text();
    } catch (e) {
      return {
        kind: 'invalid-input',
        message: `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    const parsed = parseBackup(content, this.data.assumptions.filingDate);
    if (parsed.kind === 'invalid') return { kind: 'invalid-input', message: `${file.name}: ${parsed.message}` };
    const db = this.db;
    return this.writes.write(
      () =>
        db.transaction('rw', [db.ledger, db.settings], async () => {
          await db.ledger.clear();
          await db.ledger.bulkAdd(parsed.ledger);
          await db.settings.put({ key: 'profile', value: parsed.profile });
          await db.settings.put({ key: 'assumptions', value: storedPart(parsed.assumptions) });
          return db.ledger.toArray();
        }),
      (ledger) => {
        this.data.ledger = ledger;
        this.data.profile = parsed.profile;
        this.data.assumptions = parsed.assumptions;
        this.data.refile();
        return true;
      },
    );
  }
}

/**
 * User settings kept locally: the profile, the what-if assumptions (the filing date is not kept: it
 * defaults to today) and the column mappings the user chose, by header signature.
 */
import { parseIsoDay } from '../../src/core/dates';
import type { TaxpayerType } from '../../src/core/interest';
import Papa from 'papaparse';
import { clientsFromRecords } from '../../src/core/client-list';
import { EMPTY_PROFILE, type Profile, migrateProfile } from '../../src/core/profile';
import type { Partition } from '../../src/core/declarations';
import type { ChosenColumns } from '../../src/core/header-mapping';
import { type RateOverride, overridesFromLegacyTable } from '../../src/core/rate-overrides';
import type { AssumptionsResult, ClientListResult, WriteResult } from '../contract';
import type { CapeDb, SettingRecord } from '../store/db';
import type { DatasetState } from './dataset-state';
import type { WritePath } from './write-path';

export interface AssumptionsInput {
  /** YYYY-MM-DD; the date the user expects CAPE to accept the declaration. */
  filingDate: string;
  /**
   * The user's edits of the rule pack's overpayment rates, per quarter and taxpayer type; every rate not
   * edited follows the pack in force (so a newer pack reaches it).
   */
  rateOverrides: RateOverride[];
  defaultTaxpayer: TaxpayerType;
  includeDeferred: boolean;
  /** Declaration files per IOR (default) or per filer code (a broker mixing IORs). */
  partition: Partition;
  /** Entries near the 80-day line in the first declaration files of their IOR or filer code. */
  urgentFirst: boolean;
}

export function defaultAssumptions(today: string): AssumptionsInput {
  return {
    filingDate: today,
    rateOverrides: [],
    defaultTaxpayer: 'corporate',
    includeDeferred: false,
    partition: 'ior',
    urgentFirst: false,
  };
}

export const DEFAULT_PROFILE: Profile = EMPTY_PROFILE;

/** Problems of a refused client list named in its message, the first ones. */
const CLIENT_LIST_PROBLEMS_SHOWN = 5;

/** A rate must be a plain decimal percent between 0 and 100. */
export function validRate(s: string): boolean {
  return /^\d{1,2}(\.\d{1,4})?$|^100(\.0+)?$/.test(s.trim());
}

/** What is wrong with these assumptions, in words; null when nothing is. */
export function assumptionsProblem(a: AssumptionsInput): string | null {
  if (parseIsoDay(a.filingDate) === null) return `Filing date must be a real date (YYYY-MM-DD), got "${a.filingDate}".`;
  for (const r of a.rateOverrides) {
    if (!/^\d{4}Q[1-4]$/.test(r.quarter)) return `"${r.quarter}" is not a calendar quarter such as 2026Q2.`;
    if ([r.corporate, r.nonCorporate].some((rate) => rate !== undefined && !validRate(rate)))
      return `Rates for ${r.quarter} must be percentages between 0 and 100.`;
  }
  return null;
}

/** The assumptions as stored: all but the filing date, which is each tab's own. */
export function storedPart(a: AssumptionsInput): Partial<AssumptionsInput> {
  const kept: Partial<AssumptionsInput> = { ...a };
  delete kept.filingDate;
  return kept;
}

/** Settings keys of remembered column mappings: this prefix, then the header signature. */
const MAPPING_KEY = 'columnMapping:';

/** The stored record of a column mapping the user chose for a header row. */
export function mappingRecord(signature: string, columns: ChosenColumns): SettingRecord {
  return { key: MAPPING_KEY + signature, value: columns };
}

/** Assumptions as stored by this or an earlier version: before the rule pack, the whole rate table was kept. */
type StoredAssumptions = Omit<AssumptionsInput, 'filingDate' | 'rateOverrides'> & {
  rateOverrides?: RateOverride[];
  overpaymentRates?: { quarter: string; corporate: string; nonCorporate: string }[];
};

/** Stored assumptions in today's shape: a stored whole table becomes the rates that differ from the table of its time. */
function migrated(stored: StoredAssumptions): Omit<AssumptionsInput, 'filingDate'> {
  const { overpaymentRates, rateOverrides, ...rest } = stored;
  return {
    ...rest,
    rateOverrides: rateOverrides ?? (overpaymentRates ? overridesFromLegacyTable(overpaymentRates) : []),
  };
}

export class Settings {
  constructor(
    private readonly data: DatasetState,
    private readonly db: CapeDb,
    private readonly writes: WritePath,
  ) {}

  /** Read the stored profile and assumptions into memory; this tab's filing date stays. */
  async load(): Promise<void> {
    const [profile, assumptions] = await Promise.all([
      this.db.settings.get('profile'),
      this.db.settings.get('assumptions'),
    ]);
    // Profiles stored before the client list are read in today's form; stored again only when saved.
    if (profile) this.data.profile = migrateProfile(profile.value);
    const mappings = await this.db.settings.where('key').startsWith(MAPPING_KEY).toArray();
    this.data.columnMappings = new Map(
      mappings.map((m) => [m.key.slice(MAPPING_KEY.length), m.value as ChosenColumns]),
    );
    if (assumptions) {
      const saved = migrated(assumptions.value as StoredAssumptions);
      this.data.assumptions = { ...this.data.assumptions, ...saved, filingDate: this.data.assumptions.filingDate };
    }
  }

  setAssumptions(a: AssumptionsInput): Promise<AssumptionsResult> {
    const problem = assumptionsProblem(a);
    if (problem !== null) return Promise.resolve({ kind: 'invalid-input', message: problem });
    const assumptions = { ...a, rateOverrides: a.rateOverrides.map((r) => ({ ...r })) };
    const kept = storedPart(assumptions);
    return this.writes.write(
      () => this.db.settings.put({ key: 'assumptions', value: kept }),
      () => {
        // A new filing date alone changes nothing another tab shows.
        const changed = JSON.stringify(storedPart(this.data.assumptions)) !== JSON.stringify(kept);
        this.data.assumptions = assumptions;
        return changed;
      },
    );
  }

  /** Every assumption back to its default, the filing date to `today`. */
  resetAssumptions(today: string): Promise<AssumptionsResult> {
    return this.setAssumptions(defaultAssumptions(today));
  }

  /**
   * Replace the client list with a CSV's (authorization and per-IOR settings in one step); the role and
   * filer codes stay. A file with any cell it cannot take changes nothing and lists the cells.
   */
  async importClientList(file: File): Promise<ClientListResult> {
    const text = (await file.text()).replace(/^\uFEFF/, '');
    const read = clientsFromRecords(Papa.parse<string[]>(text, { skipEmptyLines: false }).data);
    switch (read.kind) {
      case 'clients':
        return this.saveProfile({ ...this.data.profile, clients: read.clients });
      case 'problems': {
        const shown = read.problems.slice(0, CLIENT_LIST_PROBLEMS_SHOWN);
        const more = read.problems.length - shown.length;
        return {
          kind: 'invalid-input',
          message:
            `${file.name} was not taken; the client list is unchanged. ` +
            shown.map((p) => `Row ${p.row}, ${p.column} "${p.value}": ${p.message}`).join(' ') +
            (more > 0 ? ` And ${more} more.` : ''),
        };
      }
      default:
        return read satisfies never;
    }
  }

  saveProfile(p: Profile): Promise<WriteResult> {
    const profile = structuredClone(p);
    return this.writes.write(
      () => this.db.settings.put({ key: 'profile', value: profile }),
      () => {
        this.data.profile = profile;
        return true;
      },
    );
  }
}

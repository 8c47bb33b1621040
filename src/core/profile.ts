/**
 * Who is filing (SPEC §7): the role, one client list of IORs (authorization and per-IOR settings in one
 * row each), and a broker's filer codes. Profiles stored before the client list existed are migrated
 * on reading (`migrateProfile`) with the same verdicts and figures.
 */
import { importerKey } from './cell-values';
import { filerCode } from './entry-number';
import type { TaxpayerType } from './interest';

export type Role = 'importer' | 'broker';
export type AchEnrollment = 'yes' | 'no' | 'unknown';
/** An IOR's taxpayer type for interest; `default` follows the assumptions' default taxpayer type. */
export type ClientTaxpayer = TaxpayerType | 'default';

/** One importer of record on the client list. */
export interface ClientIor {
  /** IOR number as the user typed it. */
  importerNumber: string;
  /** Importer name: taken from the data, editable; '' shows the name in the data. */
  name: string;
  taxpayerType: ClientTaxpayer;
  /** Form 4811 designee (name or IR number); '' when none. */
  designee: string;
  achEnrolled: AchEnrollment;
  /**
   * You may file CAPE declarations for this IOR. While at least one IOR on the list is ticked, entries
   * of every other IOR get NOT_AUTHORIZED; with none ticked, IORs are not checked.
   */
  authorized: boolean;
}

export interface Profile {
  role: Role;
  clients: ClientIor[];
  /** Filer codes (broker role): the first three characters of an entry number. */
  filerCodes: string[];
}

export const EMPTY_PROFILE: Profile = { role: 'importer', clients: [], filerCodes: [] };

/** A new row of the client list: settings as if the IOR were not on it, authorized. */
export function newClient(importerNumber: string, name = ''): ClientIor {
  return { importerNumber, name, taxpayerType: 'default', designee: '', achEnrolled: 'unknown', authorized: true };
}

/** The per-IOR settings the analysis and the payments read. */
export interface IorSettings {
  /** null: the assumptions' default taxpayer type. */
  taxpayerType: TaxpayerType | null;
  designee: string;
  achEnrolled: AchEnrollment;
}

/** The profile prepared for per-entry lookups. */
export interface ProfileIndex {
  /** null when authorization is not checked by IOR (no IOR on the client list is ticked). */
  authorizedIors: Set<string> | null;
  /** null when authorization is not checked by filer code (not a broker, or no filer codes). */
  authorizedFilers: Set<string> | null;
  settingsByIor: Map<string, IorSettings>;
}

export function indexProfile(p: Profile): ProfileIndex {
  const listed = p.clients.filter((c) => importerKey(c.importerNumber) !== '');
  const iors = listed.filter((c) => c.authorized).map((c) => importerKey(c.importerNumber));
  const filers = p.filerCodes.map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  return {
    authorizedIors: iors.length > 0 ? new Set(iors) : null,
    authorizedFilers: p.role === 'broker' && filers.length > 0 ? new Set(filers) : null,
    settingsByIor: new Map(
      listed.map((c) => [
        importerKey(c.importerNumber),
        {
          taxpayerType: c.taxpayerType === 'default' ? null : c.taxpayerType,
          designee: c.designee,
          achEnrolled: c.achEnrolled,
        },
      ]),
    ),
  };
}

export function authorizationChecked(index: ProfileIndex): boolean {
  return index.authorizedIors !== null || index.authorizedFilers !== null;
}

/** Authorized when every check that applies passes: the IOR is ticked on the client list, the filer code is the broker's. */
export function isAuthorized(index: ProfileIndex, entryNumber: string, importerNumber: string): boolean {
  if (index.authorizedIors && !index.authorizedIors.has(importerKey(importerNumber))) return false;
  if (index.authorizedFilers && !index.authorizedFilers.has(filerCode(entryNumber))) return false;
  return true;
}

/** The profile as versions before the client list stored it. */
interface ProfileBeforeClientList {
  role: Role;
  /** Own IOR numbers: authorization of the importer role. */
  iorNumbers: string[];
  filerCodes: string[];
  /** Per-IOR settings; an IOR here but not in iorNumbers was not authorized (when iorNumbers named any). */
  iors: { importerNumber: string; taxpayerType: TaxpayerType; designee: string; achEnrolled: AchEnrollment }[];
}

/**
 * A stored profile in today's form. One written before the client list had own IORs (the importer's
 * authorization) and per-IOR settings apart: each IOR becomes one row, ticked when the importer role
 * named it (a broker's IORs were never checked, so none is ticked). Verdicts and figures stay the same.
 */
export function migrateProfile(stored: unknown): Profile {
  const p = stored as Partial<Profile> & Partial<ProfileBeforeClientList>;
  if (Array.isArray(p.clients))
    return { role: p.role ?? 'importer', clients: p.clients, filerCodes: p.filerCodes ?? [] };
  const role = p.role ?? 'importer';
  const own = role === 'importer' ? (p.iorNumbers ?? []).filter((n) => importerKey(n) !== '') : [];
  const ownKeys = new Set(own.map(importerKey));
  const clients: ClientIor[] = (p.iors ?? []).map((s) => ({
    importerNumber: s.importerNumber,
    name: '',
    taxpayerType: s.taxpayerType,
    designee: s.designee,
    achEnrolled: s.achEnrolled,
    authorized: ownKeys.has(importerKey(s.importerNumber)),
  }));
  const withSettings = new Set(clients.map((c) => importerKey(c.importerNumber)));
  for (const n of own) {
    if (withSettings.has(importerKey(n))) continue;
    withSettings.add(importerKey(n));
    clients.push(newClient(n));
  }
  return { role, clients, filerCodes: p.filerCodes ?? [] };
}

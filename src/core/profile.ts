/** Who is filing (SPEC §7): role, own IORs or filer codes, and per-IOR payment settings. */
import { importerKey } from './cell-values';
import { filerCode } from './entry-number';
import type { TaxpayerType } from './interest';

export type Role = 'importer' | 'broker';
export type AchEnrollment = 'yes' | 'no' | 'unknown';

export interface IorSettings {
  /** IOR number as the user typed it. */
  importerNumber: string;
  taxpayerType: TaxpayerType;
  /** Form 4811 designee (name or IR number); '' when none. */
  designee: string;
  achEnrolled: AchEnrollment;
}

export interface Profile {
  role: Role;
  /** Own IOR numbers (importer role). */
  iorNumbers: string[];
  /** Filer codes (broker role): the first three characters of an entry number. */
  filerCodes: string[];
  /** Per-IOR settings, for importers and for a broker's clients. */
  iors: IorSettings[];
}

export const EMPTY_PROFILE: Profile = { role: 'importer', iorNumbers: [], filerCodes: [], iors: [] };

/** The profile prepared for per-entry lookups. */
export interface ProfileIndex {
  /** null when authorization is not checked (the profile names no IORs or filer codes for its role). */
  authorizedIors: Set<string> | null;
  authorizedFilers: Set<string> | null;
  settingsByIor: Map<string, IorSettings>;
}

export function indexProfile(p: Profile): ProfileIndex {
  const iors = p.iorNumbers.map(importerKey).filter((k) => k !== '');
  const filers = p.filerCodes.map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  return {
    authorizedIors: p.role === 'importer' && iors.length > 0 ? new Set(iors) : null,
    authorizedFilers: p.role === 'broker' && filers.length > 0 ? new Set(filers) : null,
    settingsByIor: new Map(p.iors.map((s) => [importerKey(s.importerNumber), s])),
  };
}

export function authorizationChecked(index: ProfileIndex): boolean {
  return index.authorizedIors !== null || index.authorizedFilers !== null;
}

export function isAuthorized(index: ProfileIndex, entryNumber: string, importerNumber: string): boolean {
  if (index.authorizedIors) return index.authorizedIors.has(importerKey(importerNumber));
  if (index.authorizedFilers) return index.authorizedFilers.has(filerCode(entryNumber));
  return true;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importerKey } from './cell-values';
import { filerCode } from './entry-number';
import type { TaxpayerType } from './interest';
import { type AchEnrollment, type Role, indexProfile, isAuthorized, migrateProfile, newClient } from './profile';

/** A profile as versions before the client list stored it. */
interface Legacy {
  role: Role;
  iorNumbers: string[];
  filerCodes: string[];
  iors: { importerNumber: string; taxpayerType: TaxpayerType; designee: string; achEnrolled: AchEnrollment }[];
}

/** How those versions decided, written out as they did (the oracle for the migration). */
const legacy = {
  authorized(p: Legacy, entry: string, ior: string): boolean {
    const iors = p.iorNumbers.map(importerKey).filter((k) => k !== '');
    const filers = p.filerCodes.map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
    if (p.role === 'importer' && iors.length > 0) return iors.includes(importerKey(ior));
    if (p.role === 'broker' && filers.length > 0) return filers.includes(filerCode(entry));
    return true;
  },
  settings(p: Legacy, ior: string) {
    const s = new Map(p.iors.map((x) => [importerKey(x.importerNumber), x])).get(importerKey(ior));
    return s ? { taxpayerType: s.taxpayerType, designee: s.designee, achEnrolled: s.achEnrolled } : undefined;
  },
};

const IORS = ['12-3456789-00', '123456789-00', '98-7654321-00', '55-6667778-01', ''];
const ENTRIES = ['B7603245278', 'ABC12345676', 'SP700000014'];

const legacyProfile: fc.Arbitrary<Legacy> = fc.record({
  role: fc.constantFrom<Role>('importer', 'broker'),
  iorNumbers: fc.subarray(IORS),
  filerCodes: fc.subarray(['B76', 'abc', ' SP7 ']),
  iors: fc.uniqueArray(
    fc.record({
      importerNumber: fc.constantFrom(...IORS.slice(0, 4)),
      taxpayerType: fc.constantFrom<TaxpayerType>('corporate', 'non_corporate'),
      designee: fc.constantFrom('', 'Atlas Customs Brokerage LLC'),
      achEnrolled: fc.constantFrom<AchEnrollment>('yes', 'no', 'unknown'),
    }),
    { selector: (s) => importerKey(s.importerNumber) },
  ),
});

describe('the client list', () => {
  it('a stored profile from before the client list gives the same verdicts and settings for every entry', () => {
    fc.assert(
      fc.property(legacyProfile, (old) => {
        const index = indexProfile(migrateProfile(old));
        for (const entry of ENTRIES)
          for (const ior of IORS) expect(isAuthorized(index, entry, ior)).toBe(legacy.authorized(old, entry, ior));
        for (const ior of IORS) {
          const was = legacy.settings(old, ior);
          const now = index.settingsByIor.get(importerKey(ior));
          // An IOR without settings before gets defaults now: the assumptions' taxpayer type, no designee, ACH unknown.
          expect(now ?? undefined).toEqual(
            was ?? (now ? { taxpayerType: null, designee: '', achEnrolled: 'unknown' } : undefined),
          );
        }
      }),
    );
  });

  it('migrates the earlier form to one row per IOR: own IORs ticked, settings kept, nothing lost', () => {
    expect(
      migrateProfile({
        role: 'importer',
        iorNumbers: ['12-3456789-00', '55-6667778-01'],
        filerCodes: ['B76'],
        iors: [
          { importerNumber: '12-3456789-00', taxpayerType: 'non_corporate', designee: 'Atlas', achEnrolled: 'yes' },
          { importerNumber: '98-7654321-00', taxpayerType: 'corporate', designee: '', achEnrolled: 'unknown' },
        ],
      }),
    ).toEqual({
      role: 'importer',
      filerCodes: ['B76'],
      clients: [
        {
          importerNumber: '12-3456789-00',
          name: '',
          taxpayerType: 'non_corporate',
          designee: 'Atlas',
          achEnrolled: 'yes',
          authorized: true,
        },
        { ...newClient('98-7654321-00'), taxpayerType: 'corporate', authorized: false },
        newClient('55-6667778-01'),
      ],
    });
  });

  it('a profile already in today’s form is read as stored', () => {
    const p = { role: 'broker', clients: [newClient('12-3456789-00', 'Acme')], filerCodes: ['B76'] };
    expect(migrateProfile(p)).toEqual(p);
  });

  it('with no IOR ticked, IORs are not checked; a ticked one checks every other', () => {
    const unticked = indexProfile({
      role: 'importer',
      filerCodes: [],
      clients: [{ ...newClient('1'), authorized: false }],
    });
    expect(unticked.authorizedIors).toBeNull();
    const ticked = indexProfile({ role: 'importer', filerCodes: [], clients: [newClient('12-3456789-00')] });
    expect(isAuthorized(ticked, 'B7603245278', '123456789 00')).toBe(true);
    expect(isAuthorized(ticked, 'B7603245278', '98-7654321-00')).toBe(false);
  });
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText, fileOf, simpleEntry } from '../../tests/factories/es003';
import { updated } from '../../tests/factories/results';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { BACKUP_FORMAT, parseBackup } from './backup';
import { DatasetService } from './dataset-service';

const open: DatasetService[] = [];
let dbCount = 0;
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function service(name = `backup-${++dbCount}`): Promise<DatasetService> {
  const s = new DatasetService(new CapeDb(name), sourceFor(), '2026-05-04');
  open.push(s);
  await s.init('2026-05-04');
  return s;
}

/** A dataset with one declaration marked submitted, a profile and edited assumptions. */
async function filled(name?: string): Promise<DatasetService> {
  const s = await service(name);
  const { snapshot } = await s.importFiles(
    [fileOf(csvText([...simpleEntry('B7603245278'), ...simpleEntry('ABC12345676')]))],
    () => undefined,
  );
  updated(await s.markSubmitted([snapshot.declarations[0]!.name], '2026-05-01', 'DEC-1'));
  updated(
    await s.saveProfile({
      role: 'importer',
      filerCodes: [],
      clients: [
        {
          importerNumber: '12-3456789-00',
          name: 'Atlas Imports',
          taxpayerType: 'non_corporate',
          designee: 'Atlas',
          achEnrolled: 'yes',
          authorized: true,
        },
      ],
    }),
  );
  updated(await s.setAssumptions({ ...s.snapshot().assumptions, includeDeferred: true }));
  return s;
}

const kept = (s: DatasetService) => {
  const snap = s.snapshot();
  return {
    ledger: snap.ledger.map(({ id: _id, ...r }) => r),
    profile: snap.profile,
    assumptions: snap.assumptions,
    entries: s.queryEntries({ offset: 0, limit: 10 }).rows.map((r) => [r.entryNumber, r.filingStatus, r.filedOn]),
  };
};

describe('the ledger backup', () => {
  it('round-trips the ledger, profile and assumptions into another dataset', async () => {
    const a = await filled();
    const file = new File([await a.exportBackup().text()], 'backup.json');
    const b = await service();
    await b.importFiles(
      [fileOf(csvText([...simpleEntry('B7603245278'), ...simpleEntry('ABC12345676')]))],
      () => undefined,
    );
    updated(await b.importBackup(file));
    expect(kept(b)).toEqual(kept(a));
    expect(kept(b).entries.map((e) => e[1])).toEqual(['SUBMITTED', 'SUBMITTED']);
  });

  it('is stored: a reload finds what was imported', async () => {
    const a = await filled();
    const file = new File([await a.exportBackup().text()], 'backup.json');
    const name = `backup-${++dbCount}`;
    const b = await service(name);
    updated(await b.importBackup(file));
    b.close();
    const again = await service(name);
    expect(again.snapshot().ledger.map((r) => [r.name, r.submittedOn, r.claimNumber])).toEqual([
      ['CAPE_12345678900_20260504_1of1.csv', '2026-05-01', 'DEC-1'],
    ]);
    expect(again.snapshot().profile.clients[0]!.designee).toBe('Atlas');
    expect(again.snapshot().assumptions.includeDeferred).toBe(true);
  });

  it('a bad file changes nothing and says why', async () => {
    const s = await filled();
    const before = kept(s);
    const good = JSON.parse(await s.exportBackup().text()) as Record<string, unknown>;
    const cases: [string, string][] = [
      ['not json', 'the file is not JSON'],
      [JSON.stringify({ ...good, format: 'other' }), `its format is not "${BACKUP_FORMAT}"`],
      [JSON.stringify({ ...good, version: 2 }), 'Backup version 2 is not one this version of the app reads'],
      [
        JSON.stringify({ ...good, ledger: [{ ...(good.ledger as object[])[0], entries: ['B76-032452'] }] }),
        'Ledger record 1: entries, item 1, is not an entry number: "B76-032452"',
      ],
      [
        JSON.stringify({ ...good, profile: { ...(good.profile as object), role: 'owner' } }),
        'The profile’s role must be one of importer, broker',
      ],
      [
        JSON.stringify({
          ...good,
          ledger: [{ ...(good.ledger as object[])[0], rulepack: { version: '2026.11.28-1', sha256: 'abc' } }],
        }),
        'Ledger record 1: rulepack sha256 is not a SHA-256 in hex.',
      ],
      [
        JSON.stringify({
          ...good,
          assumptions: {
            ...(good.assumptions as object),
            rateOverrides: [{ quarter: '2026Q1', corporate: '600' }],
          },
        }),
        'Rates for 2026Q1 must be percentages between 0 and 100.',
      ],
    ];
    for (const [text, reason] of cases) {
      const r = await s.importBackup(new File([text], 'bad.json'));
      expect(r.kind).toBe('invalid-input');
      expect(r.kind === 'invalid-input' && r.message).toContain(reason);
      expect(r.kind === 'invalid-input' && r.message).toMatch(/^bad\.json: .*Nothing was changed\.$/);
      expect(kept(s)).toEqual(before);
    }
  });

  it('parses what it writes, and only that', () => {
    expect(parseBackup('[]', '2026-05-04')).toEqual({
      kind: 'invalid',
      message: 'The file is not an object. Nothing was changed.',
    });
  });
});

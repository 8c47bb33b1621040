import { describe, expect, it } from 'vitest';
import { snapshot } from '../../tests/factories/snapshots';
import { newClient } from '../core/profile';
import { ImporterNames } from './importer-names';

describe('importer names', () => {
  it('the client list’s name wins over the data’s; any spelling of an IOR finds it', () => {
    const s = snapshot({ version: 1 });
    const iors = [
      { importerNumber: '12-3456789-00', importerName: 'ACME IMPORTS LLC' },
      { importerNumber: '98-7654321-00', importerName: 'Müller GmbH' },
    ];
    const withData = {
      ...s,
      overview: {
        ...s.overview,
        byIor: iors.map((r) => ({ ...r, count: 1, principal: 0, interest: 0, refund: 0, declaredRefund: 0 })),
      },
      profile: {
        ...s.profile,
        clients: [newClient('123456789 00', 'Acme Imports, LLC'), newClient('55-5555555-00', ' ')],
      },
    };
    const names = new ImporterNames(withData);
    expect(names.of('12-3456789-00')).toBe('Acme Imports, LLC');
    expect(names.of('98 7654321 00')).toBe('Müller GmbH');
    expect(names.of('55-5555555-00')).toBe('');
    expect(names.iors.map((o) => names.label(o))).toEqual([
      '12-3456789-00 — Acme Imports, LLC',
      '98-7654321-00 — Müller GmbH',
    ]);
  });
});

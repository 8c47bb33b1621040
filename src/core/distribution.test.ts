import { describe, expect, it } from 'vitest';
import { groupPayments } from './distribution';
import { formatDay } from './dates';
import { EMPTY_PROFILE, indexProfile, newClient } from './profile';
import { cents, day } from '../../tests/factories/entries';

describe('expected ACH payments', () => {
  const items = [
    {
      importerNumber: '12-3456789-00',
      importerName: 'Acme',
      projectedDate: day('2026-06-18'),
      principal: cents(100_000),
      interest: cents(6288),
    },
    {
      importerNumber: '12345678900',
      importerName: 'Acme',
      projectedDate: day('2026-06-18'),
      principal: cents(50_000),
      interest: cents(100),
    },
    {
      importerNumber: '12-3456789-00',
      importerName: 'Acme',
      projectedDate: day('2026-05-05'),
      principal: cents(10_000),
      interest: cents(1),
    },
    {
      importerNumber: '98-7654321-00',
      importerName: 'Beta',
      projectedDate: day('2026-06-18'),
      principal: cents(7_000),
      interest: cents(0),
    },
  ];

  it('groups by (projected date, IOR) and pays within 30 days', () => {
    const p = groupPayments(items, indexProfile(EMPTY_PROFILE), 30);
    expect(p.map((g) => [formatDay(g.projectedDate), g.importerKey, g.entries, g.refund])).toEqual([
      ['2026-05-05', '12345678900', 1, 10_001],
      ['2026-06-18', '12345678900', 2, 156_388],
      ['2026-06-18', '98765432100', 1, 7_000],
    ]);
    expect(formatDay(p[0]!.expectedBy)).toBe('2026-06-04');
    expect(p[0]!.warnings[0]).toMatch(/not confirmed/);
  });

  it('pays the Form 4811 designee and warns when ACH refund enrollment is missing', () => {
    const profile = indexProfile({
      role: 'broker',
      filerCodes: [],
      clients: [
        {
          ...newClient('98-7654321-00'),
          taxpayerType: 'corporate',
          designee: 'Broker Co (IR 55-5555555-00)',
          achEnrolled: 'no',
        },
      ],
    });
    const beta = groupPayments(items, profile, 30).find((g) => g.importerKey === '98765432100')!;
    expect(beta.recipient).toBe('Broker Co (IR 55-5555555-00)');
    expect(beta.viaDesignee).toBe(true);
    expect(beta.warnings[0]).toMatch(/CBP holds the refund/);
  });
});

import { describe, expect, it } from 'vitest';
import { builtInDocument, raisedCorporate } from '../../tests/factories/rulepacks';
import { diffRulepacks } from './rulepack-diff';

describe('what a pack changes against the pack in force', () => {
  it('nothing for the same pack, whatever its version and changelog say', () => {
    const doc = builtInDocument();
    doc.version = '2026.12.01-1';
    doc.asOf = '2026-12-01';
    doc.changes.unshift({ version: doc.version, date: doc.asOf, notes: ['No change at all.'] });
    expect(diffRulepacks(builtInDocument(), doc)).toEqual([]);
  });

  it('each changed rate, by path and in words, with the values before and after', () => {
    const changes = diffRulepacks(builtInDocument(), raisedCorporate());
    expect(changes).toHaveLength(8);
    expect(changes[0]).toEqual({
      kind: 'changed',
      path: 'overpaymentRates[quarter=2025Q1].corporate',
      where: 'Overpayment rates › 2025Q1 › corporate',
      before: '6',
      after: '7',
    });
    expect(changes.find((c) => c.path === 'overpaymentRates[quarter=2026Q2].corporate')).toMatchObject({
      before: '5',
      after: '6',
    });
  });

  it('items added and removed by their identity, not by position; a new order of the error catalogue', () => {
    const before = builtInDocument();
    const after = builtInDocument();
    after.overpaymentRates.push({
      ...after.overpaymentRates[7]!,
      quarter: '2027Q1',
      status: 'published',
      source: 'Rev. Rul. 2026-20',
    });
    after.headings.splice(0, 1);
    after.otherChapter99[1]!.to = '2026-12-31';
    after.phases.finalLiquidation.value = 'court route only';
    after.errorCatalogue.reverse();
    after.limits.holdingDays.value = 40;
    after.entryTypes.excluded.value.push('12');
    expect(diffRulepacks(before, after)).toEqual([
      {
        kind: 'removed',
        path: 'headings[heading=99030101]',
        where: 'IEEPA headings › 99030101',
        before: '99030101 (Mexico, general)',
        after: '',
      },
      {
        kind: 'changed',
        path: 'otherChapter99[id=SECTION_301_FORCED_LABOR].to',
        where: 'Other Chapter 99 programmes › SECTION_301_FORCED_LABOR › to',
        before: 'none',
        after: '2026-12-31',
      },
      {
        kind: 'added',
        path: 'overpaymentRates[quarter=2027Q1]',
        where: 'Overpayment rates › 2027Q1',
        before: '',
        after: '2027Q1: corporate 6, nonCorporate 7, status published',
      },
      {
        kind: 'changed',
        path: 'limits.holdingDays.value',
        where: 'CAPE limits › holdingDays › value',
        before: '45',
        after: '40',
      },
      {
        kind: 'changed',
        path: 'entryTypes.excluded.value',
        where: 'Entry types › excluded › value',
        before: '08, 09, 47',
        after: '08, 09, 47, 12',
      },
      {
        kind: 'changed',
        path: 'phases.finalLiquidation.value',
        where: 'Routes outside CAPE › finalLiquidation › value',
        before: 'court route only (Phase 3 limited to litigants)',
        after: 'court route only',
      },
      {
        kind: 'changed',
        path: 'errorCatalogue',
        where: 'CAPE error catalogue (order)',
        before: 'order of the pack in force',
        after: 'items in a new order',
      },
    ]);
  });
});

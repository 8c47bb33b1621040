import { describe, expect, it } from 'vitest';
import { builtInRulepack } from './builtin-rulepack';
import { effectiveRates, overridesFromLegacyTable, rateOverridesFrom } from './rate-overrides';
import type { OverpaymentRate } from './rulebook';

const PACK = builtInRulepack().pack.overpaymentRates;
const cells = (rows: ReturnType<typeof effectiveRates>) =>
  rows.map((r) => `${r.quarter} ${r.corporate}/${r.nonCorporate} ${r.status}`);

describe('the rates in force: the pack’s, with the user’s edits on top', () => {
  it('without edits, the pack’s table as it is', () => {
    const rows = effectiveRates(PACK, []);
    expect(rows.map((r) => [r.quarter, r.corporate, r.nonCorporate])).toEqual(
      PACK.map((r) => [r.quarter, r.corporate, r.nonCorporate]),
    );
    expect(rows.every((r) => r.inPack && !r.edited.corporate && !r.edited.nonCorporate)).toBe(true);
  });

  it('an edited rate stays the user’s when a newer pack arrives; every rate left alone follows the pack', () => {
    const overrides = [{ quarter: '2026Q3', corporate: '8' }];
    const newer: OverpaymentRate[] = PACK.map((r) =>
      r.quarter >= '2026Q3' ? { ...r, corporate: '7', nonCorporate: '8' } : r,
    );
    const rows = effectiveRates(newer, overrides);
    const q3 = rows.find((r) => r.quarter === '2026Q3')!;
    expect([q3.corporate, q3.nonCorporate, q3.status, q3.edited, q3.base]).toEqual([
      '8',
      '8',
      'edited',
      { corporate: true, nonCorporate: false },
      { corporate: '7', nonCorporate: '8' },
    ]);
    expect(cells(rows.filter((r) => r.quarter === '2026Q4'))).toEqual(['2026Q4 7/8 published']);
  });

  it('quarters the user adds after the table are theirs; a gap before them is filled as assumed', () => {
    const rows = effectiveRates(PACK, [{ quarter: '2027Q2', corporate: '5', nonCorporate: '6' }]);
    expect(cells(rows.slice(-3))).toEqual(['2026Q4 6/7 published', '2027Q1 6/7 assumed', '2027Q2 5/6 edited']);
  });

  it('a table from the screen becomes only the edits: rates equal to the pack’s are not kept', () => {
    const rows = effectiveRates(PACK, []);
    const table = rows.map((r) => ({ quarter: r.quarter, corporate: r.corporate, nonCorporate: r.nonCorporate }));
    expect(rateOverridesFrom(table, rows)).toEqual([]);
    table[5]!.nonCorporate = '6.5';
    table[6]!.corporate = '6.0';
    table.push({ quarter: '2027Q1', corporate: '6', nonCorporate: '7' });
    expect(rateOverridesFrom(table, rows)).toEqual([
      { quarter: '2026Q2', nonCorporate: '6.5' },
      { quarter: '2027Q1', corporate: '6', nonCorporate: '7' },
    ]);
  });

  it('settings stored before rule packs: the old built-in table means nothing was edited', () => {
    const old = ['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4'].map((quarter) => ({
      quarter,
      corporate: '6',
      nonCorporate: '7',
    }));
    expect(overridesFromLegacyTable(old)).toEqual([]);
    // So the new pack's 2026 Q2 rate (5% / 6%) reaches this user.
    expect(cells(effectiveRates(PACK, overridesFromLegacyTable(old)).filter((r) => r.quarter === '2026Q2'))).toEqual([
      '2026Q2 5/6 published',
    ]);
    // A rate the user had changed, and a quarter the user had added, stay theirs.
    old[7]!.corporate = '6.5';
    old.push({ quarter: '2027Q1', corporate: '6', nonCorporate: '7' });
    expect(overridesFromLegacyTable(old)).toEqual([
      { quarter: '2026Q4', corporate: '6.5' },
      { quarter: '2027Q1', corporate: '6', nonCorporate: '7' },
    ]);
  });
});
